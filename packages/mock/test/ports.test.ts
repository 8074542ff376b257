import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { freePort, freePorts, portIsFree } from "../src/ports.js";

describe("ports", () => {
  it("hands out distinct free loopback ports, and tells a taken port from a free one", async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
    const port = await freePort();
    expect(await portIsFree(port)).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      expect(await portIsFree(port)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await portIsFree(port)).toBe(true);
  });
});
