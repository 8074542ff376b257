// The default path on Node: while the global fetch is Node's own, a provider's request goes to the
// dispatcher that fetch would use, with the headers that fetch adds; a replaced global fetch (a test's
// stub, msw, nock, an instrumentation) is called instead, as before.
import { Agent, type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { globalFetchIsNodes } from "../src/default-dispatch.js";
import { createProvider } from "../src/providers/all.js";
import { type Listening, listen } from "./support/hostile-server.js";

let server: Listening;
beforeAll(async () => {
  server = await listen((_req, _body, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ access_token: `token-${server.received.length}`, token_type: "Bearer", expires_in: 3600 }),
    );
  });
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllGlobals();
  server.received.length = 0;
});

const provider = () =>
  createProvider("oauth2", { clientId: "c", clientSecret: "s", baseUrl: server.url, retry: { retries: 0 } });

/** A dispatcher that counts what it is given and hands it on. */
class Counting extends Agent {
  dispatched = 0;
  bodies: string[] = [];
  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    this.dispatched++;
    this.bodies.push(typeof options.body);
    return super.dispatch(options, handler);
  }
}

describe("the default path on Node", () => {
  it("knows Node's own fetch, and a replaced one", () => {
    expect(globalFetchIsNodes()).toBe(true);
    vi.stubGlobal("fetch", (...args: Parameters<typeof fetch>) => fetch(...args));
    expect(globalFetchIsNodes()).toBe(false);
    vi.unstubAllGlobals();
    expect(globalFetchIsNodes()).toBe(true);
  });

  it("sends through the global dispatcher (a proxy or mock set with setGlobalDispatcher is honoured)", async () => {
    const before = getGlobalDispatcher();
    const counting = new Counting();
    setGlobalDispatcher(counting);
    try {
      expect((await provider().clientCredentials()).accessToken).toBe("token-1");
      expect(counting.dispatched).toBe(1);
      // The form as a string: not the body stream Node's fetch would have made of it.
      expect(counting.bodies).toEqual(["string"]);
    } finally {
      setGlobalDispatcher(before);
      await counting.close();
    }
  });

  it("before any fetch has made a global dispatcher, sends through an Agent of its own and installs none", async () => {
    const SLOT = Symbol.for("undici.globalDispatcher.1");
    const global = globalThis as Record<symbol, unknown>;
    const before = global[SLOT];
    global[SLOT] = undefined;
    try {
      expect((await provider().clientCredentials()).accessToken).toBe("token-1");
      expect(global[SLOT]).toBeUndefined();
    } finally {
      global[SLOT] = before;
    }
  });

  it("sends the headers Node's fetch sends", async () => {
    await fetch(`${server.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: "Basic Yzpz" },
      body: "grant_type=client_credentials",
    }).then((response) => response.text());
    await provider().clientCredentials();
    const [viaFetch, viaEngine] = server.received.map((request) => request.headers);
    expect(viaEngine).toEqual(viaFetch);
  });

  it("calls a replaced global fetch instead, once per request", async () => {
    const real = globalThis.fetch;
    const stub = vi.fn((input: RequestInfo | URL, init?: RequestInit) => real(input, init));
    vi.stubGlobal("fetch", stub);
    expect((await provider().clientCredentials()).accessToken).toBe("token-1");
    expect(stub).toHaveBeenCalledTimes(1);
  });
});
