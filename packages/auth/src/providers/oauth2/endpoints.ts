// The generic provider's endpoints: their default paths below `baseUrl`, and the URL each request goes to.

/** The default path of each endpoint below `baseUrl` (RFC 9126 leaves PAR's to the server: `/par` here). */
export const PATHS = {
  authorize: "/authorize",
  token: "/token",
  revoke: "/revoke",
  introspect: "/introspect",
  par: "/par",
} as const;

/** An endpoint's name. */
export type EndpointName = keyof typeof PATHS;

/** The options that place the endpoints. */
interface EndpointOptions {
  baseUrl?: string | undefined;
  endpoints?: { readonly [K in EndpointName]?: string | undefined } | undefined;
}

/** The URL a request to `name` goes to: `endpoints[name]`, else `baseUrl` + its default path. */
export function endpointOf(options: EndpointOptions, name: EndpointName): string {
  return options.endpoints?.[name] ?? `${(options.baseUrl ?? "").replace(/\/$/, "")}${PATHS[name]}`;
}
