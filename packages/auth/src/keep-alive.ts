/**
 * `@finoauth/auth/node`: a keep-alive transport over undici's connection pools (the HTTP client inside
 * Node's own fetch, used directly), opt-in, for services that send many token requests (a broker
 * refreshing thousands of grants). Pass it as the provider's `fetch`:
 *
 * ```ts
 * const transport = createNodeTransport();
 * const provider = createProvider(acme, { clientId, clientSecret, fetch: transport });
 * ```
 *
 * It keeps the rules of the default path: no redirect is ever followed (undici's dispatcher never does),
 * the answer is capped at the provider's `maxResponseBytes` (counted as it streams, on the wire and once
 * decoded; the request and its socket are ended past it), and the call's deadline and signal abort the
 * request and free its socket. A request undici had not yet written when its kept-alive socket closed is
 * sent again on a fresh connection by undici itself; one it wrote is never re-sent (the server may have
 * read it).
 * @packageDocumentation
 */
/// <reference types="node" />

import zlib from "node:zlib";
import type { Agent, Dispatcher } from "undici";
import { invalidOptions } from "./errors.js";
import { bunFetch, checkTls, type TlsOptions, WITH_TLS } from "./fapi/tls.js";
import { useZlib } from "./keep-alive-decode.js";
import { runtimeTransport } from "./keep-alive-fetch.js";
import { openRequest, placeCache, type Sink, sendWhole } from "./keep-alive-request.js";
import { streamingFetch } from "./keep-alive-stream.js";
import { LIGHT_FETCH, type LightFetch, type LightRequest, type LightResponse } from "./light-request.js";
import { importUndici, undiciRuns } from "./undici.js";

// Decoding on a Node 20 older than 20.16 (no process.getBuiltinModule).
useZlib(zlib);

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
 * its options at once. On Node it sends through undici's pools (loaded on the first request); on Bun, Deno
 * and workerd through the runtime's own fetch, which keeps connections alive by itself (a client
 * certificate is presented on Node and Bun, and refused elsewhere, as for a provider's `tls`).
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const keepAlive = options.keepAlive ?? true;
  const maxSockets = options.maxSockets ?? 64;
  const timeout = options.idleTimeoutMs ?? 30_000;
  if (!(Number.isInteger(maxSockets) && maxSockets > 0))
    throw invalidOptions(`maxSockets must be a whole number > 0, got ${String(maxSockets)}`);
  if (!(Number.isFinite(timeout) && timeout > 0))
    throw invalidOptions(`idleTimeoutMs must be a positive number of milliseconds, got ${String(timeout)}`);
  const tls = options.tls === undefined ? undefined : checkTls(options.tls);
  // One copy per certificate, shared by every provider that presents it (their sockets too).
  const copies = new Map<string, NodeTransport>();
  const withTls = (providerTls: TlsOptions) => {
    const id = [providerTls.cert, providerTls.key, providerTls.ca ?? ""].join("\0");
    let copy = copies.get(id);
    if (!copy) copies.set(id, (copy = createNodeTransport({ ...options, tls: providerTls })));
    return copy;
  };
  const closeCopies = () => {
    for (const copy of copies.values()) copy.close();
    copies.clear();
  };
  if (!undiciRuns()) {
    const runtime = runtimeTransport(tls === undefined ? (url, init) => fetch(url, init) : bunFetch(tls));
    const transport = runtime.fetch as NodeTransport;
    transport[LIGHT_FETCH] = runtime.send;
    transport.close = closeCopies;
    transport[WITH_TLS] = withTls;
    return transport;
  }

  // One pool per origin, `maxSockets` connections each; keepAlive false: one request per connection.
  let AgentClass: typeof Agent | undefined;
  let agent: Dispatcher | undefined;
  const agentNow = (): Dispatcher =>
    (agent ??= new AgentClass!({
      connections: maxSockets,
      keepAliveTimeout: timeout,
      keepAliveMaxTimeout: Math.max(timeout, 600_000),
      ...(keepAlive ? {} : { pipelining: 0 }),
      ...(tls === undefined ? {} : { connect: tls }),
    }));

  const { placeOf } = placeCache();
  const open = (request: LightRequest, maxBytes: number, sink: Sink): ((reason: unknown) => void) => {
    if (AgentClass) return openRequest(placeOf, agentNow(), request, maxBytes, sink);
    // The first request waits for undici to load (once per process).
    let end: ((reason: unknown) => void) | undefined;
    importUndici().then(
      (undici) => {
        AgentClass ??= undici.Agent;
        end = openRequest(placeOf, agentNow(), request, maxBytes, sink);
      },
      (error: unknown) => sink.error(error),
    );
    return (reason) => end?.(reason);
  };

  /** The light path (a provider's calls): the whole decoded answer as text, within `maxBytes`. */
  const send = (request: LightRequest, maxBytes: number): Promise<LightResponse> => sendWhole(open, request, maxBytes);
  const transport = streamingFetch(open) as NodeTransport;
  transport[LIGHT_FETCH] = send;
  transport.close = () => {
    // Requests in flight finish on the old pools, which then close; the transport stays usable.
    const closing = agent;
    agent = undefined;
    closing?.close().catch(() => {});
    closeCopies();
  };
  transport[WITH_TLS] = withTls;
  return transport;
}
