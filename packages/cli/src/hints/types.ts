// What the CLI and its demo know of a provider beyond the engine's definition: how its options and
// per-call parameters are read from text (flags, help, choices), which flows it runs its own way, and the
// values and Prism answers the demo uses. Data only; the engine never reads it.
import type { FlowName } from "@finoauth/auth";

/**
 * One provider-specific option or call parameter, described for reading it from text (flags and
 * environment variables).
 */
export interface FieldInfo {
  /** The command-line flag in kebab case, without dashes: `email-address`. */
  flag: string;
  /** The value's placeholder in help: `<email>`. */
  value: string;
  /** One line of help. */
  help: string;
  /** Holds a secret: never taken from argv alone, never echoed. An option's comes from the engine's definition. */
  secret?: boolean | undefined;
  /** Needed to create the provider (`true`), or only by these flows. */
  required?: true | readonly FlowName[] | undefined;
  /** A flag that takes no value (`--par`): given, its text is "true". */
  boolean?: true | undefined;
  /** The allowed values, when there is a fixed set. */
  choices?: readonly string[] | undefined;
  /** Turns the flag's text into the option's value (default: the text itself). */
  parse?: ((text: string) => unknown) | undefined;
  /** A flow whose token's access token stands in when the value is not given (a client token that authenticates revoke). */
  fallback?: "clientCredentials" | undefined;
  /** A value that works against the Prism mock of the provider's spec (the spec's own example): what `finoauth demo` sends. */
  example?: string | undefined;
}

/** How an option is read from text; whether it is secret is the engine definition's word. */
export type OptionHint = Omit<FieldInfo, "secret">;

/** A flow added by `extend` that the CLI runs in place of `refresh`. */
export interface RefreshVia {
  /** The flow: it takes `{ refreshToken, scopes, …params }` and resolves to `{ status: "ok", token }` or another step `{ status, message, … }`. */
  flow: string;
  /** What the flow issues, for messages (`OAuth key`); default: the flow's name. */
  label?: string | undefined;
  params: Readonly<Record<string, FieldInfo>>;
  /** Pairs of parameters that must not be given together. */
  exclusive?: readonly (readonly [string, string])[] | undefined;
  /** What to tell the user after each non-token step, by its `status`. */
  next: Readonly<Record<string, string>>;
}

/** How the CLI runs one provider: its options read from text, and its flows that need more than the uniform parameters. */
export interface ProviderHints<OptionKey extends string = string> {
  /** Every option of the provider's own (beyond the base options), read from text. */
  options: { readonly [K in OptionKey]: OptionHint };
  /** Per-call parameters of the uniform flows, beyond the uniform ones (`revoke`'s client token). */
  params?: { readonly [F in FlowName]?: Readonly<Record<string, FieldInfo>> } | undefined;
  /** A flow added by `extend` that the CLI runs in place of `refresh`. */
  refreshVia?: RefreshVia | undefined;
  /** The kinds of token `revoke` accepts (default both); with one kind, the CLI sends no `tokenTypeHint` of its own. */
  revokes?: readonly ("access_token" | "refresh_token")[] | undefined;
  /** The flows that send scopes (default: every flow that takes them); the CLI refuses a scope for the others. */
  scopes?: readonly FlowName[] | undefined;
  /** How `finoauth demo` runs the provider against the Prism mock of its spec. */
  demo?: DemoHints | undefined;
}

/**
 * What the demo needs beyond the definition: values that the spec's examples accept, and which documented
 * answer (Prism's `Prefer: code=…, example=…`) each step asks the mock for.
 */
export interface DemoHints {
  /** Values of the base options and uniform parameters: `clientId`, `clientSecret`, `redirectUri`, `username`, `password`, `scopes`. */
  values?: Readonly<Record<string, string | readonly string[]>> | undefined;
  /** The mock's answer per flow (`authorizationUrl`, `exchangeCode`, `clientCredentials`, `password`, `refresh`, `revoke`). */
  prefer?: { readonly [F in FlowName]?: string } | undefined;
  /**
   * The steps of `refreshVia`, in order: each a row of the demo. A step sends the parameter named by
   * `param` (from the previous result's list `from`, its last entry, or else the parameter's `example`),
   * or `scopes` (and the key of the last step as `withKey`), and expects the answer `status`.
   */
  steps?: readonly DemoStep[] | undefined;
}

/** One step of a `refreshVia` walk in the demo. */
export interface DemoStep {
  /** The row's name. */
  label: string;
  /** Prism's `Prefer` for this step. */
  prefer: string;
  /** The status the answer must have (`ok` for a token). */
  status: string;
  /** The row's note for a non-token answer (default: the answer's message); the answer's lists are counted after it. */
  note?: string | undefined;
  /** A parameter to add to the call. */
  param?: string | undefined;
  /** Where the parameter's value comes from: a list in the previous step's result (its last entry). */
  from?: string | undefined;
  /** Scopes to ask for. */
  scopes?: readonly string[] | undefined;
  /** Send the access token of the last token step as this parameter. */
  withKey?: string | undefined;
}
