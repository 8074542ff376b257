// generated from specs/oauth2.yaml (sha256 ff719f20ace3312392c7675ab369f7c2bdb57661e2b04248e8d5f69109773244) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

export interface paths {
    "/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Send the user to the authorization endpoint (RFC 6749 §4.1.1, RFC 7636 §4.3)
         * @description The authorization request of the authorization-code grant, made by the user's browser. The
         *     server authenticates the user and asks for consent, then redirects the browser to the
         *     `redirect_uri` with `code` and `state` (success, §4.1.2) or with `error`,
         *     `error_description`, `error_uri` and `state` (failure, §4.1.2.1). Use `state` (random,
         *     single-use) and PKCE `S256`.
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
         * Obtain or refresh an access token (RFC 6749 §3.2)
         * @description The token endpoint, for the grants `authorization_code` (§4.1.3, with PKCE `code_verifier`
         *     per RFC 7636 §4.5), `client_credentials` (§4.4.2), `password` (§4.3.2) and `refresh_token`
         *     (§6). The client authenticates with HTTP Basic (`client_secret_basic`) or with `client_id`
         *     and `client_secret` in the body (`client_secret_post`); a public client sends only
         *     `client_id`. Only `client_credentials` and `refresh_token` requests are safe to retry; an
         *     authorization code is single-use.
         */
        post: operations["token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an access or refresh token (RFC 7009)
         * @description The revocation endpoint (RFC 7009 §2.1). The server answers 200 also when the token is
         *     unknown, expired or already revoked (§2.2). Revoking a refresh token may also revoke the
         *     access tokens of the same grant. Client authentication as for the token endpoint. A 503
         *     means the token was not revoked: retry later, honouring `Retry-After`.
         */
        post: operations["revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/introspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask whether a token is active, and what it grants (RFC 7662)
         * @description The introspection endpoint (RFC 7662 §2): a protected resource or the client asks the
         *     authorization server about a token. The answer always has `active`; an unknown, expired or
         *     revoked token, or one the caller may not introspect, is `{"active": false}` with HTTP 200,
         *     never an error (§2.2). The caller must be authorized (§2.1): here with client authentication
         *     as for the token endpoint (HTTP Basic or `client_id` and `client_secret` in the body). The call
         *     only reads, so it is safe to retry.
         */
        post: operations["introspect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/par": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Push the authorization request's parameters to the server first (RFC 9126)
         * @description The pushed authorization request endpoint (RFC 9126 §2): the client posts the parameters it
         *     would have put in the authorization URL (§2.1), authenticated as at the token endpoint, and
         *     gets a single-use `request_uri` for them (§2.2); the browser is then sent to the
         *     authorization endpoint with only `client_id` and `request_uri` (§4). A FAPI 2.0 server
         *     requires it (FAPI 2.0 Security Profile §5.3.2.2), and says so in its metadata
         *     (`require_pushed_authorization_requests`).
         *
         *     Doubt: the endpoint's path is the server's choice: RFC 9126 §5 only names the metadata member
         *     `pushed_authorization_request_endpoint`. Source: RFC 9126 §2, §5. Modelled as: `/par` below
         *     the base URL (oidc-provider's and Keycloak's `…/par` style), which a client overrides with the
         *     URL the metadata names, as for the other endpoints.
         *
         *     Doubt: RFC 9126 §2.3 also lets the server answer 405 (not POST), 413 (too large) and 429 (too
         *     many requests), without saying what body they carry. Source: RFC 9126 §2.3. Modelled as: the
         *     400 and 401 error answers of RFC 6749 §5.2 only; a client treats any other status as an error.
         *
         *     Doubt: any authorization request parameter may be pushed, including extensions (RFC 9126
         *     §2.1). Source: RFC 9126 §2.1. Modelled as: the common ones named, and further string members
         *     allowed (`additionalProperties` of type string or list of strings), unlike the other request
         *     bodies. A list is sent as the repeated parameter (RFC 8707 `resource`).
         */
        post: operations["pushAuthorizationRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-authorization-server": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the authorization server's metadata (RFC 8414 §3)
         * @description The server's metadata document (RFC 8414 §3.1-§3.2): its issuer and the URLs of its
         *     endpoints, and what it supports. For an issuer with a path, the well-known path is inserted
         *     between the host and that path (§3): `https://auth.example.com/tenant` publishes at
         *     `https://auth.example.com/.well-known/oauth-authorization-server/tenant`. The `issuer` in the
         *     answer must be identical to the issuer the client asked about, or the client must not use the
         *     document (§3.3: it defends against an attacker's server posing as another). Not every server
         *     publishes it (many publish only `/.well-known/openid-configuration`): a 404 tells the client to
         *     try that.
         */
        get: operations["authorizationServerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the OpenID Provider's configuration (OpenID Connect Discovery 1.0 §4)
         * @description The OpenID Provider's metadata (OpenID Connect Discovery 1.0 §3, §4.2): the RFC 8414 members
         *     plus the OpenID ones (`jwks_uri`, `subject_types_supported`,
         *     `id_token_signing_alg_values_supported` are required there). It is appended to the issuer
         *     (§4.1): `https://auth.example.com/tenant/.well-known/openid-configuration`. As for RFC 8414,
         *     the `issuer` in the answer must be identical to the issuer asked about (§4.3).
         */
        get: operations["openidConfiguration"];
        put?: never;
        post?: never;
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
        /** @description The token request form body, one schema per grant type (RFC 6749). */
        TokenRequest: components["schemas"]["AuthorizationCodeGrantRequest"] | components["schemas"]["ClientCredentialsGrantRequest"] | components["schemas"]["PasswordGrantRequest"] | components["schemas"]["RefreshTokenGrantRequest"];
        /** @description Authorization-code grant (RFC 6749 §4.1.3, PKCE RFC 7636 §4.5). */
        AuthorizationCodeGrantRequest: {
            /**
             * @description Must be `authorization_code`.
             * @enum {string}
             */
            grant_type: "authorization_code";
            /** @description The authorization code received in the redirect. */
            code: string;
            /**
             * Format: uri
             * @description Required if it was sent in the authorization request, with the identical value.
             */
            redirect_uri?: string;
            /** @description The client identifier; required when the client does not authenticate with HTTP Basic. */
            client_id?: string;
            /** @description The client secret, for client_secret_post only (RFC 6749 §2.3.1). */
            client_secret?: string;
            /**
             * @description `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` with `client_assertion`, for
             *     `private_key_jwt` and `client_secret_jwt` (RFC 7523 §2.2, OpenID Connect Core 1.0 §9).
             * @enum {string}
             */
            client_assertion_type?: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            /**
             * @description The client's JWT (RFC 7523 §3): iss = sub = client_id, aud = the issuer or the endpoint, a
             *     unique jti, a short exp; signed with the client's private key (`private_key_jwt`) or HS256
             *     with its secret (`client_secret_jwt`). Single-use: a fresh one per request.
             */
            client_assertion?: string;
            /** @description The PKCE code verifier (RFC 7636 §4.1, §4.5); required if a code_challenge was sent. */
            code_verifier?: string;
        };
        /** @description Client-credentials grant (RFC 6749 §4.4.2); the client must authenticate. */
        ClientCredentialsGrantRequest: {
            /**
             * @description Must be `client_credentials`.
             * @enum {string}
             */
            grant_type: "client_credentials";
            /** @description Space-delimited list of requested scopes (RFC 6749 §3.3). */
            scope?: string;
            /** @description The client identifier, for client_secret_post (RFC 6749 §2.3.1). */
            client_id?: string;
            /** @description The client secret, for client_secret_post (RFC 6749 §2.3.1). */
            client_secret?: string;
            /**
             * @description `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` with `client_assertion`, for
             *     `private_key_jwt` and `client_secret_jwt` (RFC 7523 §2.2, OpenID Connect Core 1.0 §9).
             * @enum {string}
             */
            client_assertion_type?: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            /**
             * @description The client's JWT (RFC 7523 §3): iss = sub = client_id, aud = the issuer or the endpoint, a
             *     unique jti, a short exp; signed with the client's private key (`private_key_jwt`) or HS256
             *     with its secret (`client_secret_jwt`). Single-use: a fresh one per request.
             */
            client_assertion?: string;
        };
        /** @description Resource owner password credentials grant (RFC 6749 §4.3.2). */
        PasswordGrantRequest: {
            /**
             * @description Must be `password`.
             * @enum {string}
             */
            grant_type: "password";
            /** @description The resource owner's username. */
            username: string;
            /** @description The resource owner's password. */
            password: string;
            /** @description Space-delimited list of requested scopes (RFC 6749 §3.3). */
            scope?: string;
            /** @description The client identifier; required when the client does not authenticate with HTTP Basic. */
            client_id?: string;
            /** @description The client secret, for client_secret_post (RFC 6749 §2.3.1). */
            client_secret?: string;
            /**
             * @description `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` with `client_assertion`, for
             *     `private_key_jwt` and `client_secret_jwt` (RFC 7523 §2.2, OpenID Connect Core 1.0 §9).
             * @enum {string}
             */
            client_assertion_type?: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            /**
             * @description The client's JWT (RFC 7523 §3): iss = sub = client_id, aud = the issuer or the endpoint, a
             *     unique jti, a short exp; signed with the client's private key (`private_key_jwt`) or HS256
             *     with its secret (`client_secret_jwt`). Single-use: a fresh one per request.
             */
            client_assertion?: string;
        };
        /** @description Refresh-token grant (RFC 6749 §6). */
        RefreshTokenGrantRequest: {
            /**
             * @description Must be `refresh_token`.
             * @enum {string}
             */
            grant_type: "refresh_token";
            /** @description The refresh token issued to the client. */
            refresh_token: string;
            /** @description Space-delimited scopes; must not exceed the originally granted scope (RFC 6749 §6). */
            scope?: string;
            /** @description The client identifier; required when the client does not authenticate with HTTP Basic. */
            client_id?: string;
            /** @description The client secret, for client_secret_post (RFC 6749 §2.3.1). */
            client_secret?: string;
            /**
             * @description `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` with `client_assertion`, for
             *     `private_key_jwt` and `client_secret_jwt` (RFC 7523 §2.2, OpenID Connect Core 1.0 §9).
             * @enum {string}
             */
            client_assertion_type?: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            /**
             * @description The client's JWT (RFC 7523 §3): iss = sub = client_id, aud = the issuer or the endpoint, a
             *     unique jti, a short exp; signed with the client's private key (`private_key_jwt`) or HS256
             *     with its secret (`client_secret_jwt`). Single-use: a fresh one per request.
             */
            client_assertion?: string;
        };
        /** @description Successful token response (RFC 6749 §5.1). Providers may add fields. */
        TokenResponse: {
            /** @description The access token. */
            access_token: string;
            /** @description The token type (RFC 6749 §7.1), case-insensitive, usually `Bearer`. */
            token_type: string;
            /** @description Lifetime of the access token in seconds (recommended). */
            expires_in?: number;
            /** @description A refresh token (optional). If omitted on refresh, keep using the previous one. */
            refresh_token?: string;
            /** @description Space-delimited granted scopes; optional if identical to the requested scope (RFC 6749 §3.3). */
            scope?: string;
        };
        /** @description Error response of the token endpoint (RFC 6749 §5.2). */
        TokenErrorResponse: {
            /**
             * @description The error code (RFC 6749 §5.2).
             * @enum {string}
             */
            error: "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope";
            /** @description Human-readable ASCII text with additional information (optional). */
            error_description?: string;
            /**
             * Format: uri
             * @description A URI of a web page about the error (optional).
             */
            error_uri?: string;
        };
        /** @description The revocation request form body (RFC 7009 §2.1). */
        RevokeRequest: {
            /** @description The token to revoke. */
            token: string;
            /**
             * @description A hint about the token's type (RFC 7009 §2.1); the server may ignore it.
             * @enum {string}
             */
            token_type_hint?: "access_token" | "refresh_token";
            /** @description The client identifier; required when the client does not authenticate with HTTP Basic. */
            client_id?: string;
            /** @description The client secret, for client_secret_post (RFC 6749 §2.3.1). */
            client_secret?: string;
            /**
             * @description `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` with `client_assertion`, for
             *     `private_key_jwt` and `client_secret_jwt` (RFC 7523 §2.2, OpenID Connect Core 1.0 §9).
             * @enum {string}
             */
            client_assertion_type?: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            /**
             * @description The client's JWT (RFC 7523 §3): iss = sub = client_id, aud = the issuer or the endpoint, a
             *     unique jti, a short exp; signed with the client's private key (`private_key_jwt`) or HS256
             *     with its secret (`client_secret_jwt`). Single-use: a fresh one per request.
             */
            client_assertion?: string;
        };
        /** @description Error response of the revocation endpoint (RFC 7009 §2.2.1, RFC 6749 §5.2). */
        RevokeErrorResponse: {
            /**
             * @description The error code (RFC 6749 §5.2 plus `unsupported_token_type` from RFC 7009 §2.2.1).
             * @enum {string}
             */
            error: "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope" | "unsupported_token_type";
            /** @description Human-readable ASCII text with additional information (optional). */
            error_description?: string;
            /**
             * Format: uri
             * @description A URI of a web page about the error (optional).
             */
            error_uri?: string;
        };
        /** @description The introspection request form body (RFC 7662 §2.1). */
        IntrospectionRequest: {
            /** @description The token to introspect (an access token, or a refresh token). */
            token: string;
            /**
             * @description A hint about the token's type (RFC 7662 §2.1, RFC 7009 §4.1.2); the server may ignore it.
             * @enum {string}
             */
            token_type_hint?: "access_token" | "refresh_token";
            /** @description The client identifier; required when the client does not authenticate with HTTP Basic. */
            client_id?: string;
            /** @description The client secret, for client_secret_post (RFC 6749 §2.3.1). */
            client_secret?: string;
            /**
             * @description `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` with `client_assertion`, for
             *     `private_key_jwt` and `client_secret_jwt` (RFC 7523 §2.2, OpenID Connect Core 1.0 §9).
             * @enum {string}
             */
            client_assertion_type?: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            /**
             * @description The client's JWT (RFC 7523 §3): iss = sub = client_id, aud = the issuer or the endpoint, a
             *     unique jti, a short exp; signed with the client's private key (`private_key_jwt`) or HS256
             *     with its secret (`client_secret_jwt`). Single-use: a fresh one per request.
             */
            client_assertion?: string;
        };
        /**
         * @description The token's state (RFC 7662 §2.2). Only `active` is required; the other members describe an
         *     active token. Servers may add members (§2.2).
         */
        IntrospectionResponse: {
            /** @description Whether the token is active (issued by this server, not expired, not revoked, and usable now). */
            active: boolean;
            /** @description Space-delimited scopes of the token (RFC 6749 §3.3). */
            scope?: string;
            /** @description The client the token was issued to. */
            client_id?: string;
            /** @description A human-readable identifier of the resource owner who authorized the token. */
            username?: string;
            /** @description The token's type (RFC 6749 §7.1), e.g. `Bearer`. */
            token_type?: string;
            /** @description When the token expires, in seconds since the Unix epoch (RFC 7519 NumericDate). */
            exp?: number;
            /** @description When the token was issued, in seconds since the Unix epoch. */
            iat?: number;
            /** @description The token is not to be used before this time, in seconds since the Unix epoch. */
            nbf?: number;
            /** @description The subject of the token (RFC 7519 §4.1.2), usually a machine-readable id of the resource owner. */
            sub?: string;
            /** @description The token's intended audience (RFC 7519 §4.1.3), one string or a list. */
            aud?: string | string[];
            /** @description The issuer of the token (RFC 7519 §4.1.1). */
            iss?: string;
            /** @description The token's identifier (RFC 7519 §4.1.7). */
            jti?: string;
        };
        /** @description Error response of the introspection endpoint (RFC 7662 §2.3, RFC 6749 §5.2). */
        IntrospectionErrorResponse: {
            /**
             * @description The error code (RFC 6749 §5.2).
             * @enum {string}
             */
            error: "invalid_request" | "invalid_client";
            /** @description Human-readable ASCII text with additional information (optional). */
            error_description?: string;
            /**
             * Format: uri
             * @description A URI of a web page about the error (optional).
             */
            error_uri?: string;
        };
        /**
         * @description The authorization request's parameters, pushed (RFC 9126 §2.1), with client authentication
         *     as at the token endpoint. Further authorization parameters are allowed (see the operation's doubt).
         */
        PushedAuthorizationRequest: {
            /**
             * @description Must be `code` (authorization-code grant).
             * @enum {string}
             */
            response_type: "code";
            /** @description The client identifier (RFC 6749 §2.2), always sent (RFC 9126 §2.1). */
            client_id: string;
            /**
             * Format: uri
             * @description Where to send the user back (RFC 6749 §3.1.2).
             */
            redirect_uri?: string;
            /** @description Space-delimited list of requested scopes (RFC 6749 §3.3). */
            scope?: string;
            /** @description Opaque value returned unchanged in the redirect (RFC 6749 §10.12). */
            state?: string;
            /** @description PKCE code challenge (RFC 7636 §4.2). */
            code_challenge?: string;
            /**
             * @description PKCE transformation (RFC 7636 §4.3); FAPI 2.0 requires `S256`.
             * @enum {string}
             */
            code_challenge_method?: "S256" | "plain";
            /** @description OpenID Connect Core 1.0 §3.1.2.1. */
            prompt?: string;
            /** @description OpenID Connect Core 1.0 §3.1.2.1. */
            nonce?: string;
            /** @description OpenID Connect Core 1.0 §3.1.2.1. */
            login_hint?: string;
            /** @description Resource indicators (RFC 8707 §2); a list is sent as the repeated parameter. */
            resource?: string | string[];
            /** @description The client secret, for client_secret_post (RFC 6749 §2.3.1). */
            client_secret?: string;
            /**
             * @description `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` with `client_assertion`, for
             *     `private_key_jwt` and `client_secret_jwt` (RFC 7523 §2.2, OpenID Connect Core 1.0 §9).
             * @enum {string}
             */
            client_assertion_type?: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            /**
             * @description The client's JWT (RFC 7523 §3): aud = the issuer (FAPI 2.0 §5.3.2.1), a unique jti, a short
             *     exp. Single-use: a fresh one per request.
             */
            client_assertion?: string;
        } & {
            [key: string]: string | string[];
        };
        /** @description A stored pushed authorization request (RFC 9126 §2.2). */
        PushedAuthorizationResponse: {
            /** @description The reference to use as `request_uri` in the authorization request; single-use. */
            request_uri: string;
            /** @description The lifetime of `request_uri` in seconds (short: RFC 9126 §2.2 suggests 5 to 600). */
            expires_in: number;
        };
        /** @description Error response of the PAR endpoint (RFC 9126 §2.3, RFC 6749 §5.2). */
        PushedAuthorizationErrorResponse: {
            /**
             * @description The error code: RFC 6749 §4.1.2.1 and §5.2's, and `invalid_request_object` (RFC 9101 §6.3)
             *     for a bad request object.
             * @enum {string}
             */
            error: "invalid_request" | "invalid_client" | "unauthorized_client" | "access_denied" | "unsupported_response_type" | "invalid_scope" | "invalid_request_object" | "server_error" | "temporarily_unavailable";
            /** @description Human-readable ASCII text with additional information (optional). */
            error_description?: string;
            /**
             * Format: uri
             * @description A URI of a web page about the error (optional).
             */
            error_uri?: string;
        };
        /**
         * @description Authorization server metadata (RFC 8414 §2). `issuer` and `response_types_supported` are
         *     always required, `authorization_endpoint` and `token_endpoint` whenever the server offers a
         *     grant that uses them. Servers may add members (§2).
         */
        AuthorizationServerMetadata: {
            /**
             * Format: uri
             * @description The server's issuer identifier: an https URL with no query or fragment (RFC 8414 §2). It must
             *     be identical to the issuer the client asked about (§3.3).
             */
            issuer: string;
            /**
             * Format: uri
             * @description The authorization endpoint (RFC 6749 §3.1).
             */
            authorization_endpoint?: string;
            /**
             * Format: uri
             * @description The token endpoint (RFC 6749 §3.2).
             */
            token_endpoint?: string;
            /**
             * Format: uri
             * @description The server's JSON Web Key Set (RFC 7517).
             */
            jwks_uri?: string;
            /**
             * Format: uri
             * @description The dynamic client registration endpoint (RFC 7591).
             */
            registration_endpoint?: string;
            /** @description The scopes the server supports (RFC 6749 §3.3). */
            scopes_supported?: string[];
            /** @description The `response_type` values the server supports (RFC 6749 §3.1.1). */
            response_types_supported: string[];
            /** @description The `response_mode` values the server supports; default `["query", "fragment"]`. */
            response_modes_supported?: string[];
            /** @description The grant types the server supports; default `["authorization_code", "implicit"]`. */
            grant_types_supported?: string[];
            /** @description The client authentication methods of the token endpoint; default `client_secret_basic` (RFC 8414 §2). */
            token_endpoint_auth_methods_supported?: string[];
            /** @description The JWS algorithms of `private_key_jwt` and `client_secret_jwt` at the token endpoint. */
            token_endpoint_auth_signing_alg_values_supported?: string[];
            /**
             * Format: uri
             * @description Human-readable documentation for developers.
             */
            service_documentation?: string;
            /** @description Languages the user interface supports (BCP 47). */
            ui_locales_supported?: string[];
            /**
             * Format: uri
             * @description The server's policy on how clients may use its data.
             */
            op_policy_uri?: string;
            /**
             * Format: uri
             * @description The server's terms of service.
             */
            op_tos_uri?: string;
            /**
             * Format: uri
             * @description The revocation endpoint (RFC 7009).
             */
            revocation_endpoint?: string;
            /** @description The client authentication methods of the revocation endpoint; default `client_secret_basic`. */
            revocation_endpoint_auth_methods_supported?: string[];
            /**
             * Format: uri
             * @description The introspection endpoint (RFC 7662).
             */
            introspection_endpoint?: string;
            /** @description The authentication methods of the introspection endpoint (RFC 8414 §2; no default). */
            introspection_endpoint_auth_methods_supported?: string[];
            /** @description The PKCE code challenge methods the server supports (RFC 7636 §4.3); absent means PKCE may not be supported. */
            code_challenge_methods_supported?: string[];
            /**
             * @description Whether the server sends `iss` in every authorization response (RFC 9207 §3); when true, a
             *     client must refuse a response without it (§2.4). Default false.
             */
            authorization_response_iss_parameter_supported?: boolean;
            /**
             * Format: uri
             * @description The pushed authorization request endpoint (RFC 9126 §5).
             */
            pushed_authorization_request_endpoint?: string;
            /** @description Whether the server accepts authorization requests only through PAR (RFC 9126 §5). Default false. */
            require_pushed_authorization_requests?: boolean;
            /**
             * @description The endpoints to use with mutual TLS (RFC 8705 §5): the same member names as the metadata
             *     (`token_endpoint`, `pushed_authorization_request_endpoint`, …), each a URL.
             */
            mtls_endpoint_aliases?: {
                [key: string]: string;
            };
            /** @description Whether the server issues certificate-bound access tokens (RFC 8705 §3.3). Default false. */
            tls_client_certificate_bound_access_tokens?: boolean;
            /** @description The JWS algorithms the server accepts in DPoP proofs (RFC 9449 §5.1). */
            dpop_signing_alg_values_supported?: string[];
        };
        /**
         * @description OpenID Provider metadata (OpenID Connect Discovery 1.0 §3): the RFC 8414 members, of which
         *     `authorization_endpoint` and `jwks_uri` are required here, and the OpenID ones.
         */
        OpenIDProviderMetadata: components["schemas"]["AuthorizationServerMetadata"] & {
            /**
             * Format: uri
             * @description The authorization endpoint (RFC 6749 §3.1); required for an OpenID Provider.
             */
            authorization_endpoint: string;
            /**
             * Format: uri
             * @description The provider's JSON Web Key Set (RFC 7517), which signs its ID tokens; required for an OpenID Provider.
             */
            jwks_uri: string;
            /**
             * Format: uri
             * @description The UserInfo endpoint (OpenID Connect Core 1.0 §5.3).
             */
            userinfo_endpoint?: string;
            /** @description The subject identifier types supported (`public`, `pairwise`). */
            subject_types_supported: string[];
            /** @description The JWS algorithms of ID tokens; includes `RS256`. */
            id_token_signing_alg_values_supported: string[];
            /** @description The claims the provider may supply. */
            claims_supported?: string[];
            /** @description Whether the `claims` request parameter is supported. Default false. */
            claims_parameter_supported?: boolean;
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
                 * @description Must be `code` (authorization-code grant).
                 * @example code
                 */
                response_type: "code";
                /**
                 * @description The client identifier (RFC 6749 §2.2).
                 * @example s6BhdRkqt3
                 */
                client_id: string;
                /**
                 * @description Where to send the user back (RFC 6749 §3.1.2). Optional if exactly one redirect URI is
                 *     registered; if sent, it must be sent again in the token request.
                 * @example https://client.example.com/cb
                 */
                redirect_uri?: string;
                /**
                 * @description Space-delimited, case-sensitive list of requested scopes (RFC 6749 §3.3).
                 * @example read write
                 */
                scope?: string;
                /**
                 * @description Opaque value returned unchanged in the redirect; recommended for CSRF protection
                 *     (RFC 6749 §10.12).
                 * @example xyz
                 */
                state?: string;
                /**
                 * @description PKCE code challenge (RFC 7636 §4.2): BASE64URL(SHA256(code_verifier)) for `S256`, or the
                 *     verifier itself for `plain`. Required by servers that enforce PKCE.
                 * @example E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM
                 */
                code_challenge?: string;
                /**
                 * @description PKCE transformation (RFC 7636 §4.3); defaults to `plain` when omitted. Use `S256`.
                 * @example S256
                 */
                code_challenge_method?: "S256" | "plain";
                /**
                 * @description Whether the server asks the user to log in or consent again (OpenID Connect Core 1.0
                 *     §3.1.2.1; `create` from Initiating User Registration via OpenID Connect 1.0). An OpenID
                 *     Provider grants `offline_access` (a refresh token) only with `consent`. Servers that are
                 *     not OpenID Providers may ignore it.
                 * @example consent
                 */
                prompt?: "none" | "login" | "consent" | "select_account" | "create";
                /**
                 * @description A random value the ID token must carry back (OpenID Connect Core 1.0 §3.1.2.1, replay defence).
                 * @example n-0S6_WzA2Mj
                 */
                nonce?: string;
                /**
                 * @description Who is expected to log in, to prefill the login page (OpenID Connect Core 1.0 §3.1.2.1).
                 * @example johndoe@example.com
                 */
                login_hint?: string;
                /**
                 * @description Resource indicators (RFC 8707 §2): absolute URIs, without fragment, of the resources the
                 *     token is for; the parameter is repeated for several.
                 * @example [
                 *       "https://api.example.com/accounts"
                 *     ]
                 */
                resource?: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description Redirect to the client's `redirect_uri`. Success (RFC 6749 §4.1.2): `code` (short-lived,
             *     single-use) and `state` (if sent). Error (§4.1.2.1): `error` (one of
             *     `invalid_request`, `unauthorized_client`, `access_denied`, `unsupported_response_type`,
             *     `invalid_scope`, `server_error`, `temporarily_unavailable`), optional
             *     `error_description` and `error_uri`, and `state` (if sent). Errors about the client or
             *     the redirect URI itself are not redirected but shown to the user (§4.1.2.1).
             */
            302: {
                headers: {
                    /** @description The client's redirect URI with the result as query parameters. */
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description Any other answer, e.g. the server's HTML login or consent page shown to the user before
             *     the redirect, or an error page when the client or redirect URI is invalid
             *     (RFC 6749 §4.1.2.1). Not part of the machine contract.
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
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Successful token response (RFC 6749 §5.1). Must not be cached. */
            200: {
                headers: {
                    /**
                     * @description Always `no-store` (RFC 6749 §5.1).
                     * @example no-store
                     */
                    "Cache-Control": string;
                    /**
                     * @description `no-cache` (RFC 6749 §5.1, for HTTP/1.0 caches).
                     * @example no-cache
                     */
                    Pragma?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Error response (RFC 6749 §5.2). */
            400: {
                headers: {
                    /**
                     * @description Usually `no-store`, as for the success response.
                     * @example no-store
                     */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenErrorResponse"];
                };
            };
            /**
             * @description Client authentication failed (RFC 6749 §5.2); required when the client authenticated
             *     with the Authorization header, which is echoed by `WWW-Authenticate`.
             */
            401: {
                headers: {
                    /**
                     * @description The authentication scheme the client must use (RFC 6749 §5.2, RFC 7617).
                     * @example Basic realm="example"
                     */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenErrorResponse"];
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
            /**
             * @description The token was revoked, or was already invalid (RFC 7009 §2.2). The body is empty (any
             *     content is ignored by the client).
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error response (RFC 7009 §2.2.1, RFC 6749 §5.2). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokeErrorResponse"];
                };
            };
            /** @description Client authentication failed (RFC 7009 §2.2.1, RFC 6749 §5.2). */
            401: {
                headers: {
                    /**
                     * @description The authentication scheme the client must use (RFC 6749 §5.2, RFC 7617).
                     * @example Basic realm="example"
                     */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokeErrorResponse"];
                };
            };
            /**
             * @description The server is temporarily unable to revoke the token; the token still exists and the
             *     client may retry later (RFC 7009 §2.2.1). No body.
             */
            503: {
                headers: {
                    /**
                     * @description Seconds to wait (or an HTTP date) before retrying (RFC 9110 §10.2.3).
                     * @example 120
                     */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    introspect: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["IntrospectionRequest"];
            };
        };
        responses: {
            /**
             * @description The token's state (RFC 7662 §2.2). `active` is always there; the other members are
             *     optional and given only for an active token. Servers may add members of their own
             *     (§2.2, registered in the "OAuth Token Introspection Response" registry).
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntrospectionResponse"];
                };
            };
            /** @description Error response (RFC 7662 §2.3, RFC 6749 §5.2). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntrospectionErrorResponse"];
                };
            };
            /**
             * @description The caller is not authorized to introspect (RFC 7662 §2.3): client authentication
             *     failed (RFC 6749 §5.2).
             */
            401: {
                headers: {
                    /**
                     * @description The authentication scheme the client must use (RFC 6749 §5.2, RFC 7617).
                     * @example Basic realm="example"
                     */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntrospectionErrorResponse"];
                };
            };
        };
    };
    pushAuthorizationRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["PushedAuthorizationRequest"];
            };
        };
        responses: {
            /**
             * @description The request was stored (RFC 9126 §2.2): `request_uri` names it (single-use, a URN
             *     `urn:ietf:params:oauth:request_uri:…` in practice) and `expires_in` says for how many seconds.
             */
            201: {
                headers: {
                    /**
                     * @description Usually `no-cache, no-store`, as for token answers.
                     * @example no-cache, no-store
                     */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PushedAuthorizationResponse"];
                };
            };
            /** @description Error response (RFC 9126 §2.3, RFC 6749 §5.2). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PushedAuthorizationErrorResponse"];
                };
            };
            /** @description Client authentication failed (RFC 9126 §2.3, RFC 6749 §5.2). */
            401: {
                headers: {
                    /**
                     * @description The authentication scheme the client must use (RFC 6749 §5.2, RFC 7617).
                     * @example Basic realm="example"
                     */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PushedAuthorizationErrorResponse"];
                };
            };
        };
    };
    authorizationServerMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metadata (RFC 8414 §3.2). Members the client does not understand are ignored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizationServerMetadata"];
                };
            };
            /** @description The server publishes no RFC 8414 metadata here; try `/.well-known/openid-configuration`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    openidConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenID Provider's metadata (OpenID Connect Discovery 1.0 §4.2). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenIDProviderMetadata"];
                };
            };
            /** @description The server publishes no OpenID Connect configuration. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
