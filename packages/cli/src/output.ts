// What the CLI prints: token summaries (secrets masked unless asked), JSON for scripts, tables, and a
// progress line on stderr while waiting on the network, only when stderr is a terminal.
import { mask, type TokenSet } from "@finoauth/auth";
import type { Io } from "./io.js";
import { safe } from "./terminal.js";

export type { Io } from "./io.js";

/** `in 1 h`, `in 184 d`, `expired 3 min ago`: rounded to the largest unit that fits. */
export function relative(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.round(seconds / 60);
  const hours = Math.round(minutes / 60);
  const text =
    seconds < 90
      ? `${seconds} s`
      : minutes < 60
        ? `${minutes} min`
        : hours < 48
          ? `${hours} h`
          : `${Math.round(hours / 24)} d`;
  return ms >= 0 ? `in ${text}` : `expired ${text} ago`;
}

const show = (secret: string | undefined, showSecrets: boolean) => (showSecrets ? secret : mask(secret));

/** A token as JSON for scripts: masked unless `showSecrets` (then with the provider's raw answer too). */
export function tokenJson(
  token: TokenSet,
  meta: { grant?: string },
  showSecrets: boolean,
  now = Date.now(),
): Record<string, unknown> {
  return {
    provider: token.provider,
    ...(meta.grant ? { grant: meta.grant } : {}),
    tokenType: token.tokenType,
    accessToken: show(token.accessToken, showSecrets),
    refreshToken: show(token.refreshToken, showSecrets),
    expiresAt: token.expiresAt === undefined ? undefined : new Date(token.expiresAt).toISOString(),
    expiresIn: token.expiresAt === undefined ? undefined : Math.round((token.expiresAt - now) / 1000),
    scopes: token.scopes,
    extras: token.extras,
    ...(showSecrets ? { raw: token.raw } : {}),
  };
}

/** Label/value lines, aligned; labels and values may come from the network, and are escaped ({@link safe}). */
export function fields(rows: readonly (readonly [string, string | undefined])[]): string {
  const present = rows
    .filter((row): row is readonly [string, string] => row[1] !== undefined && row[1] !== "")
    .map(([label, value]) => [safe(label), safe(value)] as const);
  const width = Math.max(0, ...present.map(([label]) => label.length)) + 2;
  return present.map(([label, value]) => `  ${label.padEnd(width)}${value}`).join("\n");
}

/** `refreshUsesLeft` → `refresh uses left`. */
export const label = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

/** A readable token summary. */
export function tokenSummary(token: TokenSet, title: string, showSecrets: boolean, now = Date.now()): string {
  const extras = token.extras;
  return [
    title,
    fields([
      ["access token", show(token.accessToken, showSecrets)],
      ["token type", token.tokenType],
      [
        "expires",
        token.expiresAt === undefined
          ? "not stated by the provider"
          : `${new Date(token.expiresAt).toISOString()} (${relative(token.expiresAt - now)})`,
      ],
      ["refresh token", show(token.refreshToken, showSecrets) ?? "none"],
      ["scopes", token.scopes.length ? token.scopes.join(" ") : undefined],
      // The provider's extras (an account id, uses left, an echoed request id), labelled from their names.
      ...Object.entries(extras).map(
        ([name, value]) => [label(name), value === undefined ? undefined : String(value)] as const,
      ),
    ]),
    ...(showSecrets ? [] : ["(secrets masked: add --show-secrets to print them)"]),
  ].join("\n");
}

/** A plain table: a header row, then rows, columns padded to the widest cell; cells escaped ({@link safe}). */
export function table(
  heading: readonly string[],
  cells: readonly (readonly string[])[],
  rightAligned: readonly number[] = [],
): string {
  const header = heading.map(safe);
  const rows = cells.map((row) => row.map(safe));
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        rightAligned.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "─".repeat(width))), ...rows.map(line)].join("\n");
}

/** Shows `text` with a spinner on stderr until stopped, only when stderr is a terminal. */
export function progress(io: Io, text: string): { update(text: string): void; stop(): void } {
  if (!io.errIsTty) return { update() {}, stop() {} };
  const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
  let frame = 0;
  let current = text;
  const draw = () => process.stderr.write(`\r\x1b[K${frames[frame++ % frames.length]} ${current}`);
  draw();
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    update(next) {
      current = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      process.stderr.write("\r\x1b[K");
    },
  };
}

/** Runs `work` with a progress line. */
export async function withProgress<T>(io: Io, text: string, work: () => Promise<T>): Promise<T> {
  const line = progress(io, text);
  try {
    return await work();
  } finally {
    line.stop();
  }
}
