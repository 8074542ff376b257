// Registers a resolve hook that makes the client packages named in FINOAUTH_TEST_MISSING (comma-separated)
// fail to resolve as an uninstalled package does (ERR_MODULE_NOT_FOUND), for a child process of a test.
import { register } from "node:module";

const hook = `
const missing = new Set(${JSON.stringify((process.env.FINOAUTH_TEST_MISSING ?? "").split(",").filter(Boolean))});
export async function resolve(specifier, context, next) {
  if (missing.has(specifier)) {
    const error = new Error("Cannot find package '" + specifier + "' imported from " + context.parentURL);
    error.code = "ERR_MODULE_NOT_FOUND";
    throw error;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
