// Text that came from the network (a provider's error_description, scope, token extras, Prism's log…)
// reaches the terminal only with its control characters escaped: a raw ESC, BEL, C1 control, CR, backspace
// or bidi override lets a hostile server move the cursor, clear the screen, set the window title, hide a
// line or reorder what the user reads. Light on purpose: `--help` loads it, and it imports nothing.
import type { Io } from "./io.js";

/**
 * Every character that can change what a terminal shows beyond the glyph itself: C0 (U+0000–U+001F, tab,
 * CR and LF included), DEL and C1 (U+007F–U+009F, where 8-bit CSI U+009B lives), the bidi marks and
 * overrides (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), and the line and paragraph separators
 * (U+2028–U+2029).
 */
const CONTROLS = "\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const CONTROL = new RegExp(`[${CONTROLS}]`, "gu");
const CONTROL_BUT_NEWLINE = new RegExp(`(?!\\n)[${CONTROLS}]`, "gu");

/** `\u001b`: the JSON escape, so that a JSON text stays valid JSON with the same value. */
const escapeOne = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** One value from the network, for a place in a line: every control character escaped, line breaks included. */
export const safe = (text: string): string => text.replace(CONTROL, escapeOne);

/**
 * Printed text: every control character escaped except the line breaks the printer writes. On a JSON text
 * it keeps the JSON valid and its value the same (JSON.stringify escapes C0 itself but leaves DEL, C1 and
 * the bidi characters raw; here they become `\u` escapes too).
 */
export const safeLines = (text: string): string => text.replace(CONTROL_BUT_NEWLINE, escapeOne);

/** A value as the JSON the CLI prints: indented, with no raw control character but its own line breaks. */
export const jsonText = (value: unknown): string => safeLines(JSON.stringify(value, null, 2));

/** An {@link Io} whose every write goes through {@link safeLines}: the last guard before the terminal. */
export function safeIo(io: Io): Io {
  return { ...io, out: (text) => io.out(safeLines(text)), err: (text) => io.err(safeLines(text)) };
}
