// A stand-in for a real RFC 6749 server (specs/oauth2.yaml: POST /token, POST /revoke) on loopback, for
// `finoauth verify` tests: it answers as the spec says, or drifts from it on purpose, one way per mode.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the stand-in answers the token endpoint. */
export type Drift =
  /** As the spec says. */
  | "conforming"
  /** `access_token` → `accessToken`. */
  | "renamedField"
  /** No `token_type`, which the spec requires. */
  | "missingRequiredField"
  /** 201 where the spec documents 200, 400 and 401. */
  | "status201"
  /** 500 where the spec documents 200, 400 and 401. */
  | "status500"
  /** The token as text/plain. */
  | "textPlain"
  /** The token form-encoded. */
  | "formEncoded"
  /** A documented 400 whose description echoes what it got and the tokens it issued (a leaky server). */
  | "echoSecrets"
  /** A hostile server: a token whose scope, and a documented 400 whose description, carry terminal control sequences. */
  | "controlChars";

/** Terminal control sequences a hostile server sends: set the title, clear the screen, 8-bit CSI, CR, backspace, a bidi override, a line break. */
export const CONTROL_TEXT = "\x1b]0;owned\x07\x1b[2J\x9b1A\rfake\b\u202egnp.exe\n  forged line";

/** What the stand-in received. */
export interface Received {
  path: string;
  authorization?: string | undefined;
  body: URLSearchParams;
}

/** The tokens the stand-in issues. */
export const ISSUED = {
  accessToken: "issued-access-token-0123456789",
  refreshToken: "issued-refresh-token-9876543210",
};

/** A running stand-in: its URL, its mode (change it between runs), what it received, and how to stop it. */
export interface Upstream {
  url: string;
  drift: Drift;
  received: Received[];
  close(): Promise<void>;
}

function tokenAnswer(
  drift: Drift,
  request: Received,
  issued: string[],
): { status: number; type: string; body: string } {
  const token = {
    access_token: ISSUED.accessToken,
    token_type: "Bearer",
    expires_in: 3600,
    refresh_token: ISSUED.refreshToken,
  };
  const json = (status: number, value: unknown) => ({ status, type: "application/json", body: JSON.stringify(value) });
  switch (drift) {
    case "conforming":
      return json(200, token);
    case "renamedField": {
      const { access_token, ...rest } = token;
      return json(200, { ...rest, accessToken: access_token });
    }
    case "missingRequiredField": {
      const { token_type: _, ...rest } = token;
      return json(200, rest);
    }
    case "status201":
      return json(201, token);
    case "status500":
      return json(500, { error: "server_error" });
    case "textPlain":
      return { status: 200, type: "text/plain", body: `access_token=${token.access_token}&token_type=Bearer` };
    case "formEncoded":
      return {
        status: 200,
        type: "application/x-www-form-urlencoded",
        body: new URLSearchParams({ access_token: token.access_token, token_type: "Bearer" }).toString(),
      };
    case "echoSecrets":
      // Client credentials get a token; every other grant is refused with everything echoed back.
      if (request.body.get("grant_type") === "client_credentials") return json(200, token);
      return json(400, {
        error: "invalid_grant",
        error_description: `refused ${request.body.toString()} with ${request.authorization ?? "no header"}; already issued ${issued.join(", ")}`,
      });
    case "controlChars":
      if (request.body.get("grant_type") === "client_credentials")
        return json(200, { ...token, scope: `read ${CONTROL_TEXT}` });
      return json(400, { error: "invalid_grant", error_description: CONTROL_TEXT });
  }
}

/** Starts the stand-in on 127.0.0.1, on a free port. */
export async function startUpstream(drift: Drift = "conforming"): Promise<Upstream> {
  const received: Received[] = [];
  const issued: string[] = [];
  const upstream: Upstream = { url: "", drift, received, close: async () => {} };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => {
      const got: Received = {
        path: request.url ?? "",
        authorization: request.headers.authorization,
        body: new URLSearchParams(text),
      };
      received.push(got);
      if (request.method === "POST" && got.path === "/revoke") {
        response.writeHead(200).end();
        return;
      }
      if (request.method !== "POST" || got.path !== "/token") {
        response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not_found" }));
        return;
      }
      const answer = tokenAnswer(upstream.drift, got, issued);
      if (answer.status === 200 && answer.type === "application/json")
        issued.push(ISSUED.accessToken, ISSUED.refreshToken);
      response.writeHead(answer.status, { "content-type": answer.type, "cache-control": "no-store" }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () =>
    new Promise((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return upstream;
}
