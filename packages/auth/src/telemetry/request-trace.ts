// The telemetry of one request to a provider: an HTTP client span (OpenTelemetry's semantic conventions
// plus `finoauth.*`), the request metrics, and a `request` event. Nothing of the URL but its host and port.
import type { ProviderResponse } from "../transport.js";
import type { RequestEvent } from "./events.js";
import { type Attributes, SPAN_KIND, type SpanLike } from "./otel-types.js";
import { clean, endSpan, errorAttributes, type Telemetry } from "./telemetry.js";

/** What a request's telemetry learns as it goes: the method and URL the transport sent, then its end. */
export interface RequestTrace {
  /** The transport sent `method` to `url` (only its scheme, host and port are kept). */
  seen(method: string, url: string): void;
  /** The request ended: an answer (classified as success or not) or an error. */
  end(response: ProviderResponse | undefined, error: unknown, requestId: string | undefined): void;
}

/** What identifies a request for its telemetry. */
export interface RequestLabels {
  provider: string;
  flow: string;
  resendCount: number;
}

/** Starts a request's telemetry, or `undefined` when nothing listens. */
export function traceRequest(telemetry: Telemetry, labels: RequestLabels): RequestTrace | undefined {
  if (!telemetry.enabled) return undefined;
  const { provider, flow, resendCount } = labels;
  const start = performance.now();
  const span = telemetry.startSpan("HTTP", SPAN_KIND.CLIENT, {
    "finoauth.provider": provider,
    "finoauth.flow": flow,
    "http.request.resend_count": resendCount > 0 ? resendCount : undefined,
  });
  // A request span has no children: one nobody records (the API without an SDK, or sampled out) is
  // dropped, and with no metrics and no listener the request's telemetry is nothing at all.
  if (span === undefined || !span.isRecording()) {
    span?.end();
    if (telemetry.metrics === undefined && !telemetry.hasListener) return undefined;
    return traced(telemetry, labels, start, undefined);
  }
  return traced(telemetry, labels, start, span);
}

function traced(telemetry: Telemetry, labels: RequestLabels, start: number, span: SpanLike | undefined): RequestTrace {
  const { provider, flow, resendCount } = labels;
  let method: string | undefined;
  let server: string | undefined;
  let port: number | undefined;
  let scheme: string | undefined;
  return {
    seen(sentMethod, url) {
      method = sentMethod;
      span?.updateName?.(sentMethod);
      try {
        const parsed = new URL(url);
        server = parsed.hostname;
        scheme = parsed.protocol.slice(0, -1);
        port = parsed.port === "" ? (scheme === "https" ? 443 : 80) : Number(parsed.port);
      } catch {
        // A URL the transport refused: no server to name.
      }
    },
    end(response, error, requestId) {
      const durationMs = performance.now() - start;
      const status = response?.status;
      const { errorKind, oauthError } = errorAttributes(error);
      const outcome = error === undefined ? "ok" : "error";
      const errorType =
        error === undefined
          ? undefined
          : status !== undefined && status >= 400
            ? String(status)
            : (errorKind ?? "_OTHER");
      const http = {
        "http.request.method": method,
        "server.address": server,
        "server.port": port,
        "http.response.status_code": status,
        "error.type": errorType,
        "finoauth.provider": provider,
        "finoauth.flow": flow,
      };
      endSpan(span, outcome, {
        ...http,
        "url.scheme": scheme,
        "finoauth.request_id": requestId,
        "finoauth.error.kind": errorKind,
        "finoauth.oauth.error": oauthError,
      });
      const event: RequestEvent = {
        type: "request",
        provider,
        flow,
        method,
        server,
        port,
        status,
        durationMs,
        resendCount,
        outcome,
        errorKind,
        oauthError,
        requestId,
      };
      record(telemetry, event, http);
    },
  };
}

/** A finished request's metrics (duration, count by outcome) and its `request` event. */
function record(telemetry: Telemetry, event: RequestEvent, http: Attributes): void {
  const metrics = telemetry.metrics;
  if (metrics) {
    metrics.requestDuration.record(event.durationMs / 1000, clean(http));
    metrics.requests.add(
      1,
      clean({
        "finoauth.provider": event.provider,
        "finoauth.flow": event.flow,
        "finoauth.outcome": event.outcome,
        "finoauth.error.kind": event.errorKind,
      }),
    );
  }
  if (telemetry.hasListener) telemetry.emit(event);
}
