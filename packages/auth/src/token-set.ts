import { invalidOptions } from "./errors.js";
import { INSPECT, mask } from "./redact.js";

/**
 * Provider-specific facts about a token (an account id, uses left, an echoed request id), as each
 * provider's definition declares them in its token shape's `extras`.
 */
export type TokenExtras = { readonly [name: string]: string | number | undefined };

/** A TokenSet as plain data, secrets included: what a {@link TokenStore} persists. */
export interface TokenSetData<Extras extends TokenExtras = TokenExtras> {
  /** The id of the provider's definition. */
  provider: string;
  accessToken: string;
  /** As the provider spells it, with `bearer` normalised to `Bearer`. */
  tokenType: string;
  /** Absolute expiry, epoch milliseconds; absent when the provider gives none. */
  expiresAt?: number | undefined;
  refreshToken?: string | undefined;
  scopes: string[];
  extras: Extras;
  /** When we received it, epoch milliseconds. */
  obtainedAt: number;
  /** The provider's response body, as received. */
  raw: unknown;
}

/**
 * One normalised token, whatever the provider. Read `accessToken`, `refreshToken` and `raw` directly;
 * printing it (`console.log`, `util.inspect`, `JSON.stringify`, template strings) shows masked values only.
 * Use {@link TokenSet.toData} to persist it.
 */
export class TokenSet<Extras extends TokenExtras = TokenExtras> {
  readonly #data: Readonly<TokenSetData<Extras>>;

  constructor(data: TokenSetData<Extras>) {
    if (typeof data.accessToken !== "string" || data.accessToken === "") throw invalidOptions("a TokenSet needs a non-empty accessToken", data.provider);
    if (data.expiresAt !== undefined && !Number.isFinite(data.expiresAt)) throw invalidOptions("a TokenSet's expiresAt must be a finite number", data.provider);
    if (data.refreshToken === "") throw invalidOptions("a TokenSet's refreshToken may be absent, not empty", data.provider);
    this.#data = Object.freeze({ ...data, scopes: [...data.scopes], extras: { ...data.extras } });
  }

  get provider(): string { return this.#data.provider; }
  get accessToken(): string { return this.#data.accessToken; }
  get tokenType(): string { return this.#data.tokenType; }
  get expiresAt(): number | undefined { return this.#data.expiresAt; }
  get refreshToken(): string | undefined { return this.#data.refreshToken; }
  get scopes(): readonly string[] { return this.#data.scopes; }
  get extras(): Readonly<Extras> { return this.#data.extras; }
  get obtainedAt(): number { return this.#data.obtainedAt; }
  get raw(): unknown { return this.#data.raw; }

  /** Milliseconds until expiry (negative once expired); undefined when the provider gave no expiry. */
  expiresIn(now: number = Date.now()): number | undefined {
    return this.#data.expiresAt === undefined ? undefined : this.#data.expiresAt - now;
  }

  /** True when the token expires within `marginMs` of `now`. A token without expiry never expires here. */
  isExpired(now: number = Date.now(), marginMs = 0): boolean {
    const left = this.expiresIn(now);
    return left !== undefined && left <= marginMs;
  }

  /** This token, keeping `previous`'s refresh token if this response omitted one (RFC 6749 §6). */
  keepingRefreshToken(previous: string | undefined): TokenSet<Extras> {
    return this.#data.refreshToken !== undefined || previous === undefined ? this : new TokenSet({ ...this.toData(), refreshToken: previous });
  }

  /** The plain data, secrets included, for a token store. */
  toData(): TokenSetData<Extras> {
    return { ...this.#data, scopes: [...this.#data.scopes], extras: { ...this.#data.extras } };
  }

  /** Rebuilds a TokenSet from {@link TokenSet.toData}'s output. */
  static fromData<E extends TokenExtras = TokenExtras>(data: TokenSetData<E>): TokenSet<E> {
    return new TokenSet(data);
  }

  /** A printable summary: secrets masked. */
  toJSON(): Record<string, unknown> {
    const d = this.#data;
    return {
      provider: d.provider,
      tokenType: d.tokenType,
      accessToken: mask(d.accessToken),
      refreshToken: mask(d.refreshToken),
      expiresAt: d.expiresAt === undefined ? undefined : new Date(d.expiresAt).toISOString(),
      scopes: d.scopes,
      extras: d.extras,
    };
  }

  toString(): string {
    return `TokenSet ${JSON.stringify(this.toJSON())}`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}
