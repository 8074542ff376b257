// Every example the docs show, judged by the spec: validated against the spec's schema for that operation,
// status and media type (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it), and walked for fields the
// spec's schema does not declare (a documented response field the spec lacks is drift even where the
// schema leaves additional properties open).
import type { SpecNode } from "@finoauth/spec";
import { located, pointer } from "@finoauth/spec-diff/src/spec.mjs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { Pair } from "./compare.js";
import type { Finding } from "./finding.js";
import type { DocsExample } from "./model.js";
import { jsonType } from "./postman.js";
import { schemaFields } from "./schema-fields.js";

type Node = SpecNode;
const isObject = (value: unknown): value is Node => !!value && typeof value === "object" && !Array.isArray(value);

/** Validators over one spec: one for JSON values, one that reads form strings as the types the schema names. */
export class SpecValidator {
  readonly #json = new Ajv2020({ strict: false, allErrors: true });
  readonly #form = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: Node) {
    for (const ajv of [this.#json, this.#form]) {
      // ajv-formats is CommonJS: under Node its plugin is `default` (or `default.default` through some bundlers).
      (addFormats.default ?? addFormats)(ajv);
      ajv.addSchema({ ...document, $id: "urn:finoauth:spec" }, "urn:finoauth:spec");
    }
  }

  /** The errors of `value` against the schema at `schemaPointer` (`#/…`) in the spec; none when it is valid. */
  errors(value: unknown, schemaPointer: string, form: boolean): ErrorObject[] {
    const id = `${form ? "form" : "json"} ${schemaPointer}`;
    let validate = this.#compiled.get(id);
    if (!validate) {
      const ajv = form ? this.#form : this.#json;
      const fragment = schemaPointer.slice(1).split("/").map(encodeURIComponent).join("/");
      validate =
        ajv.getSchema(`urn:finoauth:spec#${fragment}`) ?? ajv.compile({ $ref: `urn:finoauth:spec#${fragment}` });
      this.#compiled.set(id, validate);
    }
    // Coercion writes into the value: validate a copy.
    return validate(form ? structuredClone(value) : value) ? [] : [...(validate.errors ?? [])];
  }
}

/** Ajv's errors in a few words: `/expires_in must be integer; must have required property 'scope'`. */
function describe(errors: ErrorObject[]): string {
  const useful = errors.filter((error) => !["oneOf", "anyOf", "if"].includes(error.keyword));
  return (useful.length ? useful : errors)
    .slice(0, 3)
    .map((error) => `${error.instancePath || "the value"} ${error.message ?? error.keyword}`)
    .join("; ");
}

/**
 * The fields of an example value that the spec's schema does not declare, walked into objects and arrays
 * (bounded depth). A schema that declares no properties, or a map (`additionalProperties` a schema), allows any.
 */
function unknownFields(
  document: Node,
  value: unknown,
  schema: unknown,
  tokens: (string | number)[],
  where: string,
  depth = 0,
): { name: string; type: string; schemaAt: string }[] {
  if (depth > 20) return [];
  const found = located(document, schema, tokens);
  if (!isObject(found.node)) return [];
  if (Array.isArray(value))
    return value.flatMap((item) =>
      unknownFields(document, item, found.node?.items, [...found.at, "items"], `${where}[]`, depth + 1),
    );
  if (!isObject(value)) return [];
  const fields = schemaFields(document, found.node, found.at);
  if (fields.length === 0 || isObject(found.node.additionalProperties)) return [];
  const out: { name: string; type: string; schemaAt: string }[] = [];
  for (const [name, inner] of Object.entries(value)) {
    const field = fields.find((candidate) => candidate.name === name);
    if (!field) {
      out.push({ name: `${where}${name}`, type: jsonType(inner), schemaAt: pointer(...found.at, "properties") });
      continue;
    }
    const tokensOfField = field.at
      .slice(2)
      .split("/")
      .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
    const node = tokensOfField.reduce<SpecNode | undefined>((parent, key) => parent?.[key], document);
    out.push(...unknownFields(document, inner, node, tokensOfField, `${where}${name}.`, depth + 1));
  }
  return out;
}

/** Validates one example; returns a finding when it does not fit the spec's schema. */
function judge(
  validator: SpecValidator,
  operation: string,
  example: DocsExample,
  schemaAt: string,
  form: boolean,
  label: string,
  title: string | undefined,
): Finding[] {
  const errors = validator.errors(example.value, schemaAt, form);
  if (errors.length === 0) return [];
  return [
    {
      kind: "example-invalid",
      operation,
      name: label,
      message: `the docs' ${label} example does not fit the spec's schema: ${describe(errors)}`,
      spec: schemaAt,
      docs: example.at,
      docsTitle: title,
    },
  ];
}

/** Every request and response example of one documented operation, judged by the spec. */
export function judgeExamples(validator: SpecValidator, pair: Pair): { fields: Finding[]; invalid: Finding[] } {
  const operation = `${pair.spec.method} ${pair.spec.path}`;
  const fields: Finding[] = [];
  const invalid: Finding[] = [];
  for (const docs of pair.docs) {
    for (const body of docs.bodies) {
      const spec = pair.spec.bodies.find((candidate) => candidate.mediaType === body.mediaType);
      if (!spec) continue;
      for (const example of body.examples)
        invalid.push(
          ...judge(validator, operation, example, `${spec.at}/schema`, body.form === true, "request body", docs.title),
        );
    }
    for (const response of docs.responses) {
      const spec = pair.spec.responses.find(
        (candidate) => candidate.status === response.status && candidate.mediaType === response.mediaType,
      );
      if (!spec?.mediaType) continue;
      const schemaAt = `${spec.at}/schema`;
      const tokens = schemaAt
        .slice(2)
        .split("/")
        .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
      const schema = tokens.reduce<SpecNode | undefined>((parent, key) => parent?.[key], validator.document);
      for (const example of response.examples) {
        for (const field of unknownFields(validator.document, example.value, schema, tokens, ""))
          fields.push({
            kind: "response-field-not-in-spec",
            operation,
            name: `${response.status} ${field.name}`,
            message: `the docs' ${response.status} response has field \`${field.name}\`, the spec's schema does not declare it`,
            spec: field.schemaAt,
            docs: example.at,
            docsTitle: docs.title,
            suggestion: `add property \`${field.name.split(".").pop()!.replace("[]", "")}\` (type ${field.type}) at ${field.schemaAt}`,
          });
        invalid.push(
          ...judge(validator, operation, example, schemaAt, false, `${response.status} response`, docs.title),
        );
      }
    }
  }
  return { fields, invalid };
}
