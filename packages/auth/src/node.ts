/**
 * `@finoauth/auth/node`: a keep-alive transport over `node:http` / `node:https`, opt-in, for services that
 * send many token requests (a broker refreshing thousands of grants). Pass it as the provider's `fetch`:
 *
 * ```ts
 * const transport = createNodeTransport();
 * const provider = createProvider(acme, { clientId, clientSecret, fetch: transport });
 * ```
 *
 * It keeps the rules of the default path: no redirect is ever followed (node:http never does), the answer
 * is capped at the provider's `maxResponseBytes` (counted as it streams; the socket is destroyed past
 * it), and the call's deadline and signal abort the request and free its socket.
 * @packageDocumentation
 */
/// <reference types="node" />
import http from "node:http";
import https from "node:https";
import { urlToHttpOptions } from "node:url";
import { LIGHT_FETCH, TooLarge, whenAborted, type LightFetch, type LightRequest, type LightResponse } from "./call.js";
import { invalidOptions } from "./errors.js";

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /** Keep connections open between requests. Default true. */
  keepAlive?: boolean | undefined;
  /** The most sockets per origin. Default 64. */
  maxSockets?: number | undefined;
  /** How long an idle kept-alive socket stays open, in milliseconds. Default 30 s. */
  idleTimeoutMs?: number | undefined;
}

/** The transport: a fetch for `createProvider`'s `fetch` option, plus `close()` to end its idle sockets. */
export type NodeTransport = LightFetch & {
  (request: Request): Promise<Response>;
  /** Closes every idle socket; requests in flight finish. */
  close(): void;
};

/** Where a URL's requests go: the module for its scheme, and its parsed options with the agent. */
interface Target {
  module: typeof http | typeof https;
  options: http.RequestOptions;
}

/** Response headers from node:http's lower-cased header object: only `get`, which is all the engine reads. */
class NodeHeaders {
  constructor(readonly raw: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }
}

/**
 * Creates a keep-alive transport. Each provider may share one (they share its sockets per origin). Checks
 * its options at once.
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const keepAlive = options.keepAlive ?? true;
  const maxSockets = options.maxSockets ?? 64;
  const timeout = options.idleTimeoutMs ?? 30_000;
  if (!(Number.isInteger(maxSockets) && maxSockets > 0)) throw invalidOptions(`maxSockets must be a whole number > 0, got ${String(maxSockets)}`);
  if (!(Number.isFinite(timeout) && timeout > 0)) throw invalidOptions(`idleTimeoutMs must be a positive number of milliseconds, got ${String(timeout)}`);
  const agents = {
    "http:": new http.Agent({ keepAlive, maxSockets, timeout }),
    "https:": new https.Agent({ keepAlive, maxSockets, timeout }),
  };

  // A provider calls the same few endpoints: each URL is parsed into request options once.
  const targets = new Map<string, Target>();
  const targetOf = (href: string): Target => {
    let target = targets.get(href);
    if (target) return target;
    const url = new URL(href);
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) throw new TypeError(`unsupported protocol ${url.protocol}`);
    target = { module: url.protocol === "https:" ? https : http, options: { ...urlToHttpOptions(url), agent } };
    if (targets.size >= 64) targets.delete(targets.keys().next().value!);
    targets.set(href, target);
    return target;
  };

  const send = (request: LightRequest, maxBytes: number): Promise<LightResponse> =>
    new Promise<LightResponse>((resolve, reject) => {
      const signal = request.signal;
      if (signal?.aborted) return reject(signal.reason);
      let target: Target;
      try {
        target = targetOf(request.url);
      } catch (error) {
        return reject(error);
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name] = value;
      if (request.body !== null) headers["content-length"] = String(Buffer.byteLength(request.body));
      const req = target.module.request({ ...target.options, method: request.method, headers }, (res) => {
        const declared = Number(res.headers["content-length"]);
        if (declared > maxBytes) {
          res.destroy();
          return fail(new TooLarge(maxBytes));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            res.destroy();
            fail(new TooLarge(maxBytes));
          } else chunks.push(chunk);
        });
        res.on("error", fail);
        res.on("end", () => {
          stopWatching();
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status, ok: status >= 200 && status < 300, headers: new NodeHeaders(res.headers), text: async () => text });
        });
      });
      function fail(error: unknown) {
        stopWatching();
        req.destroy();
        reject(error);
      }
      const stopWatching = signal ? whenAborted(signal, () => fail(signal.reason)) : () => {};
      req.on("error", fail);
      req.end(request.body ?? undefined);
    });

  const transport = ((request: Request) => {
    // Called as a plain fetch (not through a provider): read the request once and answer a WHATWG Response.
    return request.text().then(async (body) => {
      const light = { url: request.url, method: request.method, headers: request.headers, body: body === "" ? null : body, signal: request.signal, redirect: "manual" } as LightRequest;
      const answer = await send(light, Number.MAX_SAFE_INTEGER);
      const raw = (answer.headers as NodeHeaders).raw;
      const headers = Object.entries(raw).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value] as [string, string]]));
      return new Response([101, 204, 205, 304].includes(answer.status) ? null : await answer.text(), { status: answer.status, headers });
    });
  }) as NodeTransport;
  transport[LIGHT_FETCH] = send;
  transport.close = () => {
    agents["http:"].destroy();
    agents["https:"].destroy();
  };
  return transport;
}
