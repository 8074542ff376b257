// The keep-alive transport's two faces beyond the engine's light path on Node: the runtime-fetch transport
// (what Bun, Deno and workerd get: their own fetch keeps connections alive), and the undici transport
// called as a plain fetch by a reader that never keeps up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeTransport } from "../src/keep-alive.js";
import { runtimeTransport } from "../src/keep-alive-fetch.js";
import { LIGHT_FETCH, LightRequest, LightSignal, TooLarge } from "../src/light-request.js";
import { type Listening, listen } from "./support/hostile-server.js";

/** Resolved when the server's endless answer is over (sent whole, or cut by the client). */
let endlessOver: Promise<void> = Promise.resolve();
let server: Listening;
let url = "";
beforeAll(async () => {
  server = await listen((req, body, res) => {
    if (req.url === "/redirect") return void res.writeHead(302, { location: "https://elsewhere.example/" }).end();
    if (req.url === "/hang") return; // never answers
    if (req.url === "/proto-headers") {
      res.setHeader("__proto__", "p");
      res.setHeader("constructor", "c");
      return void res.writeHead(200, { "content-type": "application/json" }).end("{}");
    }
    if (req.url === "/endless") {
      // 24 MiB in 64 KiB chunks, as fast as the socket takes them.
      endlessOver = new Promise((resolve) => res.once("close", resolve));
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, 97);
      let sent = 0;
      const more = () => {
        while (sent < 384) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end();
      };
      return more();
    }
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ path: req.url, size: body.length }));
  });
  url = server.url;
});
afterAll(() => server.close());

describe("the runtime-fetch transport (Bun, Deno, workerd)", () => {
  const transport = runtimeTransport((u, init) => fetch(u, init));
  const post = (path: string, signal: LightSignal | null = null) =>
    new LightRequest(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
      signal,
    });

  it("sends the request as it is and reads the answer as text", async () => {
    const answer = await transport.send(post("/token"), 4096);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(await answer.text())).toEqual({ path: "/token", size: 29 });
  });

  it("never follows a redirect", async () => {
    const answer = await transport.send(post("/redirect"), 4096);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("https://elsewhere.example/");
  });

  it("refuses an answer past the cap", async () => {
    await expect(transport.send(post("/token"), 8)).rejects.toBeInstanceOf(TooLarge);
  });

  it("ends the request when the engine's signal aborts (a LightSignal, bridged to a real one)", async () => {
    const signal = new LightSignal();
    const pending = transport.send(post("/hang", signal), 4096);
    await expect.poll(() => server.received.some((r) => r.path === "/hang")).toBe(true);
    signal.abort(new Error("deadline"));
    await expect(pending).rejects.toThrow("deadline");
  });

  it("as a plain fetch: the request goes as it is, redirects are not followed", async () => {
    const response = await transport.fetch(new Request(`${url}/redirect`, { method: "POST", body: "a=1" }));
    expect(response.status).toBe(302);
    expect(server.received.at(-1)).toMatchObject({ method: "POST", path: "/redirect", body: "a=1" });
  });
});

describe("the undici transport's answer headers", () => {
  it("are only the fields sent: a field named __proto__ or constructor is a field, a missing one is null", async () => {
    const transport = createNodeTransport();
    try {
      const answer = await transport[LIGHT_FETCH](new LightRequest(`${url}/proto-headers`), 4096);
      expect(answer.headers.get("constructor")).toBe("c");
      expect(answer.headers.get("__proto__")).toBe("p");
      expect(answer.headers.get("toString")).toBeNull();
      expect(answer.headers.get("hasOwnProperty")).toBeNull();
    } finally {
      transport.close();
    }
  });
});

describe("the undici transport as a plain fetch", () => {
  it("a reader that falls 16 MiB behind fails the body, and the transport goes on", async () => {
    const transport = createNodeTransport();
    try {
      const response = await transport(new Request(`${url}/endless`));
      expect(response.status).toBe(200);
      // Nobody reads while the answer arrives: it is held up to the bound, then the request is ended.
      await endlessOver;
      const read = async () => {
        const reader = response.body!.getReader();
        for (;;) if ((await reader.read()).done) return "done";
      };
      await expect(read()).rejects.toBeInstanceOf(TooLarge);
      expect(JSON.parse(await (await transport(new Request(`${url}/after`))).text())).toEqual({
        path: "/after",
        size: 0,
      });
    } finally {
      transport.close();
    }
  });
});
