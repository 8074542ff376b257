// `mock` and `demo` need @finoauth/mock (and through it Prism, some 180 packages): an optional peer that
// `npm i @finoauth/cli` does not install. It is loaded when one of those commands runs, never bundled.
import { CliError, EXIT_FAILURE } from "./errors.js";

/** What the CLI uses of @finoauth/mock. */
export type MockModule = typeof import("@finoauth/mock");

/** Loads @finoauth/mock; tests inject one that fails as a missing package does. */
export type LoadMock = () => Promise<MockModule>;

const importMock: LoadMock = () => import("@finoauth/mock");

/** The one line that says how to add @finoauth/mock, for `finoauth <command>`. */
export function mockMissing(command: string): string {
  return `finoauth ${command} needs @finoauth/mock (Prism), which is not installed: npm i -D @finoauth/mock next to @finoauth/cli (global: npm i -g @finoauth/mock; npx: npx -p @finoauth/cli -p @finoauth/mock finoauth ${command})`;
}

/** Whether an import failed because @finoauth/mock itself is not installed (not a module inside it). */
function isMockMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
    typeof message === "string" &&
    /['"]@finoauth\/mock['"]/.test(message)
  );
}

/**
 * Loads @finoauth/mock for `finoauth <command>`. When it is not installed, throws a {@link CliError} whose
 * one line says how to add it; any other failure is thrown as it is.
 */
export async function loadMock(command: string, load: LoadMock = importMock): Promise<MockModule> {
  try {
    return await load();
  } catch (error) {
    if (isMockMissing(error)) throw new CliError(mockMissing(command), EXIT_FAILURE);
    throw error;
  }
}
