// The state of authorization-code flows: what is remembered between the authorization URL and its callback,
// single-use and expiring, and compared in constant time.

/** What is remembered between building the authorization URL and handling its callback. */
export interface PendingAuthorization {
  state: string;
  /** The id of the provider that issued it: another provider's callback refuses it. */
  provider?: string | undefined;
  /**
   * The provider instance that issued it, as a hash of its id, client id, server (base URL, token
   * endpoint) and issuer: another instance's callback refuses it, whatever options were given.
   */
  instance?: string | undefined;
  /** The authorization server's issuer, when known: the callback's `iss` (RFC 9207) must match it. */
  issuer?: string | undefined;
  /** Whether the server always sends `iss` (its metadata's `authorization_response_iss_parameter_supported`). */
  issuerRequired?: boolean | undefined;
  codeVerifier?: string | undefined;
  redirectUri?: string | undefined;
  /** Epoch milliseconds after which the callback is refused; a record without a finite one is refused too. */
  expiresAt: number;
}

/**
 * Where pending authorizations wait for their callback. `take` must remove what it returns, so that a
 * state is used once. The default keeps them in memory; a server with several instances passes a shared one.
 * What `take` returns is checked field by field before it is used: a store that drops or retypes fields
 * (a JSON round trip of `undefined`, a number stored as text) gets its records refused, never trusted.
 */
export interface StateStore {
  put(key: string, value: PendingAuthorization): Promise<void>;
  take(key: string): Promise<PendingAuthorization | undefined>;
}

/**
 * The in-memory {@link StateStore}. Expired entries are dropped as new ones arrive, and it holds at most
 * `maxEntries` (default 10,000): past that the oldest pending authorization is dropped, so a flood of
 * authorization requests cannot grow memory without bound.
 */
export class MemoryStateStore implements StateStore {
  readonly #entries = new Map<string, PendingAuthorization>();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  async put(key: string, value: PendingAuthorization): Promise<void> {
    const now = this.now();
    for (const [k, v] of this.#entries) if (v.expiresAt <= now) this.#entries.delete(k);
    while (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, value);
  }

  async take(key: string): Promise<PendingAuthorization | undefined> {
    const value = this.#entries.get(key);
    this.#entries.delete(key);
    return value;
  }
}

/** How long a state is accepted: 10 minutes. */
export const STATE_TTL_MS = 10 * 60 * 1000;

/** Whether a callback's state could be one `randomToken` (pkce.ts) made (32 bytes: 43 base64url characters). */
export function isStateShaped(state: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(state);
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}
