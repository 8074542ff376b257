import { isInstant } from "./bounds.js";
import { invalidOptions } from "./errors.js";
import { INSPECT, mask } from "./redact.js";

/**
 * Provider-specific facts about a token (an account id, uses left, an echoed request id), as each
 * provider's definition declares them in its token shape's `extras`.
 */
export type TokenExtras = { readonly [name: string]: string | number | undefined };

/**
 * What a sender-constrained token is bound to (RFC 7800 `cnf`): the RFC 7638 thumbprint of the DPoP key
 * (`jkt`, RFC 9449 §6) or the SHA-256 thumbprint of the client certificate (`x5t#S256`, RFC 8705 §3.1).
 * Thumbprints are public: they name a key without revealing it.
 */
export interface TokenBinding {
  readonly jkt?: string | undefined;
  readonly "x5t#S256"?: string | undefined;
}

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
  /** What the token is bound to: absent for a plain bearer token. */
  cnf?: TokenBinding | undefined;
}

/** Set by {@link trustedTokenSet} for the one constructor call it makes. */
let trusting = false;

/**
 * A TokenSet from data the engine built and checked itself (a token answer read by `readToken`: strings,
 * scopes and extras of the right types, in fresh objects nobody else holds), without checking and copying
 * it again. Not exported from the package: anything from outside goes through the constructor's checks.
 */
export function trustedTokenSet<Extras extends TokenExtras>(data: TokenSetData<Extras>): TokenSet<Extras> {
  trusting = true;
  try {
    return new TokenSet(data);
  } finally {
    trusting = false;
  }
}

/**
 * One normalised token, whatever the provider. Read `accessToken`, `refreshToken` and `raw` directly;
 * printing it (`console.log`, `util.inspect`, `JSON.stringify`, template strings) shows masked values only.
 * Use {@link TokenSet.toData} to persist it.
 */
export class TokenSet<Extras extends TokenExtras = TokenExtras> {
  readonly #data: Readonly<TokenSetData<Extras>>;

  constructor(data: TokenSetData<Extras>) {
    if (trusting) {
      trusting = false;
      // Made by the engine from an answer it has just checked field by field (see readToken): only the
      // instants, which come from the clock option, are checked again; the fresh data is kept as it is.
      if ((data.expiresAt === undefined || isInstant(data.expiresAt)) && isInstant(data.obtainedAt)) {
        this.#data = Object.freeze(data);
        return;
      }
    }
    if (typeof data.accessToken !== "string" || data.accessToken === "")
      throw invalidOptions("a TokenSet needs a non-empty accessToken", data.provider);
    // Nothing a TokenSet holds may make its printers throw (toJSON writes expiresAt as an ISO date).
    if (data.expiresAt !== undefined && !isInstant(data.expiresAt))
      throw invalidOptions(
        "a TokenSet's expiresAt must be epoch milliseconds between 1970 and the end of year 9999",
        data.provider,
      );
    if (!isInstant(data.obtainedAt))
      throw invalidOptions(
        "a TokenSet's obtainedAt must be epoch milliseconds between 1970 and the end of year 9999",
        data.provider,
      );
    if (data.refreshToken === "")
      throw invalidOptions("a TokenSet's refreshToken may be absent, not empty", data.provider);
    if (data.refreshToken !== undefined && typeof data.refreshToken !== "string")
      throw invalidOptions("a TokenSet's refreshToken must be a string", data.provider);
    if (typeof data.provider !== "string" || typeof data.tokenType !== "string")
      throw invalidOptions("a TokenSet's provider and tokenType must be strings", data.provider);
    if (!Array.isArray(data.scopes) || !data.scopes.every((scope) => typeof scope === "string"))
      throw invalidOptions("a TokenSet's scopes must be a list of strings", data.provider);
    if (data.extras === null || typeof data.extras !== "object")
      throw invalidOptions("a TokenSet's extras must be an object", data.provider);
    for (const value of Object.values(data.extras)) {
      if (value !== undefined && typeof value !== "string" && !(typeof value === "number" && Number.isFinite(value))) {
        throw invalidOptions("a TokenSet's extras must be strings or finite numbers", data.provider);
      }
    }
    if (data.cnf !== undefined) checkBinding(data.cnf, data.provider);
    const { cnf, ...rest } = data;
    // A bound token keeps its cnf; a plain one has no cnf key at all (its stored form is as before).
    this.#data = Object.freeze({
      ...rest,
      scopes: [...data.scopes],
      extras: { ...data.extras },
      ...(cnf === undefined ? {} : { cnf: Object.freeze({ ...cnf }) }),
    });
  }

  get provider(): string {
    return this.#data.provider;
  }
  get accessToken(): string {
    return this.#data.accessToken;
  }
  get tokenType(): string {
    return this.#data.tokenType;
  }
  get expiresAt(): number | undefined {
    return this.#data.expiresAt;
  }
  get refreshToken(): string | undefined {
    return this.#data.refreshToken;
  }
  get scopes(): readonly string[] {
    return this.#data.scopes;
  }
  get extras(): Readonly<Extras> {
    return this.#data.extras;
  }
  get obtainedAt(): number {
    return this.#data.obtainedAt;
  }
  get raw(): unknown {
    return this.#data.raw;
  }
  /** What the token is bound to (DPoP key, client certificate); undefined for a plain bearer token. */
  get cnf(): TokenBinding | undefined {
    return this.#data.cnf;
  }

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
    return this.#data.refreshToken !== undefined || previous === undefined
      ? this
      : new TokenSet({ ...this.toData(), refreshToken: previous });
  }

  /** The plain data, secrets included, for a token store. */
  toData(): TokenSetData<Extras> {
    const { cnf } = this.#data;
    return {
      ...this.#data,
      scopes: [...this.#data.scopes],
      extras: { ...this.#data.extras },
      ...(cnf === undefined ? {} : { cnf: { ...cnf } }),
    };
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
      ...(d.cnf === undefined ? {} : { cnf: d.cnf }),
    };
  }

  toString(): string {
    return `TokenSet ${JSON.stringify(this.toJSON())}`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}

/** A `cnf` a TokenSet may hold: an object whose `jkt` and `x5t#S256`, when present, are non-empty strings. */
function checkBinding(cnf: unknown, provider: string): void {
  const fields = cnf as Record<string, unknown> | null;
  if (
    fields === null ||
    typeof fields !== "object" ||
    !Object.keys(fields).every(
      (name) =>
        (name === "jkt" || name === "x5t#S256") &&
        (fields[name] === undefined || (typeof fields[name] === "string" && fields[name] !== "")),
    )
  )
    throw invalidOptions('a TokenSet\'s cnf must be { jkt?, "x5t#S256"? } with non-empty strings', provider);
}
