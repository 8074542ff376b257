// The Worker without Node's built-ins (`no_nodejs_compat`): only web APIs, so the bundle may import no
// `node:` module (esbuild fails on one), and the keep-alive transport is not applicable.
import { worker } from "./worker-handler.mjs";

export default worker("workerd-web", { noNode: "no `node:http` under `no_nodejs_compat`" });
