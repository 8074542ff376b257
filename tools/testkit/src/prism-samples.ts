// What Prism reports about a request that breaks a spec, for tests of the code that reads it (@finoauth/mock's
// violationsOf, testkit's prismFetch): one violation of each severity, as Prism writes its sl-violations header.

/** Two violations as Prism reports them: an error (a missing required field) and a warning (a deprecated parameter). */
export const SAMPLE_VIOLATIONS = [
  {
    location: ["request", "body"],
    severity: "Error",
    code: "required",
    message: "Request body must have required property 'client_id'",
  },
  {
    location: ["request", "query", "old"],
    severity: "Warning",
    code: "deprecated",
    message: "Query param old is deprecated",
  },
] as const;

/** {@link SAMPLE_VIOLATIONS} as the value of Prism's `sl-violations` header. */
export const SAMPLE_VIOLATIONS_HEADER = JSON.stringify(SAMPLE_VIOLATIONS);
