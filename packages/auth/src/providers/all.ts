/**
 * `@finoauth/auth/all`: every provider this package defines, by name, for scripts and tools that choose
 * a provider at run time (the finoauth CLI). Importing it imports every adapter and so every client
 * package, which must all be installed (a missing one is named in the error, with how to add it); an
 * application that knows its providers imports each from `@finoauth/auth/<name>` instead.
 * @packageDocumentation
 */
import { createProvider as createFromDefinition, type EngineOptions } from "../create-provider.js";
import type { AnyDefinition } from "../definition.js";
import { didYouMean } from "../did-you-mean.js";
import { invalidOptions } from "../errors.js";
import type { CreateOptionsOf, ProviderOf } from "../provider-flows.js";

/**
 * The registry: every provider definition, by id, one line each. The key is the provider's id and the name of
 * the client package its adapter imports (the compiler checks that it is the definition's id). Adapters are
 * loaded here rather than imported, so that a missing client is named in the error (with how to install it)
 * instead of Node's bare ERR_MODULE_NOT_FOUND. `pnpm new-provider <name>` adds a line.
 */
export const providers = await loadAdapters({
  "financial-cents": import("./financial-cents.js").then((m) => m.financialCents),
  finexer: import("./finexer.js").then((m) => m.finexer),
  fincalc: import("./fincalc.js").then((m) => m.fincalc),
  finapi: import("./finapi.js").then((m) => m.finapi),
  synapsefi: import("./synapsefi.js").then((m) => m.synapsefi),
  oauth2: import("./oauth2.js").then((m) => m.oauth2),
});

/**
 * Waits for every adapter; throws, naming every client package that is not installed, when any failed to
 * load for that reason (see {@link throwIfMissing}). Each key must be its definition's id.
 */
async function loadAdapters<const T extends object>(
  adapters: T & KeyedById<T>,
): Promise<{ readonly [K in keyof T]: Awaited<T[K]> }> {
  const names = Object.keys(adapters);
  const results = await Promise.allSettled(Object.values(adapters as Record<string, Promise<AnyDefinition>>));
  throwIfMissing(results, names);
  return Object.fromEntries(
    results.map((result, i) => [names[i], (result as PromiseFulfilledResult<AnyDefinition>).value]),
  ) as { readonly [K in keyof T]: Awaited<T[K]> };
}

/** Checks each entry: a promise of a definition whose id is its key (else the entry's type says what is wrong). */
type KeyedById<T> = {
  readonly [K in keyof T]: Awaited<T[K]> extends AnyDefinition & { readonly id: K }
    ? unknown
    : "the key must be the definition's id";
};

/**
 * Throws, naming the client packages that are not installed, when an adapter failed to load for that reason
 * (any other failure is rethrown as it is): `@finoauth/auth/all needs @finoauth/synapsefi: npm i
 * @finoauth/synapsefi, or import the provider you use from @finoauth/auth/finapi`.
 */
export function throwIfMissing(results: readonly PromiseSettledResult<unknown>[], clients: readonly string[]): void {
  const missing: string[] = [];
  results.forEach((result, i) => {
    if (result.status === "fulfilled") return;
    const name = `@finoauth/${clients[i]}`;
    const error = result.reason as { code?: unknown; message?: unknown } | null;
    if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes(name)) missing.push(name);
    else throw result.reason;
  });
  if (missing.length === 0) return;
  const installed = clients
    .filter((_, i) => results[i]!.status === "fulfilled")
    .map((client) => `@finoauth/auth/${client}`);
  throw invalidOptions(
    `@finoauth/auth/all needs ${missing.length > 1 ? `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}` : missing[0]}: npm i ${missing.join(" ")}, or import the provider you use from ${installed.length > 0 ? installed.join(" or ") : "@finoauth/auth/<name>"}`,
  );
}

/** The names `createProvider` accepts. */
export type ProviderName = keyof typeof providers;

/** The options of one provider. */
export type ProviderOptions<N extends ProviderName> = CreateOptionsOf<(typeof providers)[N]> & EngineOptions;

/** The flows of one provider: only those it offers exist on the type. */
export type Provider<N extends ProviderName> = ProviderOf<(typeof providers)[N]>;

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
export function createProvider<const D extends AnyDefinition>(
  definition: D,
  options: CreateOptionsOf<D> & EngineOptions,
): ProviderOf<D>;
export function createProvider(nameOrDefinition: string | AnyDefinition, options: unknown): unknown {
  if (typeof nameOrDefinition !== "string") return createFromDefinition(nameOrDefinition, options as never);
  const definition = providerNamed(nameOrDefinition);
  if (!definition)
    throw invalidOptions(
      `unknown provider "${nameOrDefinition}"${didYouMean(nameOrDefinition, Object.keys(providers))}; expected one of: ${Object.keys(providers).join(", ")}`,
    );
  return createFromDefinition(definition, options as never);
}
