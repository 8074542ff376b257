// generated from specs/finexer.yaml (sha256 24e81c929388e2cc833aac7804a366ef95918c1dbdbb97738dfa781d02772a17) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Send the user to Finexer's consent page (https://finexer.com/oauth/)
         * @description The OAuth link of Step 1 (`https://finexer.com/oauth/?client_id=…`, with the trailing slash as
         *     documented). The browser is sent here; the user signs in (or signs up), then approves or
         *     denies the access. Finexer then redirects the browser to the `redirect_uri` (or the app's
         *     default redirect URL): on approval with `code` (a short-lived, single-use authorization code)
         *     and `state`; on denial with `error=access_denied&error_code=access_denied`.
         */
        get: operations["authorize"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange an authorization code for an access token (https://finexer.com/oauth/token)
         * @description Step 4: exchange the authorization code from the callback for an access token and a refresh
         *     token. The client authenticates with `client_id` and `client_secret` in the form body. Only
         *     the authorization-code grant is documented (Doubt: no refresh-token grant is documented;
         *     Source: shared/seeds/finexer.oauth-guide.md; Modelled as: authorization_code only). An
         *     authorization code is single-use: do not retry this call.
         */
        post: operations["token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke the access and refresh tokens (documented as https://finexer.com/oauth/1)
         * @description Invalidates the access token and the refresh token of a connection. On success Finexer
         *     answers 204 and sends a webhook of type `oauth.authorization.revoked`.
         *     Doubt: the documented path `https://finexer.com/oauth/1` looks like a rendering bug (e.g. of
         *     `/oauth/revoke`); no public source gives another path. Source:
         *     shared/seeds/finexer.oauth-guide.md, "Revoking a token". Modelled as: `/oauth/1` as
         *     documented (path `/1` under the server `https://finexer.com/oauth`).
         */
        post: operations["revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Form body of the authorization-code token exchange. */
        AuthorizationCodeTokenRequest: {
            /** @description The authorization code received in the callback (Step 3). */
            code: string;
            /** @description The unique identifier of your platform (app). */
            client_id: string;
            /** @description Your secret API key, from the API Key page. */
            client_secret: string;
            /**
             * @description Must be `authorization_code`.
             * @enum {string}
             */
            grant_type: "authorization_code";
        };
        /**
         * @description Successful token exchange. Reconstructed from the guide's garbled example (see the Doubt in
         *     info.description); no expiry is documented.
         */
        TokenResponse: {
            /** @description The token type, `bearer`; send the token as `Authorization: Bearer {access_token}`. */
            token_type: string;
            /** @description The access token for requests to https://api.finexer.com on the user's behalf. */
            access_token: string;
            /** @description The refresh token; keep it safe. It is the token sent to the revoke call. */
            refresh_token: string;
            /** @description Identifier of the connected Finexer account; keep it as a reference to the managed account. */
            account_id: string;
            /**
             * @description The granted permissions as one comma-separated string (e.g.
             *     `customer_read,customer_write`).
             */
            scope: string;
        };
        /** @description Form body of the revoke call. */
        RevokeRequest: {
            /** @description The unique identifier of your platform (app). */
            client_id: string;
            /** @description Your secret API key, from the API Key page. */
            client_secret: string;
            /** @description The refresh token of the connection to revoke. */
            refresh_token: string;
        };
        /** @description An error (RFC 6749 §5.2 style), as returned by the token call and the revoke call. */
        ErrorResponse: {
            /** @description The error code, e.g. `invalid_grant`. */
            error: string;
            /** @description A human-readable description of the error. */
            error_description: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    authorize: {
        parameters: {
            query: {
                /**
                 * @description The unique identifier of your platform (app), from your platform settings.
                 * @example app_XBl7BcXJAXYK3
                 */
                client_id: string;
                /**
                 * @description If passed, must be `code`.
                 * @example code
                 */
                response_type?: "code";
                /**
                 * @description A page on your website to which the user is redirected with the successful or failed
                 *     result. Must match one of the redirect URLs declared for your app; when omitted, the
                 *     app's default redirect URL is used.
                 * @example https://yourplatformwebsite.com/authorize
                 */
                redirect_uri?: string;
                /**
                 * @description Requested permissions, comma-separated (CSV) or space-separated; must be within the
                 *     permissions selected for your app.
                 * @example customer_read,customer_write
                 */
                scope?: string;
                /**
                 * @description A unique token to prevent CSRF (strongly recommended); returned unchanged in the redirect
                 *     back to your site.
                 * @example 6f1c2b9e8d
                 */
                state?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description Redirect back to your site (the `redirect_uri` or the app's default redirect URL).
             *     Approved: `code` (authorization code, short-lived, single use) and `state` (as sent in
             *     Step 1; the guide's example URL omits it). Denied: `error=access_denied` and
             *     `error_code=access_denied`.
             */
            302: {
                headers: {
                    /** @description The redirect URL carrying the callback parameters. */
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Any other answer, e.g. Finexer's HTML sign-in or consent page shown to the user in the
             *     browser before the redirect. Not part of the machine contract (undocumented).
             */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["AuthorizationCodeTokenRequest"];
            };
        };
        responses: {
            /** @description The connection is complete; the tokens and the connected account's identifier. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /**
             * @description The request failed, e.g. the authorization code is unknown. Doubt: the guide does not
             *     state the status; Source: shared/seeds/finexer.oauth-guide.md, Step 4; Modelled as: 400
             *     per RFC 6749 §5.2.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revoke: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["RevokeRequest"];
            };
        };
        responses: {
            /** @description Access and refresh tokens are invalidated; a webhook `oauth.authorization.revoked` is sent. No body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description The request failed; the body is a JSON object describing the error. The guide documents
             *     this only in prose: the example below is ours, built from RFC 6749 §5.2, not Finexer's.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
