// generated from specs/fincalc.yaml (sha256 ab72655e6675adfe891b9e8dd1166206de658f72740234479f1cf41532eedaf9) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

export interface paths {
    "/api/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retrieve token
         * @description Authenticate and obtain an access token using the Client Credentials Flow (server to
         *     server). The `email_address` must be the one used to log in to the FinCalc app. The access
         *     token is valid for 24 hours; after that, request a new one (no refresh token).
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
        /** @description JSON body of `POST /api/oauth/token` (client-credentials grant only). */
        TokenRequest: {
            /**
             * @description Must be `client_credentials` (the Client Credentials Flow).
             * @enum {string}
             */
            grant_type: "client_credentials";
            /**
             * @description Your unique client identifier. Doubt: documented as a string but FinCalc's example sends
             *     the number 12345. Source: https://apidocs.fincalc.co.uk/operation/operation-post-api-oauth-token.
             *     Modelled as: string or integer accepted; send it as issued.
             */
            client_id: string | number;
            /** @description The secret key associated with your client ID. */
            client_secret: string;
            /**
             * @description The scope of access for this token. Doubt: free string in the token reference (example
             *     `api_scope`); the Authentication page lists `fact-find`, `client-financials`,
             *     `client-information`. Source: https://apidocs.fincalc.co.uk/authentication. Modelled as:
             *     a free string.
             */
            scope: string;
            /**
             * @description The email address associated with your FinCalc app login. Mandatory; must match your
             *     login email address.
             */
            email_address: string;
        };
        /** @description Successful token response, wrapped in `{success: true, data}`. */
        TokenResponse: {
            /**
             * @description Always `true` on success.
             * @enum {boolean}
             */
            success: true;
            data: components["schemas"]["TokenData"];
        };
        /** @description The issued token. */
        TokenData: {
            /** @description Token type (`Bearer`). */
            token_type: string;
            /** @description Lifetime of the access token in seconds (86400, i.e. 24 hours). */
            expires_in: number;
            /** @description The access token (a JWT), sent as `Authorization: Bearer <access_token>`. */
            access_token: string;
        };
        /** @description Error response, wrapped in `{success: false, message: {description}}`. */
        ErrorResponse: {
            /**
             * @description Always `false` on error.
             * @enum {boolean}
             */
            success: false;
            message: components["schemas"]["ErrorMessage"];
        };
        /** @description What went wrong. */
        ErrorMessage: {
            /** @description Human-readable error description. */
            description: string;
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
    token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description The access token, wrapped in `{success: true, data}`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description The request is malformed, wrapped in `{success: false, message}`. */
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
