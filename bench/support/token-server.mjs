// The benchmarks' token endpoint, in a child process of its own so that its CPU is not the client's:
// keep-alive, answers every POST with a fresh token (Content-Length set), optional latency, and reports
// how many requests it answered when asked over IPC.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

let latencyMs = 0;
let count = 0;
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
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("message", (message) => {
  if (message.latencyMs !== undefined) latencyMs = message.latencyMs;
  if (message.count) process.send({ count });
});
process.on("disconnect", () => process.exit(0));
