// DPoP nonces (RFC 9449 §8) that a test controls. oidc-provider 8 derives its nonces from
// `features.dPoP.nonceSecret` and the clock (a new one each minute, the five around now accepted), kept in
// a private per-provider cache: no option lets a test expire them or make the server refuse one. So this
// module puts its own nonce source in that cache slot, with the two methods oidc-provider calls
// (`nextNonce()`, `checkNonce(nonce)`, see lib/helpers/validate_dpop.js), and keeps a log of every check.
import { createHmac, randomBytes } from "node:crypto";
import type Provider from "oidc-provider";
// oidc-provider has no "exports" map, so its internals are importable; typed in oidc-provider-internals.d.ts.
import instance from "oidc-provider/lib/helpers/weak_cache.js";

/** One nonce check by the server: the nonce a DPoP proof carried and whether the server took it. */
export interface NonceCheck {
  nonce: string;
  accepted: boolean;
}

/** Controls the server's DPoP nonces. Proofs without a nonce are challenged before any check (while `required`). */
export interface DpopNonceControl {
  /** Whether a proof must carry a nonce (`features.dPoP.requireNonce`); on by default. Settable. */
  required: boolean;
  /** The nonce the server hands out now (what its `DPoP-Nonce` headers carry). */
  current(): string;
  /**
   * Makes every nonce handed out so far unacceptable, as a nonce that expired while a client waited: the
   * next proof carrying one is answered `use_dpop_nonce` with a fresh nonce in `DPoP-Nonce`.
   */
  expire(): void;
  /**
   * Refuses the next `count` proofs that carry a nonce, whatever nonce (each answered `use_dpop_nonce`
   * with the current nonce): a server that keeps challenging, which a client must give up on after one retry.
   */
  refuseNext(count: number): void;
  /** A nonce of the server's shape (43 base64url characters) that it never issued. */
  forged(): string;
  /** Every nonce check so far, oldest first. */
  readonly checks: readonly NonceCheck[];
}

interface NonceSource {
  nextNonce(): string;
  checkNonce(nonce: string): boolean;
}

/**
 * Replaces `provider`'s DPoP nonce source (the provider must have been created with `features.dPoP`
 * enabled; `required` is read by the `requireNonce` function the caller configured, see server.ts).
 */
export function controlDpopNonces(provider: Provider): DpopNonceControl {
  const secret = randomBytes(32);
  let generation = 0;
  let refusals = 0;
  const checks: NonceCheck[] = [];
  const nonceOf = (n: number) => createHmac("sha256", secret).update(`dpop-nonce:${n}`).digest("base64url");
  const source: NonceSource = {
    nextNonce: () => nonceOf(generation),
    checkNonce: (nonce) => {
      let accepted = nonce === nonceOf(generation);
      if (refusals > 0) {
        refusals -= 1;
        accepted = false;
      }
      checks.push({ nonce, accepted });
      return accepted;
    },
  };
  const cache = instance(provider) as { DPoPNonces?: NonceSource };
  if (cache.DPoPNonces === undefined)
    throw new Error("the provider has no DPoP nonce source: set features.dPoP.nonceSecret");
  cache.DPoPNonces = source;
  return {
    required: true,
    current: () => nonceOf(generation),
    expire: () => {
      generation += 1;
    },
    refuseNext: (count) => {
      if (!Number.isInteger(count) || count < 0) throw new RangeError("refuseNext takes a whole number of proofs");
      refusals = count;
    },
    forged: () => randomBytes(32).toString("base64url"),
    checks,
  };
}
