import { invalidOptions } from "../errors.js";
import type { OptionsOf, ProviderFlows } from "../definition.js";
import { createFlows } from "../flows.js";
import { finapi } from "./finapi.js";
import { financialCents } from "./financial-cents.js";
import { fincalc } from "./fincalc.js";
import { finexer } from "./finexer.js";
import { oauth2 } from "./oauth2.js";
import { synapsefi } from "./synapsefi.js";

/** Every provider definition, by id. */
export const providers = {
  "financial-cents": financialCents,
  finexer,
  fincalc,
  finapi,
  synapsefi,
  oauth2,
} as const;

/** The ids `createProvider` accepts. */
export type ProviderName = keyof typeof providers;

/** The options of one provider. */
export type ProviderOptions<N extends ProviderName> = OptionsOf<(typeof providers)[N]>;

/** The flows of one provider: only those it offers exist on the type. */
export type Provider<N extends ProviderName> = ProviderFlows<(typeof providers)[N]>;

/**
 * Creates a provider's flows: `createProvider("finapi", { clientId, clientSecret })`. Options are checked
 * here, so a bad one fails at once with a message that says what to fix.
 */
export function createProvider<N extends ProviderName>(name: N, options: ProviderOptions<N>): Provider<N> {
  const definition = Object.hasOwn(providers, name) ? providers[name] : undefined;
  if (!definition) throw invalidOptions(`unknown provider "${String(name)}"; expected one of: ${Object.keys(providers).join(", ")}`);
  return createFlows(definition, options) as Provider<N>;
}
