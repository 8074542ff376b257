// Starts the connect page from environment variables:
//   FINOAUTH_FINANCIAL_CENTS_CLIENT_ID, FINOAUTH_FINANCIAL_CENTS_CLIENT_SECRET   (and/or the FINOAUTH_FINEXER_… pair)
//   FINOAUTH_<PROVIDER>_BASE_URL             optional: a sandbox or a mock instead of production
//   FINOAUTH_<PROVIDER>_AUTHORIZE_BASE_URL   optional: the authorize endpoint's base URL, when it differs
//   FINOAUTH_<PROVIDER>_TOKEN_BASE_URL       optional: the token endpoint's base URL, when it differs
//   FINOAUTH_<PROVIDER>_SCOPES               optional: scopes, comma- or space-separated
//   PORT (default 3000), HOST (default 127.0.0.1), PUBLIC_URL (default http://HOST:PORT)
import { CONNECT_PROVIDERS, type ConnectProviderConfig, type ConnectProviderName, createConnectApp } from "./app.js";

function fail(message: string): never {
  console.error(`connect: ${message}`);
  process.exit(2);
}

function providerFromEnv(name: ConnectProviderName): ConnectProviderConfig | undefined {
  const prefix = `FINOAUTH_${name.toUpperCase().replace(/-/g, "_")}_`;
  const read = (key: string) => process.env[prefix + key]?.trim() || undefined;
  const clientId = read("CLIENT_ID");
  const clientSecret = read("CLIENT_SECRET");
  if (!clientId && !clientSecret) return undefined;
  if (!clientId || !clientSecret) fail(`set both ${prefix}CLIENT_ID and ${prefix}CLIENT_SECRET (only one is set)`);
  const baseUrl = read("BASE_URL");
  return {
    clientId,
    clientSecret,
    authorizeBaseUrl: read("AUTHORIZE_BASE_URL") ?? baseUrl,
    tokenBaseUrl: read("TOKEN_BASE_URL") ?? baseUrl,
    scopes: read("SCOPES")
      ?.split(/[\s,]+/)
      .filter(Boolean),
  };
}

const providers: Partial<Record<ConnectProviderName, ConnectProviderConfig>> = {};
for (const name of CONNECT_PROVIDERS) {
  const config = providerFromEnv(name);
  if (config) providers[name] = config;
}
if (Object.keys(providers).length === 0) {
  fail(
    "no provider configured: set FINOAUTH_FINANCIAL_CENTS_CLIENT_ID and FINOAUTH_FINANCIAL_CENTS_CLIENT_SECRET, or the FINOAUTH_FINEXER_ pair",
  );
}
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, got "${process.env.PORT}"`);

let app: Awaited<ReturnType<typeof createConnectApp>>;
try {
  app = await createConnectApp({
    port,
    host: process.env.HOST || undefined,
    publicUrl: process.env.PUBLIC_URL || undefined,
    providers,
  });
} catch (error) {
  fail(String(error instanceof Error ? error.message : error));
}
console.log(`Connect page: ${app.url}`);
for (const [name, uri] of Object.entries(app.redirectUris))
  console.log(`  ${name} redirect URI (register it with the provider): ${uri}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
