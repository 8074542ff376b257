import type { ProviderHints } from "./types.js";

/** SynapseFI: the device and user options, and `oauthKey` (with its 2FA steps) in place of refresh. */
export const synapsefiHints: ProviderHints<"fingerprint" | "ipAddress" | "userId"> = {
  options: {
    fingerprint: {
      flag: "fingerprint",
      value: "<fingerprint>",
      help: "the user's device fingerprint (X-SP-USER)",
      required: true,
      example: "e83cf6ddcf778e37bfe3d48fc78a6502",
    },
    ipAddress: {
      flag: "ip-address",
      value: "<ip>",
      help: "the IP address of the user's device (X-SP-USER-IP)",
      required: true,
      example: "203.0.113.7",
    },
    userId: {
      flag: "user-id",
      value: "<id>",
      help: "the SynapseFI user whose OAuth key is issued",
      required: ["refresh"],
      example: "594e0fa2838454002ea317a0",
    },
  },
  refreshVia: {
    flow: "oauthKey",
    label: "OAuth key",
    params: {
      userId: {
        flag: "user-id",
        value: "<id>",
        help: "the user's id",
        required: true,
        example: "594e0fa2838454002ea317a0",
      },
      oauthKey: { flag: "oauth-key", value: "<key>", help: "the user's current OAuth key (X-SP-USER)", secret: true },
      phoneNumber: { flag: "phone-number", value: "<phone>", help: "2FA step 2: one of the phone numbers offered" },
      validationPin: {
        flag: "validation-pin",
        value: "<pin>",
        help: "2FA step 3: the pin sent to that phone",
        secret: true,
        example: "123456",
      },
    },
    exclusive: [["phoneNumber", "validationPin"]],
    next: {
      mfa_required: "run the same command again with --phone-number <one of the phone numbers> to receive a pin",
      pin_sent: "run the same command again with --validation-pin <the pin> instead of --phone-number",
    },
  },
  demo: {
    values: {
      clientId: "589acd9ecb3cd400fa75ac06",
      clientSecret: "client_secret_demo",
      refreshToken: "refresh_ehG7YBS8ZiD0sLa6PQHMUxryovVkJzElC5gWROXq",
    },
    prefer: { refresh: "code=200, example=pageExample" },
    steps: [
      {
        label: "2FA 1: refresh token",
        prefer: "code=202, example=mfaRequired",
        status: "mfa_required",
        note: "MFA required",
      },
      {
        label: "2FA 2: phone number",
        prefer: "code=202, example=pinSent",
        status: "pin_sent",
        param: "phoneNumber",
        from: "phoneNumbers",
      },
      {
        label: "2FA 3: pin -> OAuth key",
        prefer: "code=200, example=withoutScope",
        status: "ok",
        param: "validationPin",
      },
      {
        label: "scoped OAuth key",
        prefer: "code=200, example=withScope",
        status: "ok",
        scopes: ["NODES|POST", "NODES|GET", "NODE|GET", "TRANS|POST"],
        withKey: "oauthKey",
      },
    ],
  },
};
