// One free-port finder for the repository: @finoauth/mock's (the Redis store's tests use them through here).
export { freePort, freePorts } from "@finoauth/mock";
