// The fields a schema documents: its properties, through `$ref` and allOf/oneOf/anyOf members (one level of
// composition, as a body's grants are written), each with the pointer of where the property lives.
import type { SpecNode } from "@finoauth/spec";
import { located, pointer } from "@finoauth/spec-diff/src/spec.mjs";
import type { DocsField } from "./model.js";

type Node = SpecNode;
const isObject = (value: unknown): value is Node => !!value && typeof value === "object" && !Array.isArray(value);

/** The JSON type a schema names (the first non-null one of a list). */
export function schemaType(schema: Node | undefined): string | undefined {
  const type = schema?.type;
  if (Array.isArray(type)) return type.find((t) => t !== "null");
  return typeof type === "string" ? type : undefined;
}

/**
 * The properties of a schema and of its composition members, by name (the first place wins), with each
 * one's type, whether it is required (by the schema that declares it) and its JSON pointer.
 */
export function schemaFields(document: Node, schema: unknown, tokens: (string | number)[]): DocsField[] {
  const fields = new Map<string, DocsField>();
  const visit = (node: unknown, at: (string | number)[], depth: number) => {
    const found = located(document, node, at);
    if (!isObject(found.node) || depth > 3) return;
    const required: unknown[] = Array.isArray(found.node.required) ? found.node.required : [];
    for (const [name, property] of Object.entries(isObject(found.node.properties) ? found.node.properties : {})) {
      if (fields.has(name)) continue;
      const where = located(document, property, [...found.at, "properties", name]);
      fields.set(name, {
        name,
        at: pointer(...found.at, "properties", name),
        type: schemaType(where.node),
        required: required.includes(name),
      });
    }
    for (const composition of ["allOf", "oneOf", "anyOf"]) {
      const members: unknown[] = Array.isArray(found.node[composition]) ? found.node[composition] : [];
      members.forEach((member, index) => {
        visit(member, [...found.at, composition, index], depth + 1);
      });
    }
  };
  visit(schema, tokens, 0);
  return [...fields.values()];
}

/** Whether a schema (or one of its composition members) declares the properties of an object value. */
export function declaresProperties(document: Node, schema: unknown): boolean {
  return schemaFields(document, schema, []).length > 0;
}
