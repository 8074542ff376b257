// The CLI reads every provider fact from the definitions of @finoauth/auth/all's registry: these tests check
// the readers one by one, with the registry and with a provider defined here, outside the registry.
import { readFileSync } from "node:fs";
import { type AnyDefinition, type BaseOptions, defineProvider, FinoauthError } from "@finoauth/auth";
import { providers } from "@finoauth/auth/all";
import { describe, expect, it } from "vitest";
import { envPrefix, stdinFlag } from "../src/args.js";
import { authorizeUrlCommand, refreshCommand, revokeCommand, tokenCommand } from "../src/command-specs.js";
import { exchangeCommand } from "../src/commands.js";
import { flagsOf, inFlags } from "../src/failure.js";
import { type FieldInfo, hintsOf, type ProviderHints, withHints } from "../src/hints/index.js";
import { label } from "../src/output.js";
import { providerOptions } from "../src/provider-options.js";
import {
  buildProvider,
  canAuthorize,
  canRevoke,
  checkProvider,
  DEFINITIONS,
  definitionOf,
  type Flows,
  fieldsOf,
  fieldValue,
  grantsOf,
  offers,
  PROVIDER_NAMES,
  reader,
  refreshVia,
  required,
  sendsScopes,
  viaFlow,
} from "../src/registry.js";

const ALL: AnyDefinition[] = Object.values(providers);

/**
 * A seventh provider, defined here and in no registry: client credentials, one required option, one secret
 * option (secret in its definition: the engine scrubs it); the CLI reads its options as its hints say.
 */
interface AcmeOptions extends BaseOptions {
  tenant: string;
  signingKey?: string;
}
const acme = defineProvider<{ base: string }, AcmeOptions>()({
  id: "acme",
  displayName: "Acme",
  defaultBaseUrl: "https://acme.example",
  requiresClientSecret: true,
  options: { tenant: {}, signingKey: { secret: true } },
  createClient: (options) => ({ base: options.baseUrl }),
  token: { accessToken: "access_token" },
  errors: { code: ["error"], providerCode: [], description: [] },
  grants: {
    client_credentials: () => ({ send: async () => ({ response: new Response("{}") }) as never }),
  },
});
const acmeHints: ProviderHints<"tenant" | "signingKey"> = {
  options: {
    tenant: {
      flag: "tenant",
      value: "<tenant>",
      help: "the Acme tenant",
      required: true,
      choices: ["eu", "us"],
      example: "eu",
    },
    signingKey: { flag: "signing-key", value: "<key>", help: "the request signing key" },
  },
};
withHints(acme, acmeHints);

const parsed = (values: Record<string, string | boolean | string[]>) => ({ values, positionals: [] });

describe("the registry as the CLI sees it", () => {
  it("lists every provider of the registry, in its order, and nothing else", () => {
    expect(PROVIDER_NAMES).toEqual(Object.keys(providers));
    expect(DEFINITIONS).toEqual(ALL);
    for (const definition of ALL) expect(definitionOf(definition.id)).toBe(definition);
    expect(() => definitionOf("acme")).toThrow(/unknown provider "acme"/);
  });

  it("checkProvider returns the definition, and refuses a missing or unknown name with the registry's names", () => {
    for (const definition of ALL) expect(checkProvider(definition.id, "token")).toBe(definition);
    expect(() => checkProvider(undefined, "token")).toThrow(
      `token needs a provider: finoauth token <${PROVIDER_NAMES.join("|")}>`,
    );
    expect(() => checkProvider("nope", "token")).toThrow(/unknown provider "nope"/);
  });

  it("grantsOf, offers, canRevoke, canAuthorize and sendsScopes read the definitions", () => {
    for (const definition of ALL) {
      expect(grantsOf(definition)).toEqual(Object.keys(definition.grants));
      expect(canRevoke(definition)).toBe(definition.revoke !== undefined);
      expect(canAuthorize(definition)).toBe(
        definition.authorize !== undefined && "authorization_code" in definition.grants,
      );
      expect(offers(definition, "refresh")).toBe("refresh_token" in definition.grants);
      expect(offers(definition, "revoke")).toBe(canRevoke(definition));
      for (const flow of ["exchangeCode", "revoke"] as const) expect(sendsScopes(definition, flow)).toBe(false);
      const scopes = hintsOf(definition).scopes;
      if (scopes) {
        for (const flow of ["clientCredentials", "password", "refresh"] as const)
          expect(sendsScopes(definition, flow)).toBe(offers(definition, flow) && scopes.includes(flow));
      }
    }
    expect(grantsOf(acme)).toEqual(["client_credentials"]);
    expect(offers(acme, "clientCredentials")).toBe(true);
    expect(offers(acme, "authorizationUrl")).toBe(false);
    expect(sendsScopes(acme, "clientCredentials")).toBe(true);
  });

  it("envPrefix is FINOAUTH_ and the name in upper snake case", () => {
    expect(envPrefix("financial-cents")).toBe("FINOAUTH_FINANCIAL_CENTS_");
    expect(envPrefix("acme")).toBe("FINOAUTH_ACME_");
  });

  it("fieldsOf gives the options, the flows' parameters and refreshVia's parameters", () => {
    expect(fieldsOf(acme, []).map((field) => [field.key, field.kind])).toEqual([
      ["tenant", "option"],
      ["signingKey", "option"],
    ]);
    for (const definition of ALL) {
      const fields = fieldsOf(definition, ["refresh", "revoke"]);
      const keys = fields.map((field) => field.key);
      for (const key of Object.keys(definition.options)) expect(keys).toContain(key);
      for (const key of Object.keys(canRevoke(definition) ? (hintsOf(definition).params?.revoke ?? {}) : {}))
        expect(keys).toContain(key);
      const via = refreshVia(definition);
      for (const key of Object.keys(via?.params ?? {}))
        expect(fields.some((field) => field.key === key && field.kind === "refreshVia")).toBe(true);
    }
  });

  it("every provider flag of the definitions is an option of the commands that run its flows, marked with its providers", () => {
    const commands = [
      [tokenCommand, ["exchangeCode", "clientCredentials", "password", "refresh"]],
      [refreshCommand, ["refresh"]],
      [revokeCommand, ["revoke"]],
      [authorizeUrlCommand, ["authorizationUrl"]],
    ] as const;
    for (const definition of ALL) {
      for (const field of fieldsOf(definition, [])) {
        for (const [command, flows] of commands) {
          // A provider's flags belong to the commands whose flows it offers, and to no other.
          if (flows.some((flow) => offers(definition, flow)))
            expect(command.options[field.info.flag]?.providers).toContain(definition.id);
          else expect(command.options[field.info.flag]?.providers ?? []).not.toContain(definition.id);
        }
      }
      for (const field of fieldsOf(definition, ["revoke"]).filter((f) => f.kind === "param"))
        expect(revokeCommand.options[field.info.flag]?.providers).toContain(definition.id);
      for (const field of fieldsOf(definition, ["refresh"]).filter((f) => f.kind === "refreshVia")) {
        expect(refreshCommand.options[field.info.flag]?.providers).toContain(definition.id);
        expect(tokenCommand.options[field.info.flag]?.providers).toContain(definition.id);
      }
    }
    // A parameter of refreshVia applies only to the refresh_token grant in `token`; an option to every grant.
    const viaParams = ALL.flatMap((definition) => Object.entries(refreshVia(definition)?.params ?? {})).filter(
      ([key]) => !ALL.some((d) => key in d.options),
    );
    for (const [, info] of viaParams) expect(tokenCommand.options[info.flag]?.grants).toEqual(["refresh_token"]);
    const options = providerOptions(["clientCredentials"]);
    for (const definition of ALL)
      for (const field of fieldsOf(definition, [])) expect(options[field.info.flag]?.grants).toBeUndefined();
  });

  it("every secret of the definitions is a secret flag of its commands (stdin and environment)", () => {
    const secrets = ALL.flatMap((definition) =>
      fieldsOf(definition, ["exchangeCode", "clientCredentials", "password", "refresh", "revoke"]),
    ).filter((field) => field.info.secret);
    expect(secrets.length).toBeGreaterThan(0);
    for (const field of secrets) {
      const command = [tokenCommand, revokeCommand].find((c) => c.options[field.info.flag]);
      expect(command?.options[field.info.flag]).toMatchObject({ secret: true, env: true });
    }
  });

  it("no provider is named in commands.ts, command-specs.ts, context.ts, flow-walk.ts or registry.ts", () => {
    for (const file of ["commands.ts", "command-specs.ts", "context.ts", "flow-walk.ts", "registry.ts"]) {
      const source = readFileSync(new URL(`../src/${file}`, import.meta.url), "utf8").toLowerCase();
      for (const definition of ALL) {
        expect(source, `${file} names ${definition.id}`).not.toMatch(new RegExp(`\\b${definition.id}\\b`));
        expect(source, `${file} names ${definition.displayName}`).not.toContain(definition.displayName.toLowerCase());
      }
      expect(source).not.toMatch(/finapi|synapse|finexer|financial|fincalc/);
    }
  });
});

describe("reading values", () => {
  it("reader: the flag, else stdin for - or --<flag>-stdin, else the provider's variable when allowed", () => {
    const env = { FINOAUTH_ACME_TENANT: "us", FINOAUTH_ACME_SIGNING_KEY: "from-env" };
    const read = reader(parsed({ tenant: "eu", "signing-key": "-" }), "acme", () => true, "from-stdin", env);
    expect(read("tenant")).toBe("eu");
    expect(read("signing-key")).toBe("from-stdin");
    expect(reader(parsed({ [stdinFlag("signing-key")]: true }), "acme", () => true, "piped", env)("signing-key")).toBe(
      "piped",
    );
    expect(reader(parsed({}), "acme", () => true, undefined, env)("tenant")).toBe("us");
    expect(reader(parsed({}), "acme", () => false, undefined, env)("tenant")).toBeUndefined();
    expect(reader(parsed({}), "acme", () => true, undefined, { FINOAUTH_ACME_TENANT: "" })("tenant")).toBeUndefined();
  });

  it("required: the value, or a usage error naming the flag and (when allowed) the variable", () => {
    expect(required(() => "x", acme, "tenant", "the tenant")).toBe("x");
    expect(() => required(() => undefined, acme, "tenant", "the tenant")).toThrow(
      "Acme needs the tenant: pass --tenant or set FINOAUTH_ACME_TENANT",
    );
    expect(() => required(() => undefined, acme, "tenant", "the tenant", false)).toThrow(
      /^Acme needs the tenant: pass --tenant$/,
    );
  });

  it("fieldValue: required, choices and parse come from the FieldInfo", () => {
    const [tenant] = fieldsOf(acme, []);
    expect(fieldValue(() => "eu", acme, tenant!)).toBe("eu");
    expect(() => fieldValue(() => undefined, acme, tenant!)).toThrow("Acme needs the Acme tenant: pass --tenant");
    expect(() => fieldValue(() => "asia", acme, tenant!)).toThrow(/unknown --tenant "asia"/);
    const parsedInfo: FieldInfo = { flag: "n", value: "<n>", help: "a number", parse: Number, required: ["refresh"] };
    expect(fieldValue(() => "42", acme, { key: "n", info: parsedInfo, kind: "option" })).toBe(42);
    expect(
      fieldValue(() => undefined, acme, { key: "n", info: parsedInfo, kind: "option" }, "clientCredentials"),
    ).toBeUndefined();
    expect(() => fieldValue(() => undefined, acme, { key: "n", info: parsedInfo, kind: "option" }, "refresh")).toThrow(
      /needs a number/,
    );
  });
});

describe("building a provider from its definition", () => {
  it("a provider outside the registry: its options from flags, its flows from the engine", () => {
    const values: Record<string, string> = {
      "client-id": "id",
      "client-secret": "s",
      tenant: "eu",
      "signing-key": "k",
    };
    const { flows, baseUrl } = buildProvider(acme, parsed({}), (flag) => values[flag], { flow: "clientCredentials" });
    expect(baseUrl).toBe("https://acme.example");
    expect(flows.displayName).toBe("Acme");
    expect(typeof flows.clientCredentials).toBe("function");
    expect(flows.revoke).toBeUndefined();
    expect(() =>
      buildProvider(acme, parsed({}), (flag) => (flag === "tenant" ? undefined : values[flag]), {
        flow: "clientCredentials",
      }),
    ).toThrow("Acme needs the Acme tenant");
    expect(() =>
      buildProvider(acme, parsed({}), (flag) => (flag === "client-secret" ? undefined : values[flag]), {
        flow: "clientCredentials",
      }),
    ).toThrow("Acme needs a client secret");
  });

  it("every registry provider builds for an authorization URL without a client secret", () => {
    for (const definition of ALL.filter(canAuthorize)) {
      const values: Record<string, string> = {
        "client-id": "id",
        "base-url": "https://auth.example",
        "redirect-uri": "https://app.example/cb",
      };
      for (const field of fieldsOf(definition, []))
        if (field.info.required === true) values[field.info.flag] = field.info.example ?? "x";
      const { flows } = buildProvider(definition, parsed({}), (flag) => values[flag], { flow: "authorizationUrl" });
      expect(typeof flows.authorizationUrl).toBe("function");
    }
  });

  it("a definition without hints: each option as --kebab-case of its name, none required, secret as the definition says", () => {
    const bare = defineProvider<{ base: string }, AcmeOptions>()({ ...acme, id: "bare" });
    expect(
      fieldsOf(bare, []).map((field) => [field.key, field.info.flag, field.info.required, field.info.secret]),
    ).toEqual([
      ["tenant", "tenant", undefined, undefined],
      ["signingKey", "signing-key", undefined, true],
    ]);
    const values: Record<string, string> = { "client-id": "id", "client-secret": "s", tenant: "eu" };
    expect(
      typeof buildProvider(bare, parsed({}), (flag) => values[flag], { flow: "clientCredentials" }).flows
        .clientCredentials,
    ).toBe("function");
    expect(flagsOf([bare]).signingKey).toBe("--signing-key");
  });

  it("viaFlow: calls a flow the definition names, and refuses one the provider lacks or an answer without a status", async () => {
    const flows: Flows & { step(params: object): Promise<unknown>; bad(): Promise<unknown> } = {
      id: "x",
      displayName: "X",
      step: async (params) => ({ status: "pin_sent", message: "sent", params }),
      bad: async () => 42,
    };
    expect(await viaFlow(flows, "step")({ a: 1 })).toEqual({ status: "pin_sent", message: "sent", params: { a: 1 } });
    expect(() => viaFlow(flows, "missing")).toThrow(/names the flow missing/);
    await expect(viaFlow(flows, "bad")({})).rejects.toThrow(/not a step/);
  });
});

describe("messages", () => {
  it("flagsOf spells every option of the definitions as its flag; inFlags rewrites an engine message with them", () => {
    const flags = flagsOf([...ALL, acme]);
    expect(flags).toMatchObject({
      clientId: "--client-id",
      clientSecret: "--client-secret",
      timeoutMs: "--timeout",
      tenant: "--tenant",
      signingKey: "--signing-key",
    });
    for (const definition of ALL)
      for (const [key, info] of Object.entries(hintsOf(definition).options)) expect(flags[key]).toBe(`--${info.flag}`);
    expect(inFlags("clientSecret is required; baseUrl must use https")).toBe(
      "--client-secret is required; --base-url must use https",
    );
    const option = Object.entries(hintsOf(ALL.find((d) => Object.keys(d.options).length > 0)!).options)[0]!;
    expect(inFlags(`${option[0]} is wrong`)).toBe(`--${option[1].flag} is wrong`);
    expect(new FinoauthError({ kind: "invalid_options", description: "x" }).kind).toBe("invalid_options");
  });

  it("exchangeCommand writes the verifier after = (it may start with -)", () => {
    expect(exchangeCommand("p", "-abc", "https://a.example/cb")).toBe(
      "finoauth token p --grant authorization_code --code <code from the redirect> --code-verifier=-abc --redirect-uri https://a.example/cb",
    );
    expect(exchangeCommand("p", undefined, undefined)).toBe(
      "finoauth token p --grant authorization_code --code <code from the redirect>",
    );
  });

  it("label turns an extra's name into words", () => {
    expect(label("refreshUsesLeft")).toBe("refresh uses left");
    expect(label("accountId")).toBe("account id");
    expect(stdinFlag("client-secret")).toBe("client-secret-stdin");
  });
});

describe("the demo, for a provider outside the registry", () => {
  it("a provider it cannot drive gives failing rows, never none", async () => {
    const { PrismFetch, Run, runProvider } = await import("../src/demo.js");
    const reader = await import("@finoauth/mock");
    // A required option without an example: the provider cannot even be created.
    const noExample = withHints(defineProvider<{ base: string }, AcmeOptions>()({ ...acme }), {
      ...acmeHints,
      options: { ...acmeHints.options, tenant: { ...acmeHints.options.tenant, example: undefined } },
    });
    const first = new Run("acme", new PrismFetch(reader));
    await runProvider(first, noExample, "http://127.0.0.1:9");
    expect(first.rows).toEqual([
      expect.objectContaining({ provider: "acme", flow: "create the provider", ok: false, result: "FAILED" }),
    ]);
    expect(first.rows[0]!.error).toMatch(/tenant/);
    // Created from its examples, but its flow fails: the row says so.
    const second = new Run("acme", new PrismFetch(reader));
    await runProvider(second, acme, "http://127.0.0.1:9");
    expect(second.rows.map((row) => [row.flow, row.ok])).toEqual([["client credentials", false]]);
  });

  it("runAll: a provider without a mock to run against is a failing row", async () => {
    const { runAll } = await import("../src/demo.js");
    const rows = await runAll([acme], {}, await import("@finoauth/mock"));
    expect(rows).toEqual([expect.objectContaining({ provider: "acme", flow: "mock", ok: false, result: "FAILED" })]);
    expect(rows[0]!.error).toContain("no spec to mock: specs/acme.yaml");
  });
});
