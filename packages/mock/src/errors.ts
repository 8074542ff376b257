/** Why a mock could not start or stopped: each code is one thing to fix. */
export type MockErrorCode =
  /** The spec is unknown, missing, not YAML/JSON, not OpenAPI, or Prism refused it. */
  | "BAD_SPEC"
  /** The port asked for is taken (another process listens on it). */
  | "PORT_IN_USE"
  /** Prism (or its watchdog) exited before it listened, for another reason than the two above. */
  | "PRISM_EXITED"
  /** Prism did not listen within `timeoutMs`. */
  | "TIMEOUT"
  /** An option is invalid: a port outside 1–65535, an upstream that is not an http(s) URL. */
  | "BAD_OPTION";

/**
 * The error of `startMock`, `startMocks` and the spec walker: `code` says what went wrong, the message says
 * which spec, what Prism printed last and what to do.
 */
export class MockError extends Error {
  override readonly name = "MockError";
  constructor(
    readonly code: MockErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
