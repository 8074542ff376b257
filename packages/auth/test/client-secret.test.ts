// A provider whose every flow sends the client secret (`requiresClientSecret: "always"`) requires it in its
// options type and refuses options without it at createProvider, before anything is sent; the others take
// it where their flows send it (an authorization URL needs none).
import { describe, expect, it } from "vitest";
import { type AnyDefinition, createProvider as createFromDefinition, FinoauthError } from "../src/index.js";
import { createProvider, providers } from "../src/providers/all.js";
import { financialCents } from "../src/providers/financial-cents.js";
import { finapi } from "../src/providers/finapi.js";
import { fincalc } from "../src/providers/fincalc.js";

const sent: string[] = [];
const fetch = async (request: Request) => (sent.push(request.url), Response.json({}));

/** Whether a definition has a flow that sends no client secret: only an authorization URL is one. */
const hasFlowWithoutSecret = (definition: AnyDefinition) =>
  definition.authorize !== undefined && "authorization_code" in definition.grants;

function refusal(create: () => unknown): FinoauthError {
  try {
    create();
  } catch (error) {
    if (error instanceof FinoauthError) return error;
    throw error;
  }
  throw new Error("createProvider accepted options without a client secret");
}

describe('requiresClientSecret: "always"', () => {
  it("finAPI and FinCalc without a clientSecret: a compile error, and createProvider throws invalid_options before sending", () => {
    // @ts-expect-error every finAPI flow sends the client secret
    const error = refusal(() => createFromDefinition(finapi, { clientId: "x", fetch }));
    expect(error).toMatchObject({
      kind: "invalid_options",
      provider: "finapi",
      description: "clientSecret is required: every finAPI flow sends it",
      retryable: false,
    });
    expect(
      // @ts-expect-error by name too
      refusal(() => createProvider("fincalc", { clientId: "x", emailAddress: "a@example.com", fetch })).description,
    ).toBe("clientSecret is required: every FinCalc flow sends it");
    expect(
      refusal(() =>
        // @ts-expect-error an undefined secret (process.env.X without `!`) is refused alike
        createFromDefinition(fincalc, { clientId: "x", clientSecret: undefined, emailAddress: "a@example.com", fetch }),
      ).kind,
    ).toBe("invalid_options");
    expect(sent).toEqual([]);
  });

  it("a provider with an authorization URL is still created without a secret (its authorization URL sends none)", async () => {
    const provider = createFromDefinition(financialCents, {
      clientId: "x",
      redirectUri: "https://app.example/cb",
      fetch,
    });
    expect((await provider.authorizationUrl()).url).toMatch(/^https:\/\//);
  });

  it("every built-in definition whose every flow sends the secret says so, and is refused without it", () => {
    for (const definition of Object.values(providers) as AnyDefinition[]) {
      if (definition.requiresClientSecret === false) continue;
      expect({ id: definition.id, always: definition.requiresClientSecret === "always" }).toEqual({
        id: definition.id,
        always: !hasFlowWithoutSecret(definition),
      });
      if (definition.requiresClientSecret !== "always") continue;
      // Required provider options get any string: the secret is checked first of the provider's own.
      const own = Object.fromEntries(Object.keys(definition.options).map((name) => [name, "a@example.com"]));
      const error = refusal(() =>
        createFromDefinition(definition, { clientId: "x", baseUrl: "https://api.example", fetch, ...own } as never),
      );
      expect(error).toMatchObject({
        kind: "invalid_options",
        provider: definition.id,
        description: `clientSecret is required: every ${definition.displayName} flow sends it`,
      });
    }
  });
});
