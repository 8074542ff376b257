// Types for the oidc-provider internals the FAPI server reaches into: the private cache (see dpop-nonces.ts)
// and the in-memory adapter (see config.ts).
declare module "oidc-provider/lib/helpers/weak_cache.js" {
  /** The private state oidc-provider keeps for `owner` (a Provider). */
  export default function instance(owner: object): Record<string, unknown>;
}

declare module "oidc-provider/lib/adapters/memory_adapter.js" {
  import type { AdapterConstructor } from "oidc-provider";

  /** oidc-provider's own in-memory store, the default `adapter`. */
  const MemoryAdapter: AdapterConstructor;
  export default MemoryAdapter;
}
