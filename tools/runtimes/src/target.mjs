// What every runtime's client and the loopback token server agree on (no imports: the worker bundles it).

/** The client secret every runtime uses: `:` and non-ASCII, so HTTP Basic must form-encode it (RFC 6749 §2.3.1). */
export const CLIENT_SECRET = "rt:sécret/+";
/** The redirect URI of the authorization-code check; the server redirects there and the callback is read from it. */
export const REDIRECT_URI = "https://app.example/callback";
