// Mutual TLS (RFC 8705) against a real node:https server that asks for a client certificate: the
// certificate reaches the server on the default fetch and on the keep-alive transport, a server the
// client does not trust fails as a network error naming the TLS reason, and bad `tls` options are
// refused at createProvider without a trace of the key.

import { makeTestPki, selfSignedClientCertificate, type TestCertificate, type TestPki } from "@finoauth/mock/fapi";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { certificateThumbprint } from "../src/fapi/thumbprint.js";
import { tlsRuntime, WITH_TLS } from "../src/fapi/tls.js";
import { createProvider, FinoauthError } from "../src/index.js";
import { createNodeTransport } from "../src/keep-alive.js";
import { oauth2 } from "../src/providers/oauth2.js";
import { type MtlsServer, startMtlsServer } from "./support/mtls-server.js";

let pki: TestPki;
let client: TestCertificate;
let other: TestCertificate;
let server: MtlsServer;

beforeAll(async () => {
  pki = await makeTestPki();
  client = await pki.issueClient("finoauth-client");
  other = await selfSignedClientCertificate("someone-else");
  server = await startMtlsServer(pki);
});
afterAll(() => server?.close());
afterEach(() => {
  vi.restoreAllMocks();
  server.seen.length = 0;
});

/** The lines of a PEM key's body: none may appear in any message. */
const keyLines = (pem: string) => pem.split("\n").filter((line) => line !== "" && !line.startsWith("-----"));

/** The error `run` throws (synchronously or not), failing the test when it throws none. */
async function failure(run: () => unknown): Promise<FinoauthError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(FinoauthError);
    return error as FinoauthError;
  }
  throw new Error("expected a FinoauthError");
}

const base = () => ({ clientId: "mtls-client", baseUrl: server.url, clientAuth: "client_secret_post" as const });

describe("tls on the default fetch (undici)", () => {
  it("presents the client certificate, trusting the private CA", async () => {
    const provider = createProvider(oauth2, {
      ...base(),
      tls: { cert: client.certPem, key: client.keyPem, ca: pki.ca.certPem },
    });
    const token = await provider.clientCredentials();
    expect(token.accessToken).toBe("at-1");
    expect(server.seen).toEqual([{ path: "/token", x5t: client.x5tS256, authorized: true }]);
    expect(await certificateThumbprint(client.certPem)).toBe(client.x5tS256);
  });

  it("fails as a network error naming the TLS reason when the server's CA is not trusted", async () => {
    const provider = createProvider(oauth2, { ...base(), tls: { cert: client.certPem, key: client.keyPem } });
    const error = await failure(() => provider.clientCredentials({}, { deadlineMs: 5_000 }));
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|unable to verify/i);
    for (const line of keyLines(client.keyPem)) expect(JSON.stringify(error) + error.message).not.toContain(line);
    expect(server.seen).toEqual([]);
  });
});

describe("tls on the keep-alive transport", () => {
  it("a provider's tls makes a copy of the user's transport that presents the certificate", async () => {
    const transport = createNodeTransport();
    try {
      const provider = createProvider(oauth2, {
        ...base(),
        fetch: transport,
        tls: { cert: client.certPem, key: client.keyPem, ca: pki.ca.certPem },
      });
      await provider.clientCredentials();
      await provider.clientCredentials();
      expect(server.seen.map((seen) => seen.x5t)).toEqual([client.x5tS256, client.x5tS256]);
    } finally {
      transport.close();
    }
  });

  it("providers presenting the same certificate share one copy (and its sockets); another certificate gets its own", () => {
    const transport = createNodeTransport();
    try {
      const tls = { cert: client.certPem, key: client.keyPem, ca: pki.ca.certPem };
      const copy = transport[WITH_TLS](tls);
      expect(transport[WITH_TLS]({ ...tls })).toBe(copy);
      expect(transport[WITH_TLS]({ cert: other.certPem, key: other.keyPem, ca: pki.ca.certPem })).not.toBe(copy);
    } finally {
      transport.close();
    }
  });

  it("createNodeTransport({ tls }) presents it for a provider without tls; a self-signed certificate too", async () => {
    const transport = createNodeTransport({ tls: { cert: other.certPem, key: other.keyPem, ca: pki.ca.certPem } });
    try {
      await createProvider(oauth2, { ...base(), fetch: transport }).clientCredentials();
      expect(server.seen).toEqual([{ path: "/token", x5t: other.x5tS256, authorized: false }]);
    } finally {
      transport.close();
    }
  });

  it("an untrusted server fails as a network error with the TLS reason", async () => {
    const transport = createNodeTransport();
    try {
      const provider = createProvider(oauth2, {
        ...base(),
        fetch: transport,
        tls: { cert: client.certPem, key: client.keyPem },
      });
      const error = await failure(() => provider.clientCredentials({}, { deadlineMs: 5_000 }));
      expect(error.kind).toBe("network");
      expect(error.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/);
    } finally {
      transport.close();
    }
  });
});

describe("tls refused at createProvider", () => {
  const tls = () => ({ cert: client.certPem, key: client.keyPem, ca: pki.ca.certPem });
  const refusal = async (options: Record<string, unknown>, pattern: RegExp) => {
    const error = await failure(() => createProvider(oauth2, { ...base(), ...options } as never));
    expect(error.kind).toBe("invalid_options");
    expect(error.message).toMatch(pattern);
    for (const secret of [client.keyPem, other.keyPem].flatMap(keyLines)) expect(error.message).not.toContain(secret);
    return error;
  };

  it("a certificate that is not PEM, or does not parse", async () => {
    await refusal({ tls: { ...tls(), cert: "not a cert" } }, /tls\.cert must be a PEM certificate/);
    const broken = client.certPem.replace(/\n[A-Za-z0-9+/]{20}/, "\n!!!!");
    await refusal({ tls: { ...tls(), cert: broken } }, /tls\.cert is not a certificate/);
  });

  it("a key that is not PEM, does not parse, or belongs to another certificate", async () => {
    await refusal({ tls: { ...tls(), key: client.certPem } }, /tls\.key must be a PEM private key/);
    const broken = client.keyPem.replace(/\n[A-Za-z0-9+/]{8}/, "\nAAAA");
    await refusal({ tls: { ...tls(), key: broken } }, /tls\.key is not a private key/);
    await refusal({ tls: { ...tls(), key: other.keyPem } }, /tls\.key is not the private key of tls\.cert/);
  });

  it("a ca without a certificate, or tls that is not an object", async () => {
    await refusal({ tls: { ...tls(), ca: "garbage" } }, /tls\.ca must be one or more PEM certificates/);
    await refusal({ tls: "cert.pem" }, /tls must be an object/);
  });

  it("the user's own fetch with tls: finoauth cannot put a certificate on it", async () => {
    await refusal({ tls: tls(), fetch: (request: Request) => fetch(request) }, /cannot be put on your own fetch/);
  });

  it("a runtime that cannot present a client certificate: a browser or a worker, Deno", async () => {
    vi.spyOn(tlsRuntime, "detect").mockReturnValue("none");
    await refusal({ tls: tls() }, /cannot present a TLS client certificate/);
    await expect(certificateThumbprint(client.certPem)).rejects.toThrow(/cannot present/);
    vi.spyOn(tlsRuntime, "detect").mockReturnValue("deno");
    await refusal({ tls: tls() }, /Deno\.createHttpClient/);
  });

  it("Node without process.getBuiltinModule (before 20.16)", async () => {
    vi.spyOn(tlsRuntime, "crypto").mockReturnValue(undefined);
    await refusal({ tls: tls() }, /Node 20\.16 or later/);
  });
});

describe("tls on Bun (runtime stubbed)", () => {
  it("hands the certificate to Bun's fetch as its tls init member", async () => {
    vi.spyOn(tlsRuntime, "detect").mockReturnValue("bun");
    const seen: unknown[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: { tls?: unknown }) => {
      seen.push(init.tls);
      return new Response(JSON.stringify({ access_token: "bun", token_type: "Bearer" }), {
        headers: { "content-type": "application/json" },
      });
    });
    try {
      const provider = createProvider(oauth2, { ...base(), tls: tls() });
      expect((await provider.clientCredentials()).accessToken).toBe("bun");
      expect(seen).toEqual([{ cert: client.certPem, key: client.keyPem, ca: pki.ca.certPem }]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
  const tls = () => ({ cert: client.certPem, key: client.keyPem, ca: pki.ca.certPem });
});

describe("certificateThumbprint", () => {
  it("is the base64url SHA-256 of the first certificate's DER, and refuses what is not one", async () => {
    expect(await certificateThumbprint(`${client.certPem}\n${pki.ca.certPem}`)).toBe(client.x5tS256);
    expect(await certificateThumbprint(pki.ca.certPem)).toBe(pki.ca.x5tS256);
    await expect(certificateThumbprint(client.keyPem)).rejects.toThrow(/PEM certificate/);
  });
});
