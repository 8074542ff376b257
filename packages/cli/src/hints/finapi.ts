import type { ProviderHints } from "./types.js";

/** finAPI: the request id, no scopes, and revoke's client token (fetched with client credentials when not given). */
export const finapiHints: ProviderHints<"requestId"> = {
  options: {
    requestId: {
      flag: "request-id",
      value: "<id>",
      help: "the X-Request-Id to send (default: a random UUID per call)",
      parse: (text) => () => text,
    },
  },
  scopes: [],
  demo: {
    values: {
      clientId: "clientId_example",
      clientSecret: "clientSecret_example",
      username: "username_example",
      password: "password_example",
    },
    prefer: {
      clientCredentials: "code=200, example=clientToken",
      password: "code=200, example=userToken",
      refresh: "code=200, example=userToken",
      revoke: "code=200",
    },
  },
  params: {
    revoke: {
      clientAccessToken: {
        flag: "client-access-token",
        value: "<token>",
        help: "finAPI authenticates revoke with the client's own token; default: one is fetched with client credentials",
        secret: true,
        fallback: "clientCredentials",
      },
    },
  },
};
