// The Worker with Node's built-ins (nodejs_compat, the default of workerd's compatibility dates since
// 2026-08-04): every check, the keep-alive transport included.
import * as node from "@finoauth/auth/node";
import { worker } from "./worker-handler.mjs";

export default worker("workerd", { node });
