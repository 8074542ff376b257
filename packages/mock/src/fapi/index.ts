// `@finoauth/mock/fapi`: a real FAPI 2.0 authorization server (panva's oidc-provider behind node:https with a
// private CA made at start) for tests and `finoauth demo`, the certificates it is made with, and the
// "person in front of the browser" that drives oidc-provider's login and consent over HTTP. Never for
// production: every key, certificate and client is made at start and lives only in this process.
export {
  type ConsentOptions,
  consent,
  interact,
  providerListener,
} from "./interaction.js";
export {
  certificateThumbprint,
  type DpopNonceControl,
  dpopThumbprint,
  type FapiAlg,
  type FapiClientName,
  type FapiClients,
  type FapiServer,
  type FapiServerOptions,
  fetchOver,
  type MtlsClient,
  type NonceCheck,
  type PrivateKeyJwtClient,
  type SecretClient,
  type ServedRequest,
  type SigningKey,
  type StoredIntrospection,
  startFapiServer,
} from "./server.js";
export { makeTestPki, selfSignedClientCertificate, type TestCertificate, type TestPki } from "./test-pki.js";
