// generated from specs/finapi.yaml (sha256 d409425b2878206ff1db72496340a017bbb9f5edf4e14da288d14936b10e3742) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

export interface paths {
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
         * Get tokens
         * @description Get an access token for a client (`grant_type=client_credentials`) or for one of the
         *     client's users (`grant_type=password`), or refresh a user's access token
         *     (`grant_type=refresh_token`, user tokens only). Client credentials (`client_id`,
         *     `client_secret`) are always required, as form fields. No authorization required.
         *     finAPI asks for the parameters in the POST body with Content-Type
         *     `application/x-www-form-urlencoded` (not in the query string). As long as a token has not
         *     expired, the service returns the same token for the same credentials: cache tokens.
         *     A 403 means the user is not verified (or the role lacks the privilege); a 423 means the
         *     user is locked.
         */
        post: operations["token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a token
         * @description Tell finAPI that a previously obtained refresh_token or access_token is no longer needed.
         *     With `token_type_hint=access_token` finAPI invalidates only that access token; with
         *     `token_type_hint=refresh_token` it invalidates the refresh token and all access tokens of
         *     the same authorization grant; without a hint it revokes all access and refresh tokens of
         *     the same grant. Answers 200 both when the token was revoked and when it was invalid.
         *
         *     Doubt: no request body ("Content-Type: Not defined" in the seed): `token` and
         *     `token_type_hint` go in the query string, not in a form body as in RFC 7009. Source: seed;
         *     AdaptechLLC/finapi-access lib/Api/AuthorizationApi.php and finAPI's example
         *     `POST /oauth/revoke?token={refresh_token}&token_type_hint=refresh_token`. Modelled as:
         *     query parameters.
         *
         *     Doubt: authorization. The seed does not say "No authorization required" for this call;
         *     finAPI's docs say the client's access_token is required
         *     (`Authorization: Bearer {client_access_token}`). Source: AdaptechLLC/finapi-access
         *     docs/Api/AuthorizationApi.md. Modelled as: bearer security `finapi_auth` (the client's
         *     token from grant `client_credentials`).
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
        /** @description Form body of `POST /oauth/token`, one object per grant (discriminated by `grant_type`). */
        TokenRequest: components["schemas"]["PasswordGrantRequest"] | components["schemas"]["ClientCredentialsGrantRequest"] | components["schemas"]["RefreshTokenGrantRequest"];
        /** @description Authorize a user of the client (grant_type=password). */
        PasswordGrantRequest: {
            /**
             * @description Must be `password` to authorize a user.
             * @enum {string}
             */
            grant_type: "password";
            /** @description Client identifier. */
            client_id: string;
            /** @description Client secret. */
            client_secret: string;
            /** @description User identifier. Required for grant_type=password only. */
            username: string;
            /** @description User password. Required for grant_type=password only. */
            password: string;
        };
        /** @description Authorize the client itself (grant_type=client_credentials). */
        ClientCredentialsGrantRequest: {
            /**
             * @description Must be `client_credentials` to authorize a client (application).
             * @enum {string}
             */
            grant_type: "client_credentials";
            /** @description Client identifier. */
            client_id: string;
            /** @description Client secret. */
            client_secret: string;
        };
        /** @description Refresh a user's access token (grant_type=refresh_token; user tokens only). */
        RefreshTokenGrantRequest: {
            /**
             * @description Must be `refresh_token` to refresh a user's access_token.
             * @enum {string}
             */
            grant_type: "refresh_token";
            /** @description Client identifier. */
            client_id: string;
            /** @description Client secret. */
            client_secret: string;
            /** @description Refresh token. Required for grant_type=refresh_token only. */
            refresh_token: string;
        };
        /** @description finAPI's `AccessToken` model, the answer of `POST /oauth/token`. */
        AccessToken: {
            /** @description Access token. Token has a length of up to 128 characters. */
            access_token: string;
            /**
             * @description Refresh token. Only set in case of grant_type='password'. Token has a length of up to
             *     128 characters.
             */
            refresh_token?: string;
            /** @description Token type (it's always 'bearer', lower case). */
            token_type: string;
            /**
             * @description Expiration time in seconds (one hour by default, configurable per client). A value of 0
             *     means that the token never expires (unless it is explicitly invalidated, e.g. by
             *     revocation, or when a user gets locked).
             */
            expires_in: number;
            /** @description Requested scopes (it's always 'all'). */
            scope: string;
        };
        /** @description OAuth-style error of `POST /oauth/token` for bad client credentials (HTTP 401). */
        BadCredentialsError: {
            /** @description Error type (an RFC 6749 §5.2 code such as `invalid_client`). */
            error: string;
            /** @description Error description. */
            error_description: string;
        };
        /**
         * @description finAPI's response when a service call was not successful: details about the error(s).
         *     Doubt: which fields are always present (see info.description). Modelled as: errors, date,
         *     endpoint and authContext required; authContext, bank and requestId may be null.
         */
        ErrorMessage: {
            /** @description List of errors. */
            errors: components["schemas"]["ErrorDetails"][];
            /** @description Server date of when the error(s) occurred, in the format YYYY-MM-DD HH:MM:SS.SSS. */
            date: string;
            /**
             * @description ID of the request that caused this error: the `X-Request-Id` passed, or an
             *     auto-generated ID.
             */
            requestId?: string | null;
            /** @description The service endpoint that was called (e.g. `POST /oauth/token`). */
            endpoint: string;
            /** @description Information about the authorization context of the service call. */
            authContext: string | null;
            /** @description BLZ and name (in format "<BLZ> - <name>") of a bank that was used for the original request. */
            bank?: string | null;
        };
        /** @description One error of an `ErrorMessage`. */
        ErrorDetails: {
            /** @description Error message. */
            message: string | null;
            /**
             * @description Error code, e.g. BAD_REQUEST, FORBIDDEN, LOCKED, USER_NOT_VERIFIED, UNAUTHORIZED_ACCESS,
             *     INVALID_TOKEN, UNEXPECTED_ERROR (finAPI's `ErrorCode` enum; not enforced here, as finAPI
             *     adds codes over time).
             */
            code: string;
            /**
             * @description Error type: BUSINESS (messages for the user, e.g. from a bank server) or TECHNICAL
             *     (meant for developers).
             */
            type: string;
            /** @description Set when a multi-step authentication is required (not used by the OAuth endpoints). */
            multiStepAuthentication?: Record<string, never> | null;
        };
    };
    responses: never;
    parameters: {
        /**
         * @description Request ID: an arbitrary string of up to 255 characters (a longer one is an error). If none
         *     is passed, finAPI generates one. It is always returned in the `X-Request-Id` response
         *     header. finAPI recommends passing a (preferably unique) ID and logging it.
         * @example 5c8b1e9e-7d1a-4c2b-9a57-1f0f1c2d3e4f
         */
        XRequestId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The request ID passed in the `X-Request-Id` request header, or one finAPI generated.
         * @example 5c8b1e9e-7d1a-4c2b-9a57-1f0f1c2d3e4f
         */
        XRequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    token: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Request ID: an arbitrary string of up to 255 characters (a longer one is an error). If none
                 *     is passed, finAPI generates one. It is always returned in the `X-Request-Id` response
                 *     header. finAPI recommends passing a (preferably unique) ID and logging it.
                 * @example 5c8b1e9e-7d1a-4c2b-9a57-1f0f1c2d3e4f
                 */
                "X-Request-Id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Authorization is successful. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessToken"];
                };
            };
            /**
             * @description Bad user credentials, invalid refresh_token or unsupported grant_type (finAPI's
             *     description), as an `ErrorMessage`. The example is ours, built on finAPI's documented
             *     error structure; finAPI publishes no example for this call. Doubt: a Spring-OAuth style
             *     server may send the OAuth shape (`error`, `error_description`) here instead.
             */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            /**
             * @description Bad client credentials, in the OAuth error shape (`BadCredentialsError`). The example
             *     is ours, built from RFC 6749 §5.2 and finAPI's response description "Bad client
             *     credentials"; finAPI publishes no example body.
             */
            401: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadCredentialsError"];
                };
            };
            /**
             * @description The user is not verified by the client (when `isUserAutoVerificationEnabled` is false),
             *     or the role lacks the privilege. The example is ours, built on finAPI's documented error
             *     structure.
             */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            /**
             * @description The user is locked (see `maxUserLoginAttempts` in the client configuration). The
             *     example is ours, built on finAPI's documented error structure.
             */
            423: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            /**
             * @description An unexpected error on finAPI's side. The example is ours, built on finAPI's documented
             *     error structure.
             */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
        };
    };
    revoke: {
        parameters: {
            query: {
                /**
                 * @description The token that the client wants to get revoked (an access_token or a refresh_token).
                 * @example 0b9KjiBVlZLz7a4HshSAIcFuscStiXT1VzT5mgNYwCQ_dWctTDsaIjedAhD1LpsOFJ7x6K8Emf8M3VOQkwNFR9FHijALYSQw2UeRwAC2MvrOKwfF1dHmOq5VEVYEaGf6
                 */
                token: string;
                /**
                 * @description A hint about the type of the token submitted for revocation. Without it, finAPI revokes
                 *     all access and refresh tokens of the same authorization grant. Doubt: the seed types it
                 *     as a plain string; the values come from finAPI's 2016 spec and its description. Modelled
                 *     as: enum [access_token, refresh_token].
                 * @example refresh_token
                 */
                token_type_hint?: "access_token" | "refresh_token";
            };
            header?: {
                /**
                 * @description Request ID: an arbitrary string of up to 255 characters (a longer one is an error). If none
                 *     is passed, finAPI generates one. It is always returned in the `X-Request-Id` response
                 *     header. finAPI recommends passing a (preferably unique) ID and logging it.
                 * @example 5c8b1e9e-7d1a-4c2b-9a57-1f0f1c2d3e4f
                 */
                "X-Request-Id"?: components["parameters"]["XRequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description Token is invalidated successfully, or the token is invalid (finAPI answers 200 in both
             *     cases). Empty response body.
             */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description The service does not support the revocation of the presented token type (finAPI's 2016
             *     description). The example is ours, built on finAPI's documented error structure.
             */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            /**
             * @description The caller's role may not revoke this token (for example a user token instead of the
             *     client's token). The example is ours, built on finAPI's documented error structure.
             */
            403: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
            /**
             * @description An unexpected error on finAPI's side. The example is ours, built on finAPI's documented
             *     error structure.
             */
            500: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorMessage"];
                };
            };
        };
    };
}
