// generated from specs/financial-cents.yaml (sha256 9d3bddbe05fa013d35d9b8e611e759ca1e9a283a085a83c8c623e7ffab36f4c3; checked against docs/financial-cents/financial-cents.postman-documenter.json sha256 98ae0c90c4ff97550ff72f1c93c67723ae473fbaec4dc7e87af4a4bac7d5d301) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

export interface paths {
    "/oauth/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Redirect the user to the consent page
         * @description Send the user's browser here. After the user approves, Financial Cents redirects to `redirect_uri`
         *     with `code` and the `state` you sent: `https://REDIRECT_URI/?code=AUTHORIZATION_CODE&state=YOUR_STATE`.
         *     Verify that `state` matches before using the code. If the user denies (or `prompt=none` cannot be
         *     satisfied) Passport redirects with `error=access_denied` and `state`.
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
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange an authorization code, or refresh an access token
         * @description Grants `authorization_code` (exchange the callback's `code`) and `refresh_token`. Fields go in an
         *     `application/x-www-form-urlencoded` body.
         *     Doubt: the document writes them as a query string (without `&`, a doc bug) and as "query
         *     parameters". Source: seed; https://laravel.com/docs/passport (`Http::asForm()`). Modelled as: form
         *     body. An authorization code is single-use: never retry an exchange.
         */
        post: operations["token"];
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
        /** @description Exchange of the callback's authorization code for tokens. */
        AuthorizationCodeGrantRequest: {
            /**
             * @description Always `authorization_code`.
             * @enum {string}
             */
            grant_type: "authorization_code";
            /** @description Your client ID. */
            client_id: string;
            /** @description Your client secret. */
            client_secret: string;
            /**
             * Format: uri
             * @description The same redirect_uri as in the authorize request.
             */
            redirect_uri: string;
            /** @description The authorization code from the callback (single use). */
            code: string;
            /**
             * @description PKCE code verifier, when a `code_challenge` was sent to /oauth/authorize.
             *     Doubt: not in Financial Cents' document. Source: https://laravel.com/docs/passport "Authorization
             *     Code Grant With PKCE". Modelled as: optional.
             */
            code_verifier?: string;
        };
        /** @description Refresh of an access token with a refresh token. */
        RefreshTokenGrantRequest: {
            /**
             * @description Always `refresh_token`.
             * @enum {string}
             */
            grant_type: "refresh_token";
            /** @description The refresh token from the last token response. */
            refresh_token: string;
            /** @description Your client ID. */
            client_id: string;
            /** @description Your client secret. */
            client_secret: string;
            /** @description Space-separated scopes; the document sends it empty (keep the original scopes). */
            scope?: string;
        };
        /** @description Tokens issued by /oauth/token (Passport's bearer token response). */
        TokenResponse: {
            /**
             * @description Always `Bearer`.
             *     Doubt: not in the document's response shape; Passport always sends it. Source:
             *     league/oauth2-server BearerTokenResponse. Modelled as: optional.
             */
            token_type?: string;
            /** @description Number of seconds until the access token expires. */
            expires_in: number;
            /** @description The access token (a JWT); send it as `Authorization: Bearer ACCESS_TOKEN`. */
            access_token: string;
            /** @description The refresh token; a refresh returns a new one (rotation), store it. */
            refresh_token: string;
        };
        /** @description Laravel Passport's (league/oauth2-server) error body, RFC 6749 section 5.2 plus `hint` and `message`. */
        ErrorResponse: {
            /** @description RFC 6749 error code (`invalid_request`, `invalid_client`, `invalid_grant`, `unsupported_grant_type`, `invalid_scope`, `access_denied`, `server_error`, ...). */
            error: string;
            /** @description Human-readable description of the error. */
            error_description: string;
            /** @description A more specific hint, when league/oauth2-server has one (e.g. "Check the `code` parameter"). */
            hint?: string;
            /** @description Deprecated copy of `error_description` (league/oauth2-server 8.x); absent from 9.x. */
            message?: string;
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
                 * @description The client ID Financial Cents issued to you.
                 * @example 7956
                 */
                client_id: string;
                /**
                 * @description The callback URI you gave when you requested the OAuth client; must match it.
                 * @example http://third-party-app.com/callback
                 */
                redirect_uri: string;
                /**
                 * @description Always `code`.
                 * @example code
                 */
                response_type: "code";
                /**
                 * @description Space-separated scopes; the document sends it empty (no scopes).
                 * @example
                 */
                scope?: string;
                /**
                 * @description A random string, returned unchanged on the callback; compare it to the one you stored.
                 *     Doubt: Passport does not require it. Source: Laravel Passport docs. Modelled as: required, as
                 *     the document lists it and its flow depends on it.
                 * @example RANDOM_STRING
                 */
                state: string;
                /**
                 * @description Authentication behaviour: `none` fails (access_denied) unless the user is already signed in and
                 *     has approved these scopes; `consent` always shows the approval screen; `login` always asks the
                 *     user to sign in again. Omitted: the approval screen only if not approved before.
                 * @example consent
                 */
                prompt?: "none" | "consent" | "login";
                /**
                 * @description PKCE code challenge (BASE64URL(SHA256(code_verifier)) for S256).
                 *     Doubt: not in Financial Cents' document; Passport supports it. Source:
                 *     https://laravel.com/docs/passport "Authorization Code Grant With PKCE". Modelled as: optional.
                 * @example E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM
                 */
                code_challenge?: string;
                /**
                 * @description PKCE method, `S256` (recommended) or `plain`; league/oauth2-server defaults to `plain` when
                 *     `code_challenge` is sent without it.
                 *     Doubt: not in Financial Cents' document. Source: https://laravel.com/docs/passport. Modelled as:
                 *     optional.
                 * @example S256
                 */
                code_challenge_method?: "S256" | "plain";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The approval page (HTML), shown to a signed-in user who has not yet approved these scopes (or
             *     with `prompt=consent`). The user's Approve/Deny ends in the 302 to `redirect_uri`. Not an API
             *     answer: a client only ever sends the browser here.
             *     Doubt: the document does not describe the page. Source: Laravel Passport docs ("Approving The
             *     Request": Passport displays a template to approve or deny). Modelled as: a `text/html` body; the
             *     example is ours.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /**
             * @description Redirect. Before consent, to Financial Cents' sign-in/approval pages; after approval, to
             *     `redirect_uri` with `code` (the authorization code, single use) and `state`. On denial, to
             *     `redirect_uri` with `error=access_denied` and `state` (Passport's behaviour, not in the document).
             */
            302: {
                headers: {
                    /** @description Where the browser goes next; on the final redirect, `redirect_uri` with the callback parameters. */
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description The authorization request is malformed (e.g. no `client_id`, unsupported `response_type`); shown
             *     to the user, not redirected. Example from Passport / league/oauth2-server, not from Financial
             *     Cents' document.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /**
             * @description Unknown `client_id` or a `redirect_uri` that does not match the client's. Example from Passport /
             *     league/oauth2-server, not from Financial Cents' document.
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
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
                "application/x-www-form-urlencoded": components["schemas"]["AuthorizationCodeGrantRequest"] | components["schemas"]["RefreshTokenGrantRequest"];
            };
        };
        responses: {
            /** @description Tokens issued (Passport's response shape). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /**
             * @description Token request rejected. Examples are Passport's (league/oauth2-server) bodies, not Financial
             *     Cents' document, which documents no errors.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /**
             * @description Client authentication failed, or (league/oauth2-server 8.x) the refresh token is invalid.
             *     Examples are Passport's (league/oauth2-server) bodies, not Financial Cents' document.
             */
            401: {
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
