// The benchmarks' token endpoint, in a child process of its own so that its CPU is not the client's:
// keep-alive, answers every POST with a fresh token (Content-Length set), optional latency, and reports
// how many requests it answered and how many connections it accepted when asked over IPC (the bench uses
// the second to prove that each contestant claiming keep-alive does reuse its sockets).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

let latencyMs = 0;
let count = 0;
let connections = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    count++;
    const text = JSON.stringify({
      access_token: `at-${randomBytes(12).toString("base64url")}`,
      token_type: "bearer",
      expires_in: 3600,
      refresh_token: "rt-bench",
      scope: "read",
    });
    const answer = () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    latencyMs ? setTimeout(answer, latencyMs) : answer();
  });
});
server.on("connection", () => connections++);
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("message", (message) => {
  if (message.latencyMs !== undefined) latencyMs = message.latencyMs;
  if (message.count) process.send({ count });
  if (message.connections) process.send({ connections });
});
process.on("disconnect", () => process.exit(0));
