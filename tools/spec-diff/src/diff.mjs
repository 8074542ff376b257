// What a spec edit means for the users of the generated package, decided by the TypeScript compiler.
//
// Both versions of a spec are turned into types exactly as the generator does (openapi-typescript), and
// one in-memory TypeScript program asks, per operation and per status:
//   - can every request an old caller could write still be sent (old request type assignable to the new,
//     and no field or parameter of the old request missing from the new: the excess-property check)?
//   - does every response the new spec allows still fit the old consumer's type (new assignable to old)?
//   - are the two types identical (then only documentation changed)?
// Plus what types cannot show: removed operations and servers, changed media types, changed security,
// and changed validation keywords (maxLength, pattern, enum, minimum, format, …: constraints.mjs).

import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { parse } from "yaml";
import { constraintChanges } from "./constraints.mjs";
import { deref, operationsOf, pointer } from "./spec.mjs";

/**
 * @typedef {{ class: "breaking" | "additive" | "docs", pointer: string, message: string, operation?: string,
 *   status?: string, reason?: string, mediaType?: boolean, security?: boolean, operations?: string[],
 *   constraint?: { keyword: string, direction: "request" | "response", change: "narrower" | "wider" | "incomparable", was: unknown, now: unknown } }} Finding
 * @typedef {{ spec: string, class: "breaking" | "additive" | "docs", findings: Finding[], unchanged?: boolean }} SpecReport
 */

/** The three classes of change, weakest first, and the semver bump each one needs. */
export const CLASSES = ["docs", "additive", "breaking"];
/** The changesets bump that a class of change needs: breaking → major, additive → minor, docs → patch. */
export const BUMP_OF = { docs: "patch", additive: "minor", breaking: "major" };

/** The strongest of some classes (`"docs"` for none). */
export function strongest(classes) {
  return classes.reduce((a, b) => (CLASSES.indexOf(b) > CLASSES.indexOf(a) ? b : a), "docs");
}

export { pointer };

/** The types openapi-typescript generates for a spec's text (what `pnpm generate` writes to schema.ts). */
export async function typesOf(specText) {
  return astToString(await openapiTS(specText, { alphabetize: false, silent: true }));
}

const isSuccess = (status) => /^2/.test(status);
const statusesOf = (document, operation) => Object.keys(deref(document, operation.responses) ?? {});
const label = (status) => (status === "default" ? "the default response" : `status ${status}`);

/** The media types of an operation's request body, and of one of its responses. */
function requestMediaTypes(document, operation) {
  return Object.keys(deref(document, operation.requestBody)?.content ?? {});
}
function responseMediaTypes(document, operation, status) {
  return Object.keys(deref(document, deref(document, operation.responses)?.[status])?.content ?? {});
}

/** The security requirements that apply to an operation (its own, else the document's), normalised. */
function securityOf(document, operation) {
  const requirements = operation.security ?? document.security ?? [];
  // No requirement at all means anyone may call: the same as one empty requirement `{}`.
  if (requirements.length === 0) return ["none"];
  return requirements.map(
    (requirement) =>
      Object.keys(requirement)
        .sort()
        .map((name) => {
          const scheme = deref(document, document.components?.securitySchemes?.[name]) ?? {};
          const how = [scheme.type, scheme.scheme, scheme.in, scheme.name].filter(Boolean).join(" ");
          const scopes = [...(requirement[name] ?? [])].sort();
          return `${name} (${how})${scopes.length ? ` [${scopes.join(", ")}]` : ""}`;
        })
        .join(" + ") || "none",
  );
}

const words = (list) => (list.length ? list.map((item) => `\`${item}\``).join(", ") : "nothing");
const servers = (document) =>
  (document?.servers ?? []).map((server, index) => ({ name: server["x-name"] ?? `#${index}`, url: server.url, index }));

/**
 * The changes a type system cannot see, in plain words with their JSON pointers: removed and added
 * operations, servers, request and response media types, security. Also returns the operations both
 * versions have, for the type checks.
 */
export function structuralChanges(oldDocument, newDocument) {
  const findings = [];
  const add = (kind, where, message, extra = {}) => findings.push({ class: kind, pointer: where, message, ...extra });
  const before = operationsOf(oldDocument);
  const after = operationsOf(newDocument);
  const common = [];
  for (const [key, { path, method, operation }] of before) {
    if (!after.has(key)) {
      add(
        "breaking",
        pointer("paths", path, method),
        `operation \`${key}\`${operation.operationId ? ` (${operation.operationId})` : ""} was removed: old calls no longer type-check`,
        { operation: key },
      );
    } else common.push(key);
  }
  for (const [key, { path, method, operation }] of after) {
    if (!before.has(key))
      add(
        "additive",
        pointer("paths", path, method),
        `operation \`${key}\`${operation.operationId ? ` (${operation.operationId})` : ""} was added`,
        { operation: key },
      );
  }
  for (const key of common) {
    const old = before.get(key);
    const now = after.get(key);
    const oldMedia = requestMediaTypes(oldDocument, old.operation);
    const newMedia = requestMediaTypes(newDocument, now.operation);
    const at = pointer("paths", now.path, now.method, "requestBody", "content");
    if (oldMedia.join() !== newMedia.join()) {
      const removed = oldMedia.filter((type) => !newMedia.includes(type));
      add(
        removed.length ? "breaking" : "additive",
        at,
        removed.length
          ? `request body of \`${key}\` changed media type from ${words(oldMedia)} to ${words(newMedia)}: the body goes on the wire in another encoding (form ↔ JSON), so callers that set Content-Type or a body serializer, and @finoauth/auth's adapter, must change`
          : `request body of \`${key}\` also accepts ${words(newMedia.filter((type) => !oldMedia.includes(type)))}`,
        { operation: key, mediaType: true },
      );
    }
    const oldStatuses = statusesOf(oldDocument, old.operation);
    for (const status of statusesOf(newDocument, now.operation).filter((status) => oldStatuses.includes(status))) {
      const was = responseMediaTypes(oldDocument, old.operation, status);
      const is = responseMediaTypes(newDocument, now.operation, status);
      if (was.join() === is.join()) continue;
      const gone = was.filter((type) => !is.includes(type));
      add(
        gone.length ? "breaking" : "additive",
        pointer("paths", now.path, now.method, "responses", status, "content"),
        `${label(status)} of \`${key}\` changed media type from ${words(was)} to ${words(is)}`,
        { operation: key, status, mediaType: true },
      );
    }
    const oldSecurity = securityOf(oldDocument, old.operation);
    const newSecurity = securityOf(newDocument, now.operation);
    if (oldSecurity.join("|") !== newSecurity.join("|")) {
      // Still fine for old callers only if every way they could authenticate is still accepted.
      const kept =
        oldSecurity.every((requirement) => newSecurity.includes(requirement)) || newSecurity.includes("none");
      add(
        kept ? "additive" : "breaking",
        now.operation.security ? pointer("paths", now.path, now.method, "security") : pointer("security"),
        `security of \`${key}\` changed from ${words(oldSecurity)} to ${words(newSecurity)}${kept ? "" : ": old callers' credentials are no longer accepted, @finoauth/auth's adapter must change"}`,
        { operation: key, security: true },
      );
    }
  }
  const oldServers = servers(oldDocument);
  const newServers = servers(newDocument);
  for (const server of oldServers) {
    const now = newServers.find((candidate) => candidate.name === server.name);
    if (!now)
      add(
        "breaking",
        pointer("servers", server.index),
        `server \`${server.name}\` (${server.url}) was removed: its exported URL constant is gone`,
      );
    else if (now.url !== server.url)
      add(
        "additive",
        pointer("servers", now.index, "url"),
        `server \`${server.name}\` moved from ${server.url} to ${now.url}`,
      );
  }
  for (const server of newServers) {
    if (!oldServers.some((candidate) => candidate.name === server.name))
      add("additive", pointer("servers", server.index), `server \`${server.name}\` (${server.url}) was added`);
  }
  if (oldServers[0] && newServers[0] && oldServers[0].name !== newServers[0].name) {
    add(
      "breaking",
      pointer("servers", 0),
      `the default server changed from \`${oldServers[0].name}\` to \`${newServers[0].name}\`: clients created without a baseUrl now call another host`,
    );
  }
  return { findings, common: common.map((key) => ({ key, old: before.get(key), now: after.get(key) })) };
}

// The type helpers of every check file: what a caller sends and what a consumer receives, as
// openapi-fetch derives them from the generated `paths`.
const PRELUDE = `
type Eq<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Params<Op> = Op extends { parameters: infer P } ? P : never;
type Body<Op> = Op extends { requestBody: { content: infer C } } ? C[keyof C] : Op extends { requestBody?: { content: infer C } } ? C[keyof C] | undefined : undefined;
type Res<Op, S extends PropertyKey> = Op extends { responses: infer R } ? S extends keyof R ? R[S] extends { content: infer C } ? C[keyof C] : undefined : never : never;
type NewBody<Op, S extends PropertyKey> = [Res<Op, S>] extends [undefined] ? never : Res<Op, S>;
type Keys<T> = T extends unknown ? keyof T : never;
type At<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
type Excess<A, B, D extends unknown[] = []> = D["length"] extends 8 ? never
  : A extends readonly (infer EA)[] ? Excess<EA, NonNullable<B> extends readonly (infer EB)[] ? EB : never, [...D, 1]>
  : A extends object ? Exclude<keyof A, Keys<NonNullable<B>>> | { [K in keyof A & Keys<NonNullable<B>>]-?: Excess<NonNullable<A[K]>, At<NonNullable<B>, K>, [...D, 1]> }[keyof A & Keys<NonNullable<B>>]
  : never;
`;

/** Escapes a string as a TypeScript literal type. */
const lit = (text) => JSON.stringify(text);
/** A status as openapi-typescript keys it in \`responses\`: a number (200), or a string ("default", "4XX"). */
const statusKey = (status) => (/^\d+$/.test(status) ? status : JSON.stringify(status));

/**
 * Builds the check file of one spec: one line per question, so that each compiler diagnostic maps back
 * to its question by line. Returns the source and the questions (with their line numbers).
 */
function checkFile(index, oldDocument, newDocument, common) {
  const lines = [
    `import type * as O from "./${index}.old";`,
    `import type * as N from "./${index}.new";`,
    ...PRELUDE.trim().split("\n"),
  ];
  // A question whose answer is known ("no"), so that a checker that silently accepts everything (an
  // import that did not resolve, types that became \`any\`) is caught instead of reporting "docs".
  const canaryLine = lines.length;
  lines.push(
    `declare const canary: keyof O.paths | keyof N.paths | 1; export const canaryCheck: keyof O.paths | keyof N.paths = canary;`,
  );
  const questions = [];
  let n = 0;
  /** Adds "is `source` assignable to `target`?" and "are they identical?" for one part of an operation. */
  const ask = (question, source, target) => {
    const id = n++;
    const asked = { ...question, assignLine: lines.length, equalLine: lines.length + 1, reverseLine: lines.length + 2 };
    questions.push(asked);
    lines.push(`declare const s${id}: ${source}; export const a${id}: ${target} = s${id};`);
    lines.push(`export const e${id}: Eq<${source}, ${target}> = true;`);
    // The other direction only explains an additive change (what the new side adds or drops).
    lines.push(`declare const r${id}: ${target}; export const b${id}: ${source} = r${id};`);
    if (question.direction === "request") {
      // Assignability ignores properties the target does not declare; an old caller's object literal
      // with such a property fails (excess property check), and the server refuses it
      // (additionalProperties: false). So also ask which of the old request's keys the new one lacks.
      asked.excessLine = lines.length;
      lines.push(`declare const x${id}: Excess<${source}, ${target}>; export const k${id}: never = x${id};`);
    }
  };
  for (const { key, old, now } of common) {
    const oldOp = `O.paths[${lit(old.path)}][${lit(old.method)}]`;
    const newOp = `N.paths[${lit(now.path)}][${lit(now.method)}]`;
    const base = pointer("paths", now.path, now.method);
    ask(
      { key, part: "parameters", direction: "request", pointer: `${base}/parameters` },
      `Params<${oldOp}>`,
      `Params<${newOp}>`,
    );
    ask(
      { key, part: "request body", direction: "request", pointer: `${base}/requestBody` },
      `Body<${oldOp}>`,
      `Body<${newOp}>`,
    );
    const oldStatuses = statusesOf(oldDocument, old.operation);
    const newStatuses = statusesOf(newDocument, now.operation);
    for (const status of newStatuses) {
      const newType = `Res<${newOp}, ${statusKey(status)}>`;
      const where = `${base}/responses/${status}`;
      if (oldStatuses.includes(status)) {
        ask(
          { key, part: label(status), status, direction: "response", pointer: where },
          newType,
          `Res<${oldOp}, ${statusKey(status)}>`,
        );
      } else {
        // A new status: old code handles it if its body fits what old consumers already receive in
        // the same place (openapi-fetch's `data` for 2xx, `error` for the rest).
        const sameSide = oldStatuses.filter((other) => isSuccess(other) === isSuccess(status));
        // A body-less response adds nothing to openapi-fetch's `data`/`error` types.
        const oldUnion = sameSide.length
          ? sameSide.map((other) => `Res<${oldOp}, ${statusKey(other)}>`).join(" | ")
          : "never";
        ask(
          {
            key,
            part: label(status),
            status,
            direction: "new status",
            pointer: where,
            side: isSuccess(status) ? "data" : "error",
          },
          `NewBody<${newOp}, ${statusKey(status)}>`,
          oldUnion,
        );
      }
    }
    for (const status of oldStatuses.filter((status) => !newStatuses.includes(status))) {
      questions.push({
        key,
        part: label(status),
        status,
        direction: "removed status",
        pointer: `${pointer("paths", old.path, old.method)}/responses/${status}`,
      });
    }
  }
  return { source: `${lines.join("\n")}\n`, questions, canaryLine };
}

/** The most specific lines of a compiler diagnostic (the end of its chain), shortened for a report. */
function reason(diagnostic) {
  if (!diagnostic) return undefined;
  const chain = ts
    .flattenDiagnosticMessageText(diagnostic.messageText, "\n")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  // Long structural types say little in a report: shorten every quoted type beyond 80 characters.
  const lines = (chain.length > 1 ? chain.slice(1) : chain).map((line) =>
    line.replace(/'([^']{80,})'/g, (_, type) => `'${type.slice(0, 60)}…'`),
  );
  const text = lines.slice(-2).join(" ");
  return text.length > 400 ? `${text.slice(0, 397)}…` : text;
}

let libCache;
/** Source files of the standard library, parsed once per process. */
function libFile(fileName) {
  libCache ??= new Map();
  if (!libCache.has(fileName)) {
    const path = ts.getDefaultLibFilePath({}).replace(/[^/\\]+$/, fileName);
    libCache.set(fileName, ts.createSourceFile(path, ts.sys.readFile(path) ?? "", ts.ScriptTarget.ES2022, true));
  }
  return libCache.get(fileName);
}

/** Type-checks in-memory files (name → source) in one program; returns the semantic diagnostics per file. */
function typeCheck(files, roots) {
  const options = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es5.d.ts"],
    types: [],
    skipLibCheck: true,
    noUnusedLocals: false,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
  };
  const sourceFiles = new Map();
  const host = {
    getSourceFile(fileName, languageVersion) {
      if (files.has(fileName)) {
        if (!sourceFiles.has(fileName))
          sourceFiles.set(fileName, ts.createSourceFile(fileName, files.get(fileName), languageVersion, true));
        return sourceFiles.get(fileName);
      }
      const base = fileName.replace(/^.*[/\\]/, "");
      if (/^lib\..*\.d\.ts$/.test(base)) return libFile(base);
      return undefined;
    },
    getDefaultLibFileName: () => "/lib/lib.es5.d.ts",
    getDefaultLibLocation: () => "/lib",
    writeFile() {},
    getCurrentDirectory: () => "/",
    getDirectories: () => [],
    fileExists: (fileName) => files.has(fileName),
    readFile: (fileName) => files.get(fileName),
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
  };
  const program = ts.createProgram({ rootNames: roots, options, host });
  const result = new Map();
  for (const root of roots) result.set(root, program.getSemanticDiagnostics(program.getSourceFile(root)));
  return { result, program };
}

/**
 * Classifies the change between two versions of each spec. `pairs`: `[{ spec, oldText, newText }]`
 * (`oldText` undefined for a new spec, `newText` undefined for a removed one). Returns one report per
 * spec: `{ spec, class, findings: [{ class, pointer, message, operation?, status?, reason? }] }`, the
 * findings strongest first. One TypeScript program checks every pair at once.
 * @param {{ spec: string, oldText?: string, newText?: string }[]} pairs
 * @returns {Promise<SpecReport[]>}
 */
export async function diffSpecs(pairs) {
  const files = new Map();
  const roots = [];
  const work = await Promise.all(
    pairs.map(async (pair, index) => {
      if (pair.oldText === undefined || pair.newText === undefined) return { pair, index };
      const oldDocument = parse(pair.oldText);
      const newDocument = parse(pair.newText);
      const { findings, common } = structuralChanges(oldDocument, newDocument);
      const constraints = constraintChanges(oldDocument, newDocument, common);
      const [oldTypes, newTypes] = await Promise.all([typesOf(pair.oldText), typesOf(pair.newText)]);
      const check = checkFile(index, oldDocument, newDocument, common);
      files.set(`/${index}.old.ts`, oldTypes);
      files.set(`/${index}.new.ts`, newTypes);
      files.set(`/${index}.check.ts`, check.source);
      roots.push(`/${index}.check.ts`);
      return { pair, index, findings, constraints, check };
    }),
  );
  const { result, program } = roots.length ? typeCheck(files, roots) : { result: new Map() };
  return work.map(({ pair, index, findings = [], constraints = [], check }) => {
    if (pair.oldText === undefined)
      return report(pair.spec, [{ class: "additive", pointer: "#", message: `specs/${pair.spec}.yaml is new` }]);
    if (pair.newText === undefined)
      return report(pair.spec, [{ class: "breaking", pointer: "#", message: `specs/${pair.spec}.yaml was removed` }]);
    const file = program.getSourceFile(`/${index}.check.ts`);
    const byLine = new Map();
    for (const diagnostic of result.get(`/${index}.check.ts`)) {
      const line = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
      if (!byLine.has(line)) byLine.set(line, diagnostic);
    }
    const asked = new Set(
      check.questions.flatMap((question) => [
        question.assignLine,
        question.equalLine,
        question.reverseLine,
        question.excessLine,
      ]),
    );
    const unexpected = [...byLine].filter(([line]) => !asked.has(line) && line !== check.canaryLine);
    if (!byLine.has(check.canaryLine) || unexpected.length > 0) {
      const detail = unexpected
        .map(([, diagnostic]) => ts.flattenDiagnosticMessageText(diagnostic.messageText, " "))
        .join("; ");
      throw new Error(
        `spec-diff: the type check of specs/${pair.spec}.yaml did not run as built${detail ? `: ${detail}` : " (the canary passed)"}`,
      );
    }
    const typeFindings = [];
    for (const question of check.questions) {
      const base = {
        operation: question.key,
        pointer: question.pointer,
        ...(question.status ? { status: question.status } : {}),
      };
      if (question.direction === "removed status") {
        typeFindings.push({
          ...base,
          class: "additive",
          message: `\`${question.key}\`: ${question.part} is no longer documented (old code that handles it still compiles)`,
        });
        continue;
      }
      const fits = !byLine.has(question.assignLine);
      const equal = !byLine.has(question.equalLine);
      if (question.direction === "request") {
        const excess = byLine.get(question.excessLine);
        if (!fits)
          typeFindings.push({
            ...base,
            class: "breaking",
            message: `\`${question.key}\`: ${question.part} that old callers send no longer ${question.part === "parameters" ? "type-check" : "type-checks"}`,
            reason: reason(byLine.get(question.assignLine)),
          });
        else if (excess)
          typeFindings.push({
            ...base,
            class: "breaking",
            message: `\`${question.key}\`: ${question.part} no longer has a field that old callers may send`,
            reason: reason(excess),
          });
        else if (!equal)
          typeFindings.push({
            ...base,
            class: "additive",
            message: `\`${question.key}\`: ${question.part} ${question.part === "parameters" ? "accept" : "accepts"} more than before (old calls still type-check)`,
            reason: reason(byLine.get(question.reverseLine)),
          });
      } else if (question.direction === "response") {
        if (!fits)
          typeFindings.push({
            ...base,
            class: "breaking",
            message: `\`${question.key}\`: ${question.part} can now carry a body that old consumers' types do not allow`,
            reason: reason(byLine.get(question.assignLine)),
          });
        else if (!equal)
          typeFindings.push({
            ...base,
            class: "additive",
            message: `\`${question.key}\`: ${question.part} is narrower than before (old consumers still handle it)`,
            reason: reason(byLine.get(question.reverseLine)),
          });
      } else if (question.direction === "new status") {
        if (fits)
          typeFindings.push({
            ...base,
            class: "additive",
            message: `\`${question.key}\`: new ${question.part}; its body fits what old consumers already handle as \`${question.side}\``,
          });
        else
          typeFindings.push({
            ...base,
            class: "breaking",
            message: `\`${question.key}\`: new ${question.part} whose body old consumers' \`${question.side}\` type does not allow`,
            reason: reason(byLine.get(question.assignLine)),
          });
      }
    }
    // Within a class, the compiler's findings come before the constraint findings (which they often explain).
    const all = [...findings, ...typeFindings, ...constraints];
    if (all.length === 0) {
      all.push(
        pair.oldText === pair.newText
          ? { class: "docs", pointer: "#", message: "unchanged (the same text)" }
          : {
              class: "docs",
              pointer: "#",
              message:
                "the generated types and every compared validation keyword are the same: only documentation changed (descriptions, examples, …)",
            },
      );
    }
    return { ...report(pair.spec, all), ...(pair.oldText === pair.newText ? { unchanged: true } : {}) };
  });
}

/** @returns {SpecReport} */
function report(spec, findings) {
  const sorted = [...findings].sort((a, b) => CLASSES.indexOf(b.class) - CLASSES.indexOf(a.class));
  return { spec, class: strongest(sorted.map((finding) => finding.class)), findings: sorted };
}

/**
 * Whether `@finoauth/auth`'s adapter for a spec's provider must change with it: on any breaking change (of the TypeScript client),
 * and on any change of media type or security (the adapter encodes bodies and authenticates).
 */
export function authMustChange(specReport) {
  // A finding about the Java client (`language: "java"`) does not touch the TypeScript adapter.
  return specReport.findings.some(
    (finding) =>
      finding.language !== "java" &&
      (finding.class === "breaking" || (finding.class !== "docs" && (finding.mediaType || finding.security))),
  );
}
