/**
 * `@finoauth/auth/all`: every provider this package defines, by name, for scripts and tools that choose
 * a provider at run time (the finoauth CLI). Importing it imports every adapter and so every client
 * package; an application that knows its providers imports each from `@finoauth/auth/<name>` instead.
 * @packageDocumentation
 */
import { createProvider as createFromDefinition, type EngineOptions } from "../create-provider.js";
import type { AnyDefinition, CreateOptionsOf, ProviderFlows } from "../definition.js";
import { invalidOptions } from "../errors.js";
import { finapi } from "./finapi.js";
import { financialCents } from "./financial-cents.js";
import { fincalc } from "./fincalc.js";
import { finexer } from "./finexer.js";
import { oauth2 } from "./oauth2.js";
import { synapsefi } from "./synapsefi.js";

/** The registry: every provider definition, by id. Adding a provider adds one line here. */
export const providers = {
  [financialCents.id]: financialCents,
  [finexer.id]: finexer,
  [fincalc.id]: fincalc,
  [finapi.id]: finapi,
  [synapsefi.id]: synapsefi,
  [oauth2.id]: oauth2,
} as const;

/** The names `createProvider` accepts. */
export type ProviderName = keyof typeof providers;

/** The options of one provider. */
export type ProviderOptions<N extends ProviderName> = CreateOptionsOf<(typeof providers)[N]> & EngineOptions;

/** The flows of one provider: only those it offers exist on the type. */
export type Provider<N extends ProviderName> = ProviderFlows<(typeof providers)[N]>;

/** The definition registered under `name`, or undefined. */
export function providerNamed(name: string): AnyDefinition | undefined {
  return Object.hasOwn(providers, name) ? providers[name as ProviderName] : undefined;
}

/**
 * Creates a provider's flows by name: `createProvider("finapi", { clientId, clientSecret })`, or from a
 * definition as `@finoauth/auth`'s `createProvider` does. Options are checked here, so a bad one fails
 * at once with a message that says what to fix.
 */
export function createProvider<N extends ProviderName>(name: N, options: ProviderOptions<N>): Provider<N>;
export function createProvider<const D extends AnyDefinition>(definition: D, options: CreateOptionsOf<D> & EngineOptions): ProviderFlows<D>;
export function createProvider(nameOrDefinition: string | AnyDefinition, options: unknown): unknown {
  if (typeof nameOrDefinition !== "string") return createFromDefinition(nameOrDefinition, options as never);
  const definition = providerNamed(nameOrDefinition);
  if (!definition) throw invalidOptions(`unknown provider "${nameOrDefinition}"; expected one of: ${Object.keys(providers).join(", ")}`);
  return createFromDefinition(definition, options as never);
}
