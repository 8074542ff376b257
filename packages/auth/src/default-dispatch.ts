// The default path on Node: while the global fetch is Node's own, a provider's request goes straight to
// the dispatcher that fetch would use (undici's global one: a proxy or mock set with setGlobalDispatcher
// is honoured), with the headers that fetch adds, and without building a WHATWG Request, Response and
// body streams around it. The same wire rules as the keep-alive transport (keep-alive-request.ts).
import type { Dispatcher } from "undici";
import { canDecode } from "./keep-alive-decode.js";
import { openRequest, placeCache, type Sink, sendWhole } from "./keep-alive-request.js";
import type { LightRequest, LightResponse } from "./light-request.js";
import { importUndici, undiciRuns } from "./undici.js";

/** Where undici (Node's own and the package alike) keeps the global dispatcher (undici's lib/global.js). */
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

/**
 * The source of Node's own global fetch names its internal undici (`require('internal/deps/undici/undici')`
 * on Node 20, `lazyUndici` later), which no user code can: a fetch replaced by a test's stub, msw, nock or
 * an instrumentation library does not match, and is called as the default path always called it.
 */
const NODE_FETCH = /internal\/deps\/undici\/undici|lazyUndici/;

let checkedFetch: unknown;
let nodeFetch = false;

/** Whether the global fetch is Node's own (checked again whenever it is replaced). */
export function globalFetchIsNodes(): boolean {
  const current = globalThis.fetch;
  if (current !== checkedFetch) {
    checkedFetch = current;
    nodeFetch =
      typeof current === "function" &&
      undiciRuns() &&
      canDecode() &&
      NODE_FETCH.test(Function.prototype.toString.call(current));
  }
  return nodeFetch;
}

/** What Node's fetch adds to a request that does not set them (undici's fetch, "HTTP-network-or-cache fetch"). */
const FETCH_DEFAULTS: Readonly<Record<string, string>> = {
  accept: "*/*",
  "accept-language": "*",
  "sec-fetch-mode": "cors",
  "user-agent": "node",
  "accept-encoding": "gzip, deflate",
};

const { placeOf } = placeCache();
let fallback: Dispatcher | undefined;

/** The global dispatcher now, or undefined until one exists (Node's fetch makes it on its first call). */
const globalDispatcher = (): Dispatcher | undefined =>
  ((globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] as Dispatcher | undefined) ?? fallback;

function open(request: LightRequest, maxBytes: number, sink: Sink): void {
  const dispatcher = globalDispatcher();
  if (dispatcher) return void openRequest(placeOf, dispatcher, request, maxBytes, sink, FETCH_DEFAULTS);
  // No fetch has run yet, so there is no global dispatcher: an Agent of our own until there is one (never
  // installed as the global one: the process's state is not ours to change).
  importUndici().then((undici) => {
    fallback ??= new undici.Agent();
    openRequest(placeOf, fallback, request, maxBytes, sink, FETCH_DEFAULTS);
  }, sink.error);
}

/** Sends a provider's request on the default path on Node; the whole decoded answer, within `maxBytes`. */
export const dispatchDefault = (request: LightRequest, maxBytes: number): Promise<LightResponse> =>
  sendWhole(open, request, maxBytes);
