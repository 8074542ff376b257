// The keep-alive transport where undici is not the runtime's HTTP client (Bun, Deno, workerd): their own
// fetch keeps connections alive by itself, so the transport sends through it, with the same rules.
import { capped } from "./client-fetch.js";
import type { InitFetch } from "./fapi/tls.js";
import { type LightRequest, type LightResponse, requestFields, whenAborted } from "./light-request.js";

/** The two faces of a transport: the engine's light path, and a plain fetch. */
export interface RuntimeTransport {
  send(request: LightRequest, maxBytes: number): Promise<LightResponse>;
  fetch(request: Request): Promise<Response>;
}

/**
 * A transport over `base` (the runtime's fetch, or Bun's with a client certificate): redirects never
 * followed, the light path's answer read within `maxBytes` (decoded bytes counted), and the engine's
 * signal (a LightSignal, which a runtime's fetch may refuse) bridged to a real AbortSignal.
 */
export function runtimeTransport(base: InitFetch): RuntimeTransport {
  return {
    async send(request, maxBytes) {
      const controller = new AbortController();
      const signal = request.signal;
      if (signal?.aborted) controller.abort(signal.reason);
      const stop = signal ? whenAborted(signal, () => controller.abort(signal.reason)) : () => {};
      try {
        const response = await base(request.url, {
          method: request.method,
          headers: requestFields(request),
          body: request.body,
          signal: controller.signal,
          redirect: "manual",
        });
        const text = await capped(response, maxBytes, false).text();
        const { status, ok, headers } = response;
        return { status, ok, headers, text: async () => text };
      } finally {
        stop();
      }
    },
    fetch: (request) =>
      request.text().then((text) =>
        base(request.url, {
          method: request.method,
          headers: request.headers,
          body: text === "" ? null : text,
          signal: request.signal,
          redirect: "manual",
        }),
      ),
  };
}
