// The runtime suite's entry on workerd: a module Worker, bundled with esbuild (src/workerd.mjs), that runs
// the scenario when the suite asks `GET /run?baseUrl=<token server>&clientId=<id>` and answers its results.
import { runScenario } from "./scenario.mjs";
import { CLIENT_SECRET, REDIRECT_URI } from "./target.mjs";

export default {
  /** @param {Request} request */
  async fetch(request) {
    const query = new URL(request.url).searchParams;
    const baseUrl = query.get("baseUrl");
    const clientId = query.get("clientId");
    if (!baseUrl || !clientId) return new Response("usage: /run?baseUrl=…&clientId=…", { status: 400 });
    const target = { baseUrl, clientId, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI };
    const results = await runScenario(target, { noNode: "no `node:http`: the Worker runs without `nodejs_compat`" });
    return Response.json({ runtime: "workerd", results });
  },
};
