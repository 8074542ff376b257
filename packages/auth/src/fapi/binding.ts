// A provider's sender constraint (RFC 9449 DPoP, RFC 8705 certificate-bound tokens): the proofs on its
// wire, the token types it accepts, what each token it obtains is bound to, and the check before a bound
// token is used. Built once by createProvider for a definition that opts in (`boundTokens: true`).
import type { AnyDefinition, BaseOptions } from "../definition.js";
import { bindingMismatch, invalidOptions } from "../errors.js";
import { type TokenBinding, TokenSet } from "../token-set.js";
import type { TokenShape } from "../token-shape.js";
import { checkDpopKey, DpopSigner } from "./dpop.js";
import { type ClientFetch, withDpop } from "./dpop-fetch.js";
import { certificateThumbprint } from "./thumbprint.js";

/** The options this reads by name: `dpop` (this file's), `tls` (the client certificate, RFC 8705). */
interface ConstraintOptions {
  dpop?: unknown;
  tls?: { cert?: unknown } | undefined;
}

/** What a provider's tokens are bound to, and how its requests prove it. */
export interface SenderConstraint {
  /** The DPoP proof maker, when the `dpop` option is given. */
  readonly signer: DpopSigner | undefined;
  /** The fetch every generated client is given, with a DPoP proof on each request when there is a key. */
  wrap(fetch: ClientFetch): ClientFetch;
  /** The definition's token shape, accepting `token_type: DPoP` when there is a key. */
  tokenShape(shape: TokenShape): TokenShape;
  /** `token`, with its `cnf` recorded: `jkt` for a DPoP token, `x5t#S256` for one obtained with a client certificate. */
  bind<T extends TokenSet>(token: T): Promise<T>;
  /** What this provider's tokens are bound to: `{ jkt }`, `{ "x5t#S256" }`, both or neither. */
  binding(): Promise<TokenBinding>;
}

/** Refuses `token` when it is bound (its `cnf`) to another key or certificate than `expected`. */
export function checkBound(token: TokenSet, expected: TokenBinding | undefined, where: string): void {
  const cnf = token.cnf;
  if (cnf === undefined) return;
  if (cnf.jkt !== undefined && cnf.jkt !== expected?.jkt) throw bindingMismatch("DPoP key", where, token.provider);
  if (cnf["x5t#S256"] !== undefined && cnf["x5t#S256"] !== expected?.["x5t#S256"])
    throw bindingMismatch("client certificate", where, token.provider);
}

/**
 * The sender constraint of a provider: checks `dpop` (a bad key is `invalid_options` at creation) and
 * reads the client certificate of `tls`. `undefined` when the definition does not opt in: then a `dpop`
 * option is refused, since nothing would send its proofs.
 */
export function senderConstraint(definition: AnyDefinition, options: BaseOptions): SenderConstraint | undefined {
  const { dpop, tls } = options as BaseOptions & ConstraintOptions;
  if (!definition.boundTokens) {
    if (dpop !== undefined)
      throw invalidOptions(
        `dpop: ${definition.displayName} takes no DPoP proofs (its definition does not opt in)`,
        definition.id,
      );
    return undefined;
  }
  const signer =
    dpop === undefined ? undefined : new DpopSigner(dpop as CryptoKeyPair, checkDpopKey(dpop, definition.id));
  const cert = typeof tls?.cert === "string" ? tls.cert : undefined;
  let certificate: Promise<string> | undefined;
  const x5t = () => {
    certificate ??= certificateThumbprint(cert as string).catch(() => {
      throw invalidOptions("tls.cert must be a PEM certificate (-----BEGIN CERTIFICATE-----)", definition.id);
    });
    return certificate;
  };
  return {
    signer,
    wrap: (fetch) => (signer ? withDpop(fetch, signer) : fetch),
    tokenShape: (shape) => (signer ? { ...shape, tokenTypes: [...(shape.tokenTypes ?? ["Bearer"]), "DPoP"] } : shape),
    bind: async <T extends TokenSet>(token: T): Promise<T> => {
      // RFC 9449 §5: a server may answer a DPoP request with a Bearer token; that one is bound to no key.
      const cnf: TokenBinding | undefined =
        token.tokenType === "DPoP" && signer
          ? { jkt: await signer.thumbprint() }
          : cert !== undefined
            ? { "x5t#S256": await x5t() }
            : undefined;
      return cnf === undefined ? token : (new TokenSet({ ...token.toData(), cnf }) as T);
    },
    async binding() {
      return {
        ...(signer ? { jkt: await signer.thumbprint() } : {}),
        ...(cert !== undefined ? { "x5t#S256": await x5t() } : {}),
      };
    },
  };
}
