// One free-port finder for the repository: @finoauth/mock's (the Redis store's tests use it through here).
export { freePort } from "@finoauth/mock";
