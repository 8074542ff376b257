// The CLI's hints for every provider of @finoauth/auth/all's registry, keyed by provider id, read beside
// each definition. A definition from elsewhere brings its own (`withHints`), or gets plain ones.
import type { AnyDefinition } from "@finoauth/auth";
import type { providers } from "@finoauth/auth/all";
import { financialCentsHints } from "./financial-cents.js";
import { finapiHints } from "./finapi.js";
import { fincalcHints } from "./fincalc.js";
import { finexerHints } from "./finexer.js";
import { oauth2Hints } from "./oauth2.js";
import { synapsefiHints } from "./synapsefi.js";
import type { OptionHint, ProviderHints } from "./types.js";

export type { DemoHints, DemoStep, FieldInfo, OptionHint, ProviderHints, RefreshVia } from "./types.js";

type Registry = typeof providers;

/** The names of a definition's own options. */
export type OptionKeys<D> = D extends { options: infer O } ? keyof O & string : never;

/** The hints of every registry provider, by id: each describes every option of its provider's definition. */
export type HintsMap = { readonly [N in keyof Registry]: ProviderHints<OptionKeys<Registry[N]>> };

/** The CLI's hints for the registry's providers (one module per provider id). */
export const HINTS: HintsMap = {
  "financial-cents": financialCentsHints,
  finexer: finexerHints,
  fincalc: fincalcHints,
  finapi: finapiHints,
  synapsefi: synapsefiHints,
  oauth2: oauth2Hints,
};

/** Hints given for definitions outside the registry, beside them rather than on them. */
const given = new WeakMap<AnyDefinition, ProviderHints>();

/** Gives a definition from outside the registry the CLI's hints (flags, help, demo values); returns the definition. */
export function withHints<const D extends AnyDefinition>(definition: D, hints: ProviderHints<OptionKeys<D>>): D {
  given.set(definition, hints as ProviderHints);
  return definition;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** How an option without hints is read: `--kebab-case`, never required by the CLI (the engine's checks say what is missing). */
export const plainHint = (key: string): OptionHint => ({
  flag: kebab(key),
  value: `<${kebab(key)}>`,
  help: `the ${kebab(key).replaceAll("-", " ")}`,
});

/**
 * The hints of a definition: those given with {@link withHints}, else the registry's for its id, else
 * plain ones (each option as `--kebab-case`, nothing required: the engine's checks say what is missing).
 */
export function hintsOf(definition: AnyDefinition): ProviderHints {
  const hints =
    given.get(definition) ??
    (Object.hasOwn(HINTS, definition.id) ? (HINTS[definition.id as keyof HintsMap] as ProviderHints) : undefined);
  if (hints) return hints;
  return { options: Object.fromEntries(Object.keys(definition.options).map((key) => [key, plainHint(key)])) };
}
