// The DPoP seam: a wrapper of the fetch every generated client is given (client-fetch.ts), so that every
// request a provider sends (token grants, PAR, revocation, introspection, a resource request) carries a
// fresh proof, and a `use_dpop_nonce` challenge is answered once. It runs inside the engine's `send`: the
// retry shares the attempt's signal (the caller's, the timeout, the call's deadline) and the size cap.
import { type HookedSignal, LightRequest, type LightResponse, REBUILD, Rebuild } from "../light-request.js";
import { type DpopSigner, isNonce } from "./dpop.js";

/** The fetch a generated client is given (see client-fetch.ts `transport`). */
export type ClientFetch = (request: LightRequest | Request) => Promise<Response | LightResponse>;

/** The access token of an `Authorization: DPoP <token>` header (RFC 9449 §7.1), else undefined. */
const dpopTokenOf = (request: LightRequest | Request): string | undefined => {
  const match = /^DPoP +(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1];
};

/** RFC 9449 §9: a resource server's challenge is a 401 whose `WWW-Authenticate` has scheme DPoP and `use_dpop_nonce`. */
const isResourceChallenge = (response: Response | LightResponse): boolean => {
  if (response.status !== 401) return false;
  const header = response.headers.get("www-authenticate") ?? "";
  return /(^|[\s,])DPoP\b/i.test(header) && /\berror\s*=\s*"?use_dpop_nonce"?/i.test(header);
};

/** The same answer with its body already read as `text` (a challenge that was not one, passed on). */
function withText(response: Response | LightResponse, text: string): Response | LightResponse {
  if (response instanceof Response) {
    const { status, statusText, headers } = response;
    return new Response(text, { status, statusText, headers });
  }
  const { status, ok, headers } = response;
  return { status, ok, headers, text: () => Promise.resolve(text) };
}

/**
 * Whether `response` is a `use_dpop_nonce` challenge with a nonce to send back (RFC 9449 §8: a 400 at an
 * authorization server with that `error`, §9: a 401 at a resource server), and the answer to hand on if it
 * is not. A 400 body is read only when a valid `DPoP-Nonce` came with it; it is bounded by the transport's
 * size cap and the attempt's timeout like any body.
 */
async function readChallenge(
  response: Response | LightResponse,
): Promise<{ nonce?: string | undefined; answer: Response | LightResponse }> {
  const nonce = response.headers.get("dpop-nonce");
  if (!isNonce(nonce)) return { answer: response };
  if (isResourceChallenge(response)) return { nonce, answer: response };
  if (response.status !== 400) return { answer: response };
  const text = await response.text();
  let error: unknown;
  try {
    error = (JSON.parse(text) as { error?: unknown } | null)?.error;
  } catch {
    error = undefined;
  }
  const answer = withText(response, text);
  return error === "use_dpop_nonce" ? { nonce, answer } : { answer };
}

/** Lets go of an answer not handed on (its connection can be reused, or is closed). */
const discard = (response: Response | LightResponse): void => {
  if (response instanceof Response) void response.body?.cancel().catch(() => {});
  else void response.text().catch(() => {});
};

/** A copy of `request` to send once more (a WHATWG Request's body is a stream: cloned before the first send). */
const replayable = (request: LightRequest | Request): (() => LightRequest | Request) => {
  if (request instanceof LightRequest) return () => request;
  const copy = request.clone();
  return () => copy;
};

/**
 * Wraps `inner` so that each request gets a fresh DPoP proof made with `signer` (with `ath` when it carries
 * a DPoP access token, and the origin's latest nonce), every `DPoP-Nonce` answered is remembered for its
 * origin, and a `use_dpop_nonce` challenge is answered once with a fresh proof carrying the new nonce. A
 * second challenge is handed on: it is the server's error to the caller, never a loop. Through the engine's
 * `send` (every provider call) the answer is a request built anew ({@link Rebuild}: a client assertion in
 * the body is single-use); elsewhere the same request is sent again.
 */
export function withDpop(inner: ClientFetch, signer: DpopSigner): ClientFetch {
  return async (request) => {
    const again = replayable(request);
    const accessToken = dpopTokenOf(request);
    const attempt = async (target: LightRequest | Request, nonce: string | undefined) => {
      target.headers.set("dpop", await signer.proof({ method: target.method, url: target.url, nonce, accessToken }));
      const response = await inner(target);
      signer.nonces.set(target.url, response.headers.get("dpop-nonce"));
      return response;
    };
    const first = await attempt(request, signer.nonces.get(request.url));
    const challenge = await readChallenge(first);
    if (challenge.nonce === undefined) return challenge.answer;
    const hooked = request.signal as HookedSignal | null;
    if (hooked?.[REBUILD] === false) {
      // The engine builds the request again; the nonce is remembered for its origin, so its proof carries it.
      hooked[REBUILD] = true;
      discard(challenge.answer);
      throw new Rebuild();
    }
    // The second challenge of a rebuilt request is the server's answer to the caller.
    if (hooked?.[REBUILD] === true) return challenge.answer;
    discard(challenge.answer);
    return attempt(again(), challenge.nonce);
  };
}
