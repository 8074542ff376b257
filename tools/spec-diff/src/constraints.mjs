// What the TypeScript types cannot see: JSON-Schema validation keywords (maxLength, pattern, enum,
// minimum, format, required, additionalProperties: false, …). Both versions of every request parameter,
// request body, response body and response header of an operation are walked side by side (through
// `$ref`, allOf/oneOf/anyOf, properties, items, prefixItems, additionalProperties), and each keyword is
// compared as a set of values: does the new keyword allow fewer values, more, the same, or is neither
// provable?
//
// Semver for a client SDK, whose contract is the spec it is generated from:
//   - a request is something the caller builds and the server validates. Fewer values allowed (a smaller
//     maxLength, a narrower enum, a new pattern): a request that was valid is refused — breaking. More
//     values: old requests still pass — additive.
//   - a response is something the server builds and the consumer reads, and consumers validate it too
//     (a Zod or Ajv schema generated from the spec, a database column sized by maxLength, a regex on an
//     id, an exhaustive switch). Fewer values: everything old consumers accept still arrives — additive.
//     More values (a larger maxLength, a dropped pattern, a wider enum): a response may now carry a value
//     old consumers' validation refuses — breaking. This is the rule the type comparison already applies
//     to a response enum that gained a value; a value range is the same kind of promise.
//   - a change that is neither provably narrower nor wider (a changed pattern: whether one regular
//     expression matches a subset of another's strings cannot be decided in general from the text, so any
//     change of a pattern that is not textually equal counts as both; a changed format; an enum that lost
//     one value and gained another) is breaking in both directions.
// Each keyword is compared on its own: if every keyword allows a subset of what it allowed, the schema
// does too, so no tightening is missed; a loosening masked by another keyword (a longer maxLength under an
// unchanged enum) may be reported although no value changed — the report names it, a reviewer decides.
import { located, pointer } from "./spec.mjs";

/** The class of a change of the set of allowed values, by where the value travels. */
const VERDICT = {
  request: { narrower: "breaking", wider: "additive", incomparable: "breaking" },
  response: { narrower: "additive", wider: "breaking", incomparable: "breaking" },
};
/** Why, in words, per direction and change. */
const WHY = {
  request: {
    narrower: "tighter: a request old callers could send is now refused",
    wider: "looser: old requests still pass",
    incomparable:
      "changed, not provably looser: treated as tighter (a request old callers could send may now be refused)",
  },
  response: {
    narrower: "tighter: old consumers still accept every value",
    wider: "looser: a response may now carry a value that old consumers' validation refuses",
    incomparable:
      "changed, not provably tighter: treated as looser (a response may now carry a value old consumers refuse)",
  },
};

const show = (value) => (value === undefined ? "none" : JSON.stringify(value));
const isNumber = (value) => typeof value === "number" && Number.isFinite(value);
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** JSON equality that ignores the order of object keys (for enum and const values). */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** From "does old allow all of new?" and "does new allow all of old?" to a change (undefined: equal). */
function changeOf(newWithinOld, oldWithinNew) {
  if (newWithinOld && oldWithinNew) return undefined;
  if (newWithinOld) return "narrower";
  if (oldWithinNew) return "wider";
  return "incomparable";
}

// Each comparator takes the old and the new schema object and returns the changes of its keywords:
// `{ keyword, change, was, now }` (keyword: the token the pointer ends with).

/** A lower count (minLength, minItems, minProperties): absent is 0; a larger one allows fewer values. */
function lowerCount(keyword) {
  return (o, n) => {
    const was = isNumber(o[keyword]) ? o[keyword] : 0;
    const now = isNumber(n[keyword]) ? n[keyword] : 0;
    return was === now ? [] : [{ keyword, change: now > was ? "narrower" : "wider", was: o[keyword], now: n[keyword] }];
  };
}

/** An upper count (maxLength, maxItems, maxProperties): absent is unbounded; a smaller one allows fewer. */
function upperCount(keyword) {
  return (o, n) => {
    const was = isNumber(o[keyword]) ? o[keyword] : Infinity;
    const now = isNumber(n[keyword]) ? n[keyword] : Infinity;
    return was === now ? [] : [{ keyword, change: now < was ? "narrower" : "wider", was: o[keyword], now: n[keyword] }];
  };
}

/**
 * The tightest bound on one side of a number: `minimum`/`maximum`, made exclusive by a boolean
 * `exclusiveMinimum`/`exclusiveMaximum` (OpenAPI 3.0), or a numeric `exclusiveMinimum`/`exclusiveMaximum`
 * (OpenAPI 3.1, JSON Schema 2020-12). `side` is +1 for the lower bound, -1 for the upper.
 */
function boundOf(schema, side) {
  const [inclusive, exclusive] = side > 0 ? ["minimum", "exclusiveMinimum"] : ["maximum", "exclusiveMaximum"];
  const candidates = [];
  if (isNumber(schema[inclusive]))
    candidates.push({ value: schema[inclusive], exclusive: schema[exclusive] === true, keyword: inclusive });
  if (isNumber(schema[exclusive])) candidates.push({ value: schema[exclusive], exclusive: true, keyword: exclusive });
  return candidates.reduce(
    (best, candidate) => (!best || tighter(candidate, best, side) > 0 ? candidate : best),
    undefined,
  );
}

/** > 0 when bound `a` allows fewer numbers than bound `b` on that side, < 0 when more, 0 when the same. */
function tighter(a, b, side) {
  if (!a && !b) return 0;
  if (!b) return 1;
  if (!a) return -1;
  if (a.value !== b.value) return side * (a.value - b.value) > 0 ? 1 : -1;
  return Number(a.exclusive) - Number(b.exclusive);
}

function bound(side) {
  const symbol = (b) =>
    b ? `${side > 0 ? (b.exclusive ? ">" : "≥") : b.exclusive ? "<" : "≤"} ${b.value}` : undefined;
  return (o, n) => {
    const was = boundOf(o, side);
    const now = boundOf(n, side);
    const order = tighter(now, was, side);
    if (order === 0) return [];
    return [
      {
        keyword: (now ?? was).keyword,
        change: order > 0 ? "narrower" : "wider",
        was: symbol(was),
        now: symbol(now),
        shown: true,
      },
    ];
  };
}

/** Whether `big` is a whole multiple of `small` (within floating-point noise: 0.3 / 0.1). */
const isMultiple = (big, small) => {
  const ratio = big / small;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
};

function multipleOf(o, n) {
  const was = isNumber(o.multipleOf) && o.multipleOf > 0 ? o.multipleOf : undefined;
  const now = isNumber(n.multipleOf) && n.multipleOf > 0 ? n.multipleOf : undefined;
  if (was === now) return [];
  // Every multiple of `now` is a multiple of `was` exactly when `now` is a multiple of `was`.
  const change = changeOf(
    was === undefined || (now !== undefined && isMultiple(now, was)),
    now === undefined || (was !== undefined && isMultiple(was, now)),
  );
  return change ? [{ keyword: "multipleOf", change, was, now }] : [];
}

function uniqueItems(o, n) {
  const was = o.uniqueItems === true;
  const now = n.uniqueItems === true;
  return was === now
    ? []
    : [{ keyword: "uniqueItems", change: now ? "narrower" : "wider", was: o.uniqueItems, now: n.uniqueItems }];
}

/** The values `const` and `enum` allow together (undefined: any value). */
function allowedValues(schema) {
  let values;
  if ("const" in schema) values = [schema.const];
  if (Array.isArray(schema.enum))
    values = values
      ? values.filter((value) => schema.enum.some((item) => canonical(item) === canonical(value)))
      : schema.enum;
  return values;
}

function enumeration(o, n) {
  const was = allowedValues(o);
  const now = allowedValues(n);
  if (!was && !now) return [];
  const within = (a, b) =>
    !b || (a !== undefined && a.every((value) => b.some((other) => canonical(other) === canonical(value))));
  const change = changeOf(within(now, was), within(was, now));
  return change
    ? [{ keyword: "const" in n || (!("enum" in n) && "const" in o) ? "const" : "enum", change, was, now }]
    : [];
}

function pattern(o, n) {
  const was = typeof o.pattern === "string" ? o.pattern : undefined;
  const now = typeof n.pattern === "string" ? n.pattern : undefined;
  if (was === now) return [];
  // Regex inclusion is not decided from the text: only an unchanged pattern is provably the same.
  return [
    {
      keyword: "pattern",
      change: was === undefined ? "narrower" : now === undefined ? "wider" : "incomparable",
      was,
      now,
    },
  ];
}

/** Formats whose values are a subset of another format's: an int32 is an int64, a float fits a double. */
const FORMAT_WITHIN = { int32: ["int64"], float: ["double"] };

function format(o, n) {
  const was = typeof o.format === "string" ? o.format : undefined;
  const now = typeof n.format === "string" ? n.format : undefined;
  if (was === now) return [];
  // OpenAPI tools (Prism, generated validators) assert formats, so a format counts as a constraint.
  let change = "incomparable";
  if (was === undefined) change = "narrower";
  else if (now === undefined || FORMAT_WITHIN[was]?.includes(now)) change = "wider";
  else if (FORMAT_WITHIN[now]?.includes(was)) change = "narrower";
  return [{ keyword: "format", change, was, now }];
}

/** The JSON types a schema allows (`type` as a string or a list, plus OpenAPI 3.0's `nullable`), or undefined for any. */
function typesOf(schema) {
  if (schema.type === undefined) return undefined;
  const types = new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
  if (schema.nullable === true) types.add("null");
  return types;
}

function type(o, n) {
  const was = typesOf(o);
  const now = typesOf(n);
  // An integer is a number: {integer} lies within {number}.
  const within = (a, b) =>
    !b || (a !== undefined && [...a].every((t) => b.has(t) || (t === "integer" && b.has("number"))));
  const change = changeOf(within(now, was), within(was, now));
  return change
    ? [
        {
          keyword: n.nullable !== o.nullable && n.type === o.type ? "nullable" : "type",
          change,
          was: was && [...was],
          now: now && [...now],
        },
      ]
    : [];
}

function required(o, n) {
  const was = Array.isArray(o.required) ? o.required : [];
  const now = Array.isArray(n.required) ? n.required : [];
  const added = now.filter((name) => !was.includes(name));
  const dropped = was.filter((name) => !now.includes(name));
  const change = changeOf(dropped.length === 0, added.length === 0);
  if (!change) return [];
  const words = [
    added.length ? `now requires ${added.map((name) => `\`${name}\``).join(", ")}` : "",
    dropped.length ? `no longer requires ${dropped.map((name) => `\`${name}\``).join(", ")}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return [{ keyword: "required", change, was, now, words }];
}

/** `additionalProperties: false` (closed) against open (absent or `true`); two schemas are walked instead. */
function additionalProperties(o, n) {
  const closed = (schema) => schema.additionalProperties === false;
  const open = (schema) => schema.additionalProperties === undefined || schema.additionalProperties === true;
  if (closed(o) === closed(n) && open(o) === open(n)) return [];
  if (isObject(o.additionalProperties) && isObject(n.additionalProperties)) return [];
  // closed ⊂ a schema ⊂ open
  const rank = (schema) => (closed(schema) ? 0 : open(schema) ? 2 : 1);
  const change = rank(n) < rank(o) ? "narrower" : "wider";
  return [{ keyword: "additionalProperties", change, was: o.additionalProperties, now: n.additionalProperties }];
}

/** Every keyword comparator, in the order a report lists them. */
const COMPARATORS = [
  type,
  enumeration,
  lowerCount("minLength"),
  upperCount("maxLength"),
  pattern,
  format,
  bound(1),
  bound(-1),
  multipleOf,
  lowerCount("minItems"),
  upperCount("maxItems"),
  uniqueItems,
  required,
  lowerCount("minProperties"),
  upperCount("maxProperties"),
  additionalProperties,
];

/** The keyword changes of one pair of (resolved) schema objects, not looking into subschemas. */
export function keywordChanges(oldSchema, newSchema) {
  return COMPARATORS.flatMap((compare) => compare(oldSchema, newSchema));
}

/**
 * Pairs the members of an allOf/oneOf/anyOf: a `$ref` member with the member of the same `$ref`, the
 * inline ones by their order among the inline ones. Returns the pairs and the unpaired indexes.
 */
function pairMembers(oldList, newList) {
  const pairs = [];
  const oldInline = oldList
    .map((member, index) => ({ member, index }))
    .filter(({ member }) => typeof member?.$ref !== "string");
  const newInline = newList
    .map((member, index) => ({ member, index }))
    .filter(({ member }) => typeof member?.$ref !== "string");
  const pairedOld = new Set();
  const pairedNew = new Set();
  newList.forEach((member, index) => {
    if (typeof member?.$ref !== "string") return;
    const oldIndex = oldList.findIndex((candidate, at) => candidate?.$ref === member.$ref && !pairedOld.has(at));
    if (oldIndex >= 0) {
      pairs.push([oldIndex, index]);
      pairedOld.add(oldIndex);
      pairedNew.add(index);
    }
  });
  for (let i = 0; i < Math.min(oldInline.length, newInline.length); i++) {
    pairs.push([oldInline[i].index, newInline[i].index]);
    pairedOld.add(oldInline[i].index);
    pairedNew.add(newInline[i].index);
  }
  return {
    pairs,
    addedNew: newList.map((_, index) => index).filter((index) => !pairedNew.has(index)),
    droppedOld: oldList.map((_, index) => index).filter((index) => !pairedOld.has(index)),
  };
}

/**
 * Compares two schemas (old and new document, each with the reference tokens of where the schema is),
 * calling `emit({ keyword, change, was, now, at, where })` for every keyword change found in them or in
 * their subschemas. `where` says in words where in the value the keyword applies (`.a.b[]`).
 */
export function compareSchemas(
  oldDocument,
  newDocument,
  oldSchema,
  newSchema,
  oldTokens,
  newTokens,
  emit,
  where = "",
  seen = new Set(),
) {
  const old = located(oldDocument, oldSchema, oldTokens);
  const now = located(newDocument, newSchema, newTokens);
  if (!isObject(old.node) || !isObject(now.node)) return;
  // A recursive schema (a tree of nodes) meets the same pair of places again: compare each pair once.
  const key = `${pointer(...old.at)} ${pointer(...now.at)}`;
  if (seen.has(key)) return;
  seen.add(key);
  const o = old.node;
  const n = now.node;
  for (const change of keywordChanges(o, n)) emit({ ...change, at: [...now.at, change.keyword], where });
  const into = (oldChild, newChild, oldPath, newPath, place) =>
    compareSchemas(
      oldDocument,
      newDocument,
      oldChild,
      newChild,
      [...old.at, ...oldPath],
      [...now.at, ...newPath],
      emit,
      place,
      seen,
    );
  if (isObject(o.properties) && isObject(n.properties)) {
    for (const name of Object.keys(n.properties)) {
      if (name in o.properties)
        into(o.properties[name], n.properties[name], ["properties", name], ["properties", name], `${where}.${name}`);
    }
  }
  if (isObject(o.patternProperties) && isObject(n.patternProperties)) {
    for (const name of Object.keys(n.patternProperties)) {
      if (name in o.patternProperties)
        into(
          o.patternProperties[name],
          n.patternProperties[name],
          ["patternProperties", name],
          ["patternProperties", name],
          `${where}{/${name}/}`,
        );
    }
  }
  if (isObject(o.additionalProperties) && isObject(n.additionalProperties))
    into(
      o.additionalProperties,
      n.additionalProperties,
      ["additionalProperties"],
      ["additionalProperties"],
      `${where}{*}`,
    );
  if (isObject(o.items) && isObject(n.items)) into(o.items, n.items, ["items"], ["items"], `${where}[]`);
  else if (isObject(o.items) !== isObject(n.items)) {
    // `items` added: every element is now constrained (narrower); removed: wider.
    emit({
      keyword: "items",
      change: isObject(n.items) ? "narrower" : "wider",
      was: o.items === undefined ? undefined : "a schema",
      now: n.items === undefined ? undefined : "a schema",
      at: [...now.at, "items"],
      where,
    });
  }
  if (Array.isArray(o.prefixItems) && Array.isArray(n.prefixItems)) {
    for (let i = 0; i < Math.min(o.prefixItems.length, n.prefixItems.length); i++)
      into(o.prefixItems[i], n.prefixItems[i], ["prefixItems", i], ["prefixItems", i], `${where}[${i}]`);
  }
  for (const composition of ["allOf", "anyOf", "oneOf"]) {
    const oldList = Array.isArray(o[composition]) ? o[composition] : [];
    const newList = Array.isArray(n[composition]) ? n[composition] : [];
    if (oldList.length === 0 && newList.length === 0) continue;
    const { pairs, addedNew, droppedOld } = pairMembers(oldList, newList);
    for (const [oldIndex, newIndex] of pairs)
      into(oldList[oldIndex], newList[newIndex], [composition, oldIndex], [composition, newIndex], where);
    // allOf is an intersection: a member more allows fewer values. anyOf/oneOf are unions: a member more
    // allows more (oneOf is taken as a union of disjoint members, as OpenAPI's discriminated unions are).
    const more = composition === "allOf" ? "narrower" : "wider";
    const fewer = composition === "allOf" ? "wider" : "narrower";
    for (const index of addedNew)
      emit({
        keyword: composition,
        change: more,
        was: undefined,
        now: newList[index]?.$ref ?? "an inline schema",
        at: [...now.at, composition, index],
        where,
        words: `gained a member (${newList[index]?.$ref ?? "an inline schema"})`,
      });
    for (const index of droppedOld)
      emit({
        keyword: composition,
        change: fewer,
        was: oldList[index]?.$ref ?? "an inline schema",
        now: undefined,
        at: [...now.at, composition],
        where,
        words: `lost a member (${oldList[index]?.$ref ?? "an inline schema"})`,
      });
  }
}

const label = (status) => (status === "default" ? "the default response" : `status ${status}`);
/** Keys parameters and headers as HTTP does: header names are case-insensitive. */
const parameterKey = (parameter) =>
  `${parameter.in} ${parameter.in === "header" ? String(parameter.name).toLowerCase() : parameter.name}`;

/** The parameters that apply to an operation (the path item's, overridden by the operation's own), by `in name`. */
function parametersOf(document, path, method, item, operation) {
  const parameters = new Map();
  const lists = [
    [item?.parameters, ["paths", path, "parameters"]],
    [operation.parameters, ["paths", path, method, "parameters"]],
  ];
  for (const [list, tokens] of lists) {
    (Array.isArray(list) ? list : []).forEach((parameter, index) => {
      const found = located(document, parameter, [...tokens, index]);
      if (isObject(found.node) && found.node.name !== undefined && found.node.in !== undefined)
        parameters.set(parameterKey(found.node), found);
    });
  }
  return parameters;
}

/** A `required: true` flag (of a parameter, a request body, a response header) as a keyword change. */
function requiredFlag(old, now, change) {
  const was = old.node.required === true;
  const is = now.node.required === true;
  if (was === is) return undefined;
  return {
    keyword: "required",
    change: change(is),
    was: old.node.required,
    now: now.node.required,
    at: [...now.at, "required"],
  };
}

/**
 * Every constraint change of the operations both versions have (`common`, from structuralChanges), as
 * findings `{ class, pointer, message, operation, operations, constraint }`: one per place and change,
 * listing every operation it reaches (a component shared by many operations is reported once).
 */
export function constraintChanges(oldDocument, newDocument, common) {
  const found = new Map();
  for (const { key, old, now } of common) {
    /** Records the changes of one part of this operation. */
    // `place`: what the value is (`header parameter \`X-Request-Id\``); `context`: which response it is in.
    const collect = (direction, place, context) => (change) => {
      const where = change.where ? `${place} at \`${change.where.replace(/^\./, "")}\`` : place;
      const id = [
        direction,
        pointer(...change.at),
        change.keyword,
        show(change.was),
        show(change.now),
        change.words ?? "",
      ].join("\u0000");
      const entry = found.get(id) ?? { direction, change, operations: [], places: new Map() };
      if (!entry.operations.includes(key)) entry.operations.push(key);
      const contexts = entry.places.get(where) ?? [];
      if (context && !contexts.includes(context)) contexts.push(context);
      entry.places.set(where, contexts);
      found.set(id, entry);
    };
    const compare = (direction, place, oldSchema, newSchema, oldTokens, newTokens, context) =>
      compareSchemas(
        oldDocument,
        newDocument,
        oldSchema,
        newSchema,
        oldTokens,
        newTokens,
        collect(direction, place, context),
      );

    // Request parameters: path, query, header, cookie.
    const oldParameters = parametersOf(oldDocument, old.path, old.method, old.item, old.operation);
    for (const [name, parameter] of parametersOf(newDocument, now.path, now.method, now.item, now.operation)) {
      const before = oldParameters.get(name);
      if (!before) continue;
      const place = `${parameter.node.in} parameter \`${parameter.node.name}\``;
      const flag = requiredFlag(before, parameter, (is) => (is ? "narrower" : "wider"));
      if (flag) collect("request", place)(flag);
      if (before.node.schema !== undefined && parameter.node.schema !== undefined)
        compare(
          "request",
          place,
          before.node.schema,
          parameter.node.schema,
          [...before.at, "schema"],
          [...parameter.at, "schema"],
        );
      for (const mediaType of Object.keys(isObject(parameter.node.content) ? parameter.node.content : {})) {
        const was = before.node.content?.[mediaType];
        if (was)
          compare(
            "request",
            `${place} (${mediaType})`,
            was.schema,
            parameter.node.content[mediaType].schema,
            [...before.at, "content", mediaType, "schema"],
            [...parameter.at, "content", mediaType, "schema"],
          );
      }
    }

    /** Compares the schema of every media type both located `content` holders (a body, a response) list. */
    const compareContents = (side, name, before, after, where) => {
      for (const [mediaType, media] of Object.entries(isObject(after.node.content) ? after.node.content : {})) {
        const was = before.node.content?.[mediaType];
        if (was)
          compare(
            side,
            `${name} (${mediaType})`,
            was.schema,
            media?.schema,
            [...before.at, "content", mediaType, "schema"],
            [...after.at, "content", mediaType, "schema"],
            where,
          );
      }
    };

    // Request bodies: every media type both versions accept.
    const oldBody = located(oldDocument, old.operation.requestBody, ["paths", old.path, old.method, "requestBody"]);
    const newBody = located(newDocument, now.operation.requestBody, ["paths", now.path, now.method, "requestBody"]);
    if (isObject(oldBody.node) && isObject(newBody.node)) {
      const flag = requiredFlag(oldBody, newBody, (is) => (is ? "narrower" : "wider"));
      if (flag) collect("request", "request body")(flag);
      compareContents("request", "request body", oldBody, newBody);
    }

    // Responses: the bodies (every media type) and headers of every status both versions document.
    const oldResponses = located(oldDocument, old.operation.responses, ["paths", old.path, old.method, "responses"]);
    const newResponses = located(newDocument, now.operation.responses, ["paths", now.path, now.method, "responses"]);
    for (const status of Object.keys(isObject(newResponses.node) ? newResponses.node : {})) {
      if (!isObject(oldResponses.node) || !(status in oldResponses.node)) continue;
      const was = located(oldDocument, oldResponses.node[status], [...oldResponses.at, status]);
      const is = located(newDocument, newResponses.node[status], [...newResponses.at, status]);
      if (!isObject(was.node) || !isObject(is.node)) continue;
      compareContents("response", "response body", was, is, label(status));
      const oldHeaders = new Map(
        Object.entries(isObject(was.node.headers) ? was.node.headers : {}).map(([name, header]) => [
          name.toLowerCase(),
          [name, header],
        ]),
      );
      for (const [name, header] of Object.entries(isObject(is.node.headers) ? is.node.headers : {})) {
        const before = oldHeaders.get(name.toLowerCase());
        if (!before) continue;
        const oldHeader = located(oldDocument, before[1], [...was.at, "headers", before[0]]);
        const newHeader = located(newDocument, header, [...is.at, "headers", name]);
        if (!isObject(oldHeader.node) || !isObject(newHeader.node)) continue;
        const place = `response header \`${name}\``;
        // A header no longer required may be missing: more responses are valid (wider).
        const flag = requiredFlag(oldHeader, newHeader, (required) => (required ? "narrower" : "wider"));
        if (flag) collect("response", place, label(status))(flag);
        compare(
          "response",
          place,
          oldHeader.node.schema,
          newHeader.node.schema,
          [...oldHeader.at, "schema"],
          [...newHeader.at, "schema"],
          label(status),
        );
      }
    }
  }
  return [...found.values()].map(({ direction, change, operations, places }) => {
    const list = (items, separator) =>
      items.length > 4
        ? `${items.slice(0, 3).join(separator)}${separator}and ${items.length - 3} more`
        : items.join(separator);
    const shown = list(
      [...places].map(([where, contexts]) => (contexts.length ? `${where} of ${list(contexts, ", ")}` : where)),
      "; ",
    );
    // A bound is shown as written (`≥ 0`), any other value as JSON.
    const value = (v) => (change.shown ? (v ?? "none") : show(v));
    const what = change.words ?? `${change.keyword} ${value(change.was)} → ${value(change.now)}`;
    return {
      class: VERDICT[direction][change.change],
      pointer: pointer(...change.at),
      operation: operations.join(", "),
      operations,
      places: [...places.keys()],
      message: `${shown}: ${what} (${WHY[direction][change.change]})`,
      constraint: {
        keyword: change.keyword,
        direction,
        change: change.change,
        was: change.was ?? null,
        now: change.now ?? null,
      },
    };
  });
}
