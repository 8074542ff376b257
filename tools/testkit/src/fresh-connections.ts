// A vitest setup file: the global fetch opens a fresh connection per request in the test processes.
//
// A test file sends hundreds of requests to Prism mocks from one process, through fetch's pool of kept-alive
// connections, with pauses in between. Prism closes a connection idle for 5 s; on a loaded machine undici
// could reuse one at that very moment, and a call the engine sends once by design (a code exchange,
// SynapseFI's pin) then failed with UND_ERR_SOCKET (seen in the CLI tests, about 1 full CI run in 3 under
// load). That race is the server's and the user's keep-alive policy, not what the tests check; the
// keep-alive transport's own tests use their own agent and are unaffected.
import { Agent, setGlobalDispatcher } from "undici";

setGlobalDispatcher(new Agent({ pipelining: 0 }));
