// The runtime suite's Worker (for workerd): runs the scenario when the suite asks
// `GET /run?baseUrl=<token server>&clientId=<id>` and answers its results. src/worker.mjs and
// src/worker-web.mjs are its two entries, bundled with esbuild by src/workerd.mjs.
import { runScenario } from "./scenario.mjs";
import { CLIENT_SECRET, REDIRECT_URI } from "./target.mjs";

/**
 * A module Worker's default export for one runtime variant.
 * @param {string} runtime the name the results carry
 * @param {{ node?: { createNodeTransport: Function } | undefined, noNode?: string }} node as scenario.mjs's runScenario takes it
 */
export function worker(runtime, node) {
  return {
    /** @param {Request} request */
    async fetch(request) {
      const query = new URL(request.url).searchParams;
      const baseUrl = query.get("baseUrl");
      const clientId = query.get("clientId");
      if (!baseUrl || !clientId) return new Response("usage: /run?baseUrl=…&clientId=…", { status: 400 });
      const target = { baseUrl, clientId, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI };
      return Response.json({ runtime, results: await runScenario(target, node) });
    },
  };
}
