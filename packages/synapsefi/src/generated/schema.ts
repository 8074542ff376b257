// generated from specs/synapsefi.yaml (sha256 edfb6a66a8432a10587cacb8015223a0f403734cb342d8fc87907bef646eba4d) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

export interface paths {
    "/v3.1/oauth/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue OAuth Key
         * @description Exchanges the user's current refresh token for an OAuth key (valid 2 hours, `expires_in` "7200").
         *     Send the OAuth key afterwards in `X-SP-USER: oauth_key|fingerprint`. The response may carry a new
         *     refresh token (rotation): store it before using the new OAuth key.
         *
         *     When the fingerprint in `X-SP-USER` is not registered to the user, the call answers 202 and the
         *     2FA flow runs over this same endpoint: send `phone_number` (one of the returned `phone_numbers`),
         *     then `validation_pin` (the pin delivered to it); see the request examples `selectPhoneNumber` and
         *     `submitValidationPin`.
         */
        post: operations["issueOauthKey"];
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
        /** @description Body of Issue OAuth Key. Send `phone_number` and `validation_pin` only during the 2FA flow, one at a time. */
        IssueOauthKeyRequest: {
            /** @description The current refresh token associated with the user (from POST/GET user, or the last OAuth key response). */
            refresh_token: string;
            /**
             * @description OAuth key scope: the actions the key may perform, each `RESOURCE|METHOD` (e.g. `USER|PATCH`,
             *     `NODES|POST`). Omit for all of the client's default scopes.
             *     Doubt: optional in the source page, "required" in the newer reference. Source:
             *     https://docs.synapsefi.com/api-references/oauth/oauth-via-refresh-token. Modelled as: optional.
             */
            scope?: string[];
            /** @description Phone number (or e-mail) for 2FA, one of the `phone_numbers` returned by the 202 "MFA required" answer. */
            phone_number?: string;
            /** @description Validation pin for 2FA, as delivered to `phone_number`. */
            validation_pin?: string;
        };
        /** @description An issued OAuth key. */
        OauthKeyResponse: {
            /** @description ID of the platform (client) the key belongs to. */
            client_id: string;
            /** @description Name of the platform (client). */
            client_name: string;
            /** @description Expiry of the OAuth key as Unix time in seconds, sent as a string of digits. */
            expires_at: string;
            /** @description Lifetime of the OAuth key in seconds, sent as a string of digits ("7200" = 2 hours). */
            expires_in: string;
            /** @description The OAuth key; send it as the first half of `X-SP-USER` (`oauth_key|fingerprint`). */
            oauth_key: string;
            /** @description Uses left of the refresh token (a number, not seconds); refresh tokens expire after 10 uses. */
            refresh_expires_in: number;
            /** @description The refresh token to use next time; may differ from the one sent (rotation). */
            refresh_token: string;
            /** @description Scopes granted to this OAuth key. */
            scope: string[];
            /** @description ID of the user the key was issued for. */
            user_id: string;
        };
        /** @description A human-readable text, keyed by language. */
        SynapseMessage: {
            /** @description The text in English. */
            en: string;
            /** @description A machine-readable error name, present on some errors (e.g. `invalid_username_password`). */
            code?: string;
        };
        /** @description SynapseFI's error body, as listed on https://docs.synapsefi.com/docs/errors. */
        ErrorResponse: {
            error: components["schemas"]["SynapseMessage"];
            /** @description SynapseFI's error code, as a string ("10" action pending, "100" incorrect client credentials, "110" incorrect user credentials, "120" unauthorized fingerprint, "200" payload error, "300" unauthorized action, "400" incorrect values, "404" not found, "410" action not allowed, "429" too many requests, "450" idempotency conflict, "460" request failed, "500" server error, "503" service unavailable). */
            error_code: string;
            /** @description The HTTP status, repeated as a string. */
            http_code: string;
            /**
             * @description Always false on errors.
             * @enum {boolean}
             */
            success: false;
        };
        /** @description 202 answer when the fingerprint is not registered to the user (2FA step 1). */
        MfaRequiredResponse: {
            error: components["schemas"]["SynapseMessage"];
            /**
             * @description Always "10" (accepted, action pending).
             * @enum {string}
             */
            error_code: "10";
            /**
             * @description Always "202".
             * @enum {string}
             */
            http_code: "202";
            /** @description The user's 2FA devices (phone numbers and/or e-mail addresses) to choose from. */
            phone_numbers: string[];
            /**
             * @description Always false here.
             * @enum {boolean}
             */
            success: false;
        };
        /** @description 202 answer after a `phone_number` was chosen (2FA step 2). */
        MfaPinSentResponse: {
            /**
             * @description Always "10" (accepted, action pending).
             * @enum {string}
             */
            error_code: "10";
            /**
             * @description Always "202".
             * @enum {string}
             */
            http_code: "202";
            message: components["schemas"]["SynapseMessage"];
            /**
             * @description True when the pin was sent.
             * @enum {boolean}
             */
            success: true;
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
    issueOauthKey: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Client ID and client secret separated by a pipe, `client_id|client_secret`.
                 * @example client_id_2bb1e412edd311e6bd04e285d6015267|client_secret_2bb1e714edd311e6bd04e285d6015267
                 */
                "X-SP-GATEWAY": string;
                /**
                 * @description IP address of the user's device.
                 * @example 127.0.0.1
                 */
                "X-SP-USER-IP": string;
                /**
                 * @description OAuth key and device fingerprint separated by a pipe, `oauth_key|fingerprint`. For this call only
                 *     the fingerprint is needed: before an OAuth key exists the value is `|fingerprint`.
                 * @example |e83cf6ddcf778e37bfe3d48fc78a6502062fc
                 */
                "X-SP-USER": string;
            };
            path: {
                /**
                 * @description ID of the user.
                 * @example 594e0fa2838454002ea317a0
                 */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueOauthKeyRequest"];
            };
        };
        responses: {
            /** @description The OAuth key was issued (also the answer to a correct `validation_pin`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OauthKeyResponse"];
                };
            };
            /**
             * @description Accepted, action pending (error_code "10"); no OAuth key. Two bodies share this status:
             *     `mfaRequired` - the fingerprint in `X-SP-USER` is not registered to the user, pick one of
             *     `phone_numbers` and send it as `phone_number`; `pinSent` - the pin was sent to the chosen
             *     `phone_number`, send it as `validation_pin`.
             *     Doubt: not in the source page. Source: https://docs.synapsefi.com/docs/register-new-fingerprint
             *     and SynapseFI/SynapseGo README (mfaRequired; the docs page's first entry is an e-mail address
             *     obfuscated by Cloudflare, so the SDK README's `developer@email.com` is used), SynapsePy fixture
             *     `test_good_2fa_device` and SynapseUI/synapsefi-js-api-wrapper test/oauthTests (pinSent).
             *     Modelled as: `oneOf` of the two body shapes; the pinSent number is ours, matching mfaRequired.
             */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaRequiredResponse"] | components["schemas"]["MfaPinSentResponse"];
                };
            };
            /**
             * @description Bad request: wrong client credentials in `X-SP-GATEWAY` (error_code "100") or a malformed payload,
             *     e.g. a missing `refresh_token` (error_code "200").
             *     Doubt: statuses and texts are from the official SDKs' fixtures, not from the source page.
             *     Source: SynapseFI/SynapseGo testdata/error_responses.json, https://docs.synapsefi.com/docs/errors.
             *     Modelled as: 400 with the fixtures' bodies.
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
             * @description Authentication error.
             *     Doubt: https://docs.synapsefi.com/docs/errors lists HTTP 401 "Authentication error" but no
             *     example for this endpoint; SDK fixtures put error_code 110 (incorrect user credentials) under
             *     400. Source: https://docs.synapsefi.com/docs/errors, SynapseFI/SynapsePy
             *     synapsepy/errors.py. Modelled as: 401 with an example that is ours (error_code 110 with
             *     http_code 401).
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /**
             * @description Incorrect values supplied (error_code "400"): a wrong `validation_pin`, or a refresh token that
             *     is invalid, expired or used up (re-read the user with `GET /v3.1/users/{user_id}` to get the
             *     current one and retry).
             *     Doubt: no published example for this endpoint. Source: https://docs.synapsefi.com/docs/errors
             *     ("409 Conflict - Incorrect values supplied (eg. ... wrong MFA response ...)", generic example
             *     error_code "400" / http_code "409"); SDK retry-on-IncorrectValues logic in SynapseFI/SynapsePy
             *     synapsepy/user.py and SynapseFI/SynapseGo users.go. Modelled as: 409 with two examples whose
             *     `error.en` texts are ours.
             */
            409: {
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
