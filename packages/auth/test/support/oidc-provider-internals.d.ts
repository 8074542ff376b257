// Types for the one oidc-provider internal the FAPI test server reaches into (see fapi-dpop-nonces.ts):
// the per-provider private cache, a WeakMap lookup that returns a plain object.
declare module "oidc-provider/lib/helpers/weak_cache.js" {
  /** The private state oidc-provider keeps for `owner` (a Provider). */
  export default function instance(owner: object): Record<string, unknown>;
}
