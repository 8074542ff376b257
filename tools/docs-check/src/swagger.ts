// Swagger 2.0, turned into the OpenAPI 3 shape the rest of docs-check reads: `body` and `formData`
// parameters become a request body per `consumes` media type, a response `schema` and `examples` become
// `content` per `produces` media type, `#/definitions/…` becomes `#/components/schemas/…`. Parameters keep
// their place; a converted body or response content is marked with `x-docs-at`, its place in the Swagger file.
import { HTTP_METHODS, type SpecNode } from "@finoauth/spec";
import { pointer } from "@finoauth/spec-diff/src/spec.mjs";

type Node = SpecNode;
const isObject = (value: unknown): value is Node => !!value && typeof value === "object" && !Array.isArray(value);

/** A copy of a value with every `#/definitions/X` reference rewritten to `#/components/schemas/X` (iterative: bounded input). */
function rewriteRefs<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value ?? null, (key, inner) =>
      key === "$ref" && typeof inner === "string"
        ? inner
            .replace(/^#\/definitions\//, "#/components/schemas/")
            .replace(/^#\/parameters\//, "#/components/parameters/")
        : inner,
    ),
  );
}

/** The keywords of a Swagger 2.0 non-body parameter that make its schema. */
const SCHEMA_KEYS = [
  "type",
  "format",
  "items",
  "enum",
  "default",
  "minimum",
  "maximum",
  "maxLength",
  "minLength",
  "pattern",
];
const schemaOf = (parameter: Node) =>
  Object.fromEntries(SCHEMA_KEYS.filter((key) => key in parameter).map((key) => [key, parameter[key]]));

/** One Swagger 2.0 operation in the OpenAPI 3 shape. */
function convertOperation(swagger: Node, operation: Node, inherited: unknown[], at: (string | number)[]): Node {
  const consumes: string[] = operation.consumes ?? swagger.consumes ?? ["application/json"];
  const produces: string[] = operation.produces ?? swagger.produces ?? ["application/json"];
  const parameters: Node[] = [];
  const form: Node = { type: "object", properties: {}, required: [] };
  let body: Node | undefined;
  const all = [...inherited, ...(Array.isArray(operation.parameters) ? operation.parameters : [])];
  all.forEach((parameter, index) => {
    const p = isObject(parameter) && typeof parameter.$ref === "string" ? parameter : (parameter as Node);
    if (p?.in === "body") {
      body = {
        "x-docs-at": pointer(...at, "parameters", index),
        required: p.required === true,
        content: Object.fromEntries(consumes.map((type) => [type, { schema: p.schema }])),
      };
    } else if (p?.in === "formData") {
      form.properties[p.name] = schemaOf(p);
      if (p.required === true) form.required.push(p.name);
    } else if (isObject(p)) {
      parameters.push({ ...p, schema: schemaOf(p) });
    }
  });
  if (!body && Object.keys(form.properties).length > 0) {
    const types = consumes.filter((type) => /form/.test(type));
    body = {
      "x-docs-at": pointer(...at, "parameters"),
      // A form with a required field is a required body.
      required: form.required.length > 0,
      content: Object.fromEntries(
        (types.length ? types : ["application/x-www-form-urlencoded"]).map((type) => [type, { schema: form }]),
      ),
    };
  }
  const responses: Node = {};
  for (const [status, response] of Object.entries<Node>(isObject(operation.responses) ? operation.responses : {})) {
    const converted: Node = {
      description: response?.description ?? "",
      "x-docs-at": pointer(...at, "responses", status),
    };
    if (isObject(response?.headers))
      converted.headers = Object.fromEntries(
        Object.entries<Node>(response.headers).map(([name, header]) => [name, { schema: header }]),
      );
    const examples: Node = isObject(response?.examples) ? response.examples : {};
    if (response?.schema || Object.keys(examples).length) {
      const types = [...new Set([...produces, ...Object.keys(examples)])];
      converted.content = Object.fromEntries(
        types.map((type) => [
          type,
          { schema: response.schema, ...(type in examples ? { example: examples[type] } : {}) },
        ]),
      );
    }
    responses[status] = converted;
  }
  return { ...operation, parameters, ...(body ? { requestBody: body } : {}), responses };
}

/** A Swagger 2.0 document as an OpenAPI 3.1-shaped one (servers from `schemes`, `host`, `basePath`). */
export function fromSwagger(input: Node): Node {
  const swagger = rewriteRefs(input);
  const paths: Node = {};
  for (const [path, item] of Object.entries<Node>(isObject(swagger.paths) ? swagger.paths : {})) {
    const converted: Node = {};
    for (const method of HTTP_METHODS)
      if (isObject(item?.[method]))
        converted[method] = convertOperation(swagger, item[method], item.parameters ?? [], ["paths", path, method]);
    paths[path] = converted;
  }
  const schemes: string[] = swagger.schemes ?? ["https"];
  const servers = swagger.host
    ? schemes.map((scheme) => ({ url: `${scheme}://${swagger.host}${swagger.basePath ?? ""}` }))
    : [];
  return {
    openapi: "3.1.0",
    info: swagger.info ?? {},
    servers,
    paths,
    components: { schemas: swagger.definitions ?? {}, parameters: swagger.parameters ?? {} },
  };
}
