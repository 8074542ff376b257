// From a spec-diff report to changesets: the table, the changeset file, and the CI check that a
// changed spec comes with a changeset whose bump is at least what the diff requires.
import { createHash } from "node:crypto";
import { authMustChange, BUMP_OF } from "./diff.mjs";

/** The package that publishes `@finoauth/auth`'s adapters. */
export const AUTH_PACKAGE = "@finoauth/auth";
const BUMPS = ["patch", "minor", "major"];
/** The command that writes the changesets the check asks for. */
export const WRITE_COMMAND = "pnpm spec:diff --changeset";

const cell = (text) =>
  String(text ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");

/**
 * The bumps one spec's report requires, by package name: its generated package by the report's class
 * (breaking → major, additive → minor, docs → patch), and `@finoauth/auth` (patch) when its adapter
 * for the provider must change.
 */
export function requiredBumps(specReport, packageName) {
  const bumps = { [packageName]: BUMP_OF[specReport.class] };
  if (authMustChange(specReport)) bumps[AUTH_PACKAGE] = "patch";
  return bumps;
}

/** One spec's report as a Markdown section: a heading with the bump, and a table of the findings. */
export function renderMarkdown(specReport, packageName) {
  const bumps = requiredBumps(specReport, packageName);
  const lines = [
    `### ${packageName} (specs/${specReport.spec}.yaml): ${specReport.unchanged ? "unchanged" : `${specReport.class} → ${bumps[packageName]}`}`,
    "",
    "| class | operation | where | change |",
    "|---|---|---|---|",
    ...specReport.findings.map(
      (finding) =>
        `| ${finding.class} | ${cell(finding.operation ?? "—")} | \`${cell(finding.pointer)}\` | ${cell(finding.message)}${finding.reason ? ` (compiler: ${cell(finding.reason)})` : ""} |`,
    ),
  ];
  if (bumps[AUTH_PACKAGE])
    lines.push("", `${AUTH_PACKAGE}: patch (its adapter for this provider must change with the client).`);
  return lines.join("\n");
}

/** The file name and text of the changeset for one spec's report: `.changeset/<spec>-<hash>.md`. */
export function changesetFor(specReport, packageName, newText) {
  const bumps = requiredBumps(specReport, packageName);
  const hash = createHash("sha256")
    .update(newText ?? "")
    .digest("hex")
    .slice(0, 8);
  const text = [
    "---",
    ...Object.entries(bumps).map(([name, bump]) => `"${name}": ${bump}`),
    "---",
    "",
    `specs/${specReport.spec}.yaml changed (\`pnpm spec:diff\`): ${specReport.class}.`,
    "",
    renderMarkdown(specReport, packageName),
    "",
  ].join("\n");
  return { file: `.changeset/${specReport.spec}-${hash}.md`, text };
}

/** The bumps a changeset file declares in its front matter, by package name. */
export function parseChangeset(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const bumps = {};
  for (const line of (match?.[1] ?? "").split(/\r?\n/)) {
    const entry = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (entry) bumps[entry[1].trim()] = entry[2];
  }
  return bumps;
}

/**
 * Checks that the changesets cover what the diff requires. `required`: `[{ spec, specClass, bumps }]`;
 * `changesets`: `[{ file, text }]` (the ones new or changed since the base); `command`: the command
 * that writes the missing changesets. Returns the problems in plain words (empty: the check passes).
 */
export function checkChangesets(required, changesets, command = WRITE_COMMAND) {
  const declared = {};
  for (const { text } of changesets) {
    for (const [name, bump] of Object.entries(parseChangeset(text))) {
      if (BUMPS.indexOf(bump) > BUMPS.indexOf(declared[name] ?? "")) declared[name] = bump;
    }
  }
  const problems = [];
  for (const { spec, specClass, bumps } of required) {
    for (const [name, bump] of Object.entries(bumps)) {
      const have = declared[name];
      if (have && BUMPS.indexOf(have) >= BUMPS.indexOf(bump)) continue;
      problems.push(
        `specs/${spec}.yaml changed (${specClass}): ${name} needs a ${bump} bump, ` +
          (have ? `but the changesets give it only ${have}` : "but no changeset since the base bumps it") +
          `. Run \`${command}\` to write one (then review and commit it).`,
      );
    }
  }
  return problems;
}
