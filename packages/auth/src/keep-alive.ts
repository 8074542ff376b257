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
 * is capped at the provider's `maxResponseBytes` (counted as it streams, on the wire and once decoded; the
 * socket is destroyed past it), and the call's deadline and signal abort the request and free its socket.
 * A request that a reused socket provably never wrote (the server had closed it) is sent once more by the
 * engine, on a fresh connection; see `neverWritten` below.
 * @packageDocumentation
 */
/// <reference types="node" />
import http from "node:http";
import https from "node:https";
import { urlToHttpOptions } from "node:url";
import { invalidOptions } from "./errors.js";
import { checkTls, type TlsOptions, WITH_TLS } from "./fapi/tls.js";
import { NodeHeaders, openRequest, type Sink, type Target } from "./keep-alive-request.js";
import { streamingFetch } from "./keep-alive-stream.js";
import { LIGHT_FETCH, type LightFetch, type LightRequest, type LightResponse } from "./light-request.js";

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /** Keep connections open between requests. Default true. */
  keepAlive?: boolean | undefined;
  /** The most sockets per origin. Default 64. */
  maxSockets?: number | undefined;
  /** How long an idle kept-alive socket stays open, in milliseconds. Default 30 s. */
  idleTimeoutMs?: number | undefined;
  /**
   * Mutual TLS: the client certificate every https request presents, its key and the CAs to trust (PEM;
   * `ca` replaces the system roots, as in `tls.connect`). A provider's own `tls` option makes a copy of
   * this transport with the provider's certificate instead (closed with this one).
   */
  tls?: TlsOptions | undefined;
}

/** The transport: a fetch for `createProvider`'s `fetch` option, plus `close()` to end its idle sockets. */
export type NodeTransport = LightFetch & {
  (request: Request): Promise<Response>;
  /** Closes every idle socket (and those of the copies made for providers' `tls`); requests in flight finish. */
  close(): void;
  /** A copy of this transport presenting `tls`'s client certificate: what the engine calls for a provider's `tls`. */
  [WITH_TLS](tls: TlsOptions): NodeTransport;
};

/**
 * Creates a keep-alive transport. Each provider may share one (they share its sockets per origin). Checks
 * its options at once.
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const keepAlive = options.keepAlive ?? true;
  const maxSockets = options.maxSockets ?? 64;
  const timeout = options.idleTimeoutMs ?? 30_000;
  if (!(Number.isInteger(maxSockets) && maxSockets > 0))
    throw invalidOptions(`maxSockets must be a whole number > 0, got ${String(maxSockets)}`);
  if (!(Number.isFinite(timeout) && timeout > 0))
    throw invalidOptions(`idleTimeoutMs must be a positive number of milliseconds, got ${String(timeout)}`);
  const tls = options.tls === undefined ? {} : checkTls(options.tls);
  const agents = {
    "http:": new http.Agent({ keepAlive, maxSockets, timeout }),
    "https:": new https.Agent({ keepAlive, maxSockets, timeout, ...tls }),
  };
  // One copy per certificate, shared by every provider that presents it (their sockets too).
  const copies = new Map<string, NodeTransport>();

  // A provider calls the same few endpoints: each URL is parsed into request options once.
  const targets = new Map<string, Target>();
  const targetOf = (href: string): Target => {
    let target = targets.get(href);
    if (target) return target;
    const url = new URL(href);
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) throw new TypeError(`unsupported protocol ${url.protocol}`);
    // Only what node:http reads (it and the agent copy the options on every request: the fewer, the cheaper).
    const { protocol, hostname, port, path, auth } = urlToHttpOptions(url);
    const options: http.RequestOptions = { protocol, hostname, path, agent };
    if (port !== undefined && port !== "") options.port = port;
    if (auth !== undefined) options.auth = auth;
    target = { module: url.protocol === "https:" ? https : http, options };
    if (targets.size >= 64) targets.delete(targets.keys().next().value!);
    targets.set(href, target);
    return target;
  };
  const open = (request: LightRequest, maxBytes: number, sink: Sink): void =>
    openRequest(targetOf, request, maxBytes, sink);

  /** The light path (a provider's calls): the whole decoded answer as text, within `maxBytes`. */
  const send = (request: LightRequest, maxBytes: number): Promise<LightResponse> =>
    new Promise<LightResponse>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let head: http.IncomingMessage | undefined;
      open(request, maxBytes, {
        head: (res) => void (head = res),
        chunk: (chunk) => void chunks.push(chunk),
        end: () => {
          const status = head?.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status,
            ok: status >= 200 && status < 300,
            headers: new NodeHeaders(head?.headers ?? {}),
            text: async () => text,
          });
        },
        error: reject,
      });
    });
  const transport = streamingFetch(open) as NodeTransport;
  transport[LIGHT_FETCH] = send;
  transport.close = () => {
    agents["http:"].destroy();
    agents["https:"].destroy();
    for (const copy of copies.values()) copy.close();
    copies.clear();
  };
  transport[WITH_TLS] = (providerTls) => {
    const id = [providerTls.cert, providerTls.key, providerTls.ca ?? ""].join("\0");
    let copy = copies.get(id);
    if (!copy) copies.set(id, (copy = createNodeTransport({ ...options, tls: providerTls })));
    return copy;
  };
  return transport;
}
