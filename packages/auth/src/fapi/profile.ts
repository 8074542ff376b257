// `profile: "fapi2"`: the FAPI 2.0 Security Profile's client rules, checked when the provider is created.
// A weaker option is refused with the rule it breaks; what the profile implies (PAR, iss required) is on.
import { invalidOptions } from "../errors.js";
import { checkClientKey } from "./client-assertion.js";

/** The security profiles a provider can be held to. */
export const PROFILES = ["fapi2"] as const;

/** A security profile: `fapi2`, the FAPI 2.0 Security Profile (OpenID Foundation, final). */
export type Profile = (typeof PROFILES)[number];

/** The JWS algorithms FAPI 2.0 allows (§5.4.1: PS256, ES256, EdDSA with Ed25519). */
export const FAPI2_ALGS = ["PS256", "ES256", "EdDSA", "Ed25519"] as const;

/** The client authentication methods FAPI 2.0 allows (§5.3.2.1: private_key_jwt or mutual TLS). */
const FAPI2_CLIENT_AUTH = ["private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"];

/** What the profile reads: the generic provider's options, and the sender-constraint options by name (DPoP, mutual TLS). */
export interface ProfileOptions {
  clientId: string;
  clientSecret?: string | undefined;
  profile?: Profile | undefined;
  par?: boolean | undefined;
  pkce?: boolean | undefined;
  issuer?: string | undefined;
  requireIssuerParameter?: boolean | undefined;
  clientAuth?: string | undefined;
  clientKey?: unknown;
  clientKeyId?: string | undefined;
  /** RFC 9449 DPoP key pair (the dpop option). */
  dpop?: unknown;
  /** The mutual-TLS client certificate (the tls option). */
  tls?: unknown;
}

/** The algorithm of a DPoP key pair's private key, as far as FAPI's list goes (undefined for any other). */
function dpopAlg(dpop: unknown): string | undefined {
  const algorithm = (dpop as { privateKey?: { algorithm?: { name?: string; namedCurve?: string } } })?.privateKey
    ?.algorithm;
  if (algorithm?.name === "ECDSA" && algorithm.namedCurve === "P-256") return "ES256";
  if (algorithm?.name === "RSA-PSS") return "PS256";
  if (algorithm?.name === "Ed25519") return "EdDSA";
  return undefined;
}

/**
 * Checks the options against `profile`, naming the FAPI 2.0 Security Profile rule each refusal enforces:
 * PAR (§5.3.2.2), PKCE S256 (§5.3.2.2), the issuer known and `iss` required (RFC 9207, §5.3.2.2),
 * private_key_jwt or mutual TLS client authentication and no client secret (§5.3.2.1), sender-constrained
 * tokens, DPoP or mutual TLS (§5.3.2.1), and PS256, ES256 or EdDSA keys only (§5.4.1).
 */
export function checkProfile(options: ProfileOptions, provider: string): void {
  const { profile } = options;
  if (profile === undefined) return;
  if (!PROFILES.includes(profile))
    throw invalidOptions(`profile must be "fapi2" (the FAPI 2.0 Security Profile), got "${String(profile)}"`, provider);
  const refuse = (rule: string) => invalidOptions(`profile "fapi2": ${rule}`, provider);
  if (options.par === false)
    throw refuse("pushed authorization requests are required (FAPI 2.0 §5.3.2.2, RFC 9126): par cannot be false");
  if (options.pkce === false) throw refuse("PKCE with S256 is required (FAPI 2.0 §5.3.2.2): pkce cannot be false");
  if (options.issuer === undefined)
    throw refuse("issuer is required: the callback's iss is checked against it (FAPI 2.0 §5.3.2.2, RFC 9207)");
  if (options.requireIssuerParameter === false)
    throw refuse(
      "the callback's iss is required (FAPI 2.0 §5.3.2.2, RFC 9207): requireIssuerParameter cannot be false",
    );
  const method = options.clientAuth ?? (options.clientKey !== undefined ? "private_key_jwt" : "client_secret_basic");
  if (!FAPI2_CLIENT_AUTH.includes(method))
    throw refuse(
      `clientAuth must be private_key_jwt, tls_client_auth or self_signed_tls_client_auth (FAPI 2.0 §5.3.2.1), got "${method}"`,
    );
  if (options.clientSecret !== undefined)
    throw refuse("no clientSecret: shared secrets are not FAPI 2.0 client authentication (§5.3.2.1)");
  if (options.dpop === undefined && options.tls === undefined)
    throw refuse("tokens must be sender-constrained (FAPI 2.0 §5.3.2.1): give dpop (RFC 9449) or tls (RFC 8705)");
  if (method === "private_key_jwt" && options.clientKey !== undefined) {
    const { alg } = checkClientKey(options.clientKey, options.clientKeyId, provider);
    if (!(FAPI2_ALGS as readonly string[]).includes(alg))
      throw refuse(`clientKey must sign with PS256, ES256 or EdDSA (FAPI 2.0 §5.4.1), not ${alg}`);
  }
  if (options.dpop !== undefined && dpopAlg(options.dpop) === undefined)
    throw refuse(
      "the dpop key must be an ES256 (P-256), PS256 (RSA-PSS) or EdDSA (Ed25519) key pair (FAPI 2.0 §5.4.1)",
    );
}
