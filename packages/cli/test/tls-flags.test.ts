// --tls-cert, --tls-key, --tls-ca: a client certificate read from files reaches a real node:https server
// that asks for one (the server records its thumbprint); bad combinations and unreadable files are usage
// errors that name the flag; nothing the CLI prints carries the key.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeTestPki, type TestCertificate, type TestPki } from "@finoauth/mock/fapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MtlsServer, startMtlsServer } from "../../auth/test/support/mtls-server.js";
import { run, runBinary } from "./support.js";

let pki: TestPki;
let client: TestCertificate;
let stranger: TestCertificate;
let server: MtlsServer;
let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  pki = await makeTestPki();
  client = await pki.issueClient("cli-client");
  stranger = await pki.issueClient("someone-else");
  server = await startMtlsServer(pki);
  dir = mkdtempSync(join(tmpdir(), "finoauth-tls-"));
  writeFileSync(file("client.pem"), client.certPem);
  writeFileSync(file("client.key"), client.keyPem);
  writeFileSync(file("other.key"), stranger.keyPem);
  writeFileSync(file("ca.pem"), pki.ca.certPem);
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The body lines of a PEM key: none may be printed. */
const keyLines = (pem: string) => pem.split("\n").filter((line) => line !== "" && !line.startsWith("-----"));
const expectNoKey = (text: string) => {
  for (const line of [...keyLines(client.keyPem), ...keyLines(stranger.keyPem)]) expect(text).not.toContain(line);
};

const token = (...flags: string[]) =>
  run([
    "token",
    "oauth2",
    "--grant",
    "client_credentials",
    "--base-url",
    server.url,
    "--client-id",
    "cli",
    "--client-auth",
    "client_secret_post",
    "--json",
    "--show-secrets",
    ...flags,
  ]);

describe("finoauth token … --tls-cert --tls-key --tls-ca", () => {
  it("presents the certificate from the files", async () => {
    const result = await token(
      "--tls-cert",
      file("client.pem"),
      "--tls-key",
      file("client.key"),
      "--tls-ca",
      file("ca.pem"),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(server.seen.at(-1)).toEqual({ path: "/token", x5t: client.x5tS256, authorized: true });
    expectNoKey(result.stdout + result.stderr);
  });

  it("the built binary too: undici, bundled and loaded only for --tls-cert, runs as an ES module chunk", async () => {
    const args = ["token", "oauth2", "--grant", "client_credentials", "--base-url", server.url, "--client-id", "cli"];
    const tlsFlags = ["--tls-cert", file("client.pem"), "--tls-key", file("client.key"), "--tls-ca", file("ca.pem")];
    const result = await runBinary([...args, "--client-auth", "client_secret_post", ...tlsFlags]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(server.seen.at(-1)).toEqual({ path: "/token", x5t: client.x5tS256, authorized: true });
    expectNoKey(result.stdout + result.stderr);
  });

  it("the files may be named by FINOAUTH_<PROVIDER>_TLS_CERT / _TLS_KEY / _TLS_CA", async () => {
    const result = await run(
      ["token", "oauth2", "--grant", "client_credentials", "--base-url", server.url, "--client-id", "cli"],
      {
        FINOAUTH_OAUTH2_CLIENT_AUTH: "client_secret_post",
        FINOAUTH_OAUTH2_TLS_CERT: file("client.pem"),
        FINOAUTH_OAUTH2_TLS_KEY: file("client.key"),
        FINOAUTH_OAUTH2_TLS_CA: file("ca.pem"),
      },
    );
    expect(result.stderr).toBe("");
    expect(server.seen.at(-1)).toEqual({ path: "/token", x5t: client.x5tS256, authorized: true });
  });

  it("a key that is not the certificate's: refused before anything is sent, the key not printed", async () => {
    const before = server.seen.length;
    const result = await token(
      "--tls-cert",
      file("client.pem"),
      "--tls-key",
      file("other.key"),
      "--tls-ca",
      file("ca.pem"),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tls\.key is not the private key of tls\.cert/);
    expect(server.seen.length).toBe(before);
    expectNoKey(result.stdout + result.stderr);
  });

  it("--tls-cert without --tls-key, an unreadable file, --header with --tls-cert: usage errors naming the flag", async () => {
    const alone = await token("--tls-cert", file("client.pem"));
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/needs both --tls-cert <file> and --tls-key <file>/);
    const missing = await token("--tls-cert", file("client.pem"), "--tls-key", file("nowhere.key"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--tls-key: cannot read .*nowhere\.key.*ENOENT/);
    const header = await token("--tls-cert", file("client.pem"), "--tls-key", file("client.key"), "--header", "X-A: b");
    expect(header.code).toBe(2);
    expect(header.stderr).toMatch(/cannot be combined with --header/);
  });

  it("the help of a provider lists the flags", async () => {
    const help = await run(["token", "oauth2", "--help"]);
    expect(help.stdout).toMatch(/--tls-cert <file>/);
    expect(help.stdout).toMatch(/--tls-key <file>/);
    expect(help.stdout).toMatch(/--tls-ca <file>/);
    expect(help.stdout).toMatch(/--mtls-endpoint <name=url>/);
  });
});
