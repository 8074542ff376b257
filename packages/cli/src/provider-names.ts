// The providers' names for the top-level help, without loading their definitions (and with them every
// client and openapi-fetch). The build reads them from @finoauth/auth/all's registry and bakes them in
// (scripts/bundle.mjs); run from source, as the tests do, they are read from the registry itself.
declare const FINOAUTH_PROVIDER_NAMES: readonly string[] | undefined;

/** The registry's provider names, in its order. */
export async function providerNames(): Promise<readonly string[]> {
  if (typeof FINOAUTH_PROVIDER_NAMES !== "undefined") return FINOAUTH_PROVIDER_NAMES;
  return (await import("./registry.js")).PROVIDER_NAMES;
}
