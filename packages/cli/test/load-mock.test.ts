// `mock` and `demo` without @finoauth/mock installed: one line that says how to add it, exit code 1.
import { describe, expect, it } from "vitest";
import { demo } from "../src/demo.js";
import { CliError } from "../src/errors.js";
import { type LoadMock, loadMock, mockMissing } from "../src/load-mock.js";
import { mock } from "../src/mock.js";
import { verify } from "../src/verify.js";
import { run } from "./support.js";

/** A loader that fails exactly as Node's import() does when the package is not installed. */
const notInstalled: LoadMock = async () => {
  throw Object.assign(
    new Error("Cannot find package '@finoauth/mock' imported from /usr/lib/node_modules/@finoauth/cli/dist/mock-X.js"),
    { code: "ERR_MODULE_NOT_FOUND" },
  );
};
const io = () => {
  const out: string[] = [];
  return {
    out,
    io: {
      out: (text: string) => void out.push(text),
      err: (text: string) => void out.push(text),
      errIsTty: false,
      readStdin: async () => "",
    },
  };
};

describe("loading @finoauth/mock", () => {
  it("loads the installed module", async () => {
    const module = await loadMock("mock");
    expect(typeof module.startMocks).toBe("function");
    expect(module.availableSpecs()).toContain("fincalc");
  });

  it("a missing @finoauth/mock is one line with the command that adds it, exit code 1", async () => {
    const error = await loadMock("mock", notInstalled).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).message).toBe(mockMissing("mock"));
    expect(mockMissing("demo")).toMatch(
      /^finoauth demo needs @finoauth\/mock \(Prism\), which is not installed: npm i -D @finoauth\/mock .*npx -p @finoauth\/cli -p @finoauth\/mock finoauth demo\)$/,
    );
    expect(mockMissing("demo")).not.toContain("\n");
  });

  it("another failure (a module inside it missing) is not mistaken for it", async () => {
    const inner = Object.assign(
      new Error("Cannot find package 'yaml' imported from /x/node_modules/@finoauth/mock/dist/spec.js"),
      { code: "ERR_MODULE_NOT_FOUND" },
    );
    await expect(loadMock("mock", async () => Promise.reject(inner))).rejects.toBe(inner);
  });

  it("finoauth mock and finoauth demo say it, before starting anything", async () => {
    for (const [run, name] of [
      [mock, "mock"],
      [demo, "demo"],
    ] as const) {
      const { io: out } = io();
      await expect(run([], out, notInstalled)).rejects.toThrow(mockMissing(name));
    }
  });

  it("finoauth verify says it too, once its arguments are checked", async () => {
    const env = { FINOAUTH_OAUTH2_CLIENT_ID: "id", FINOAUTH_OAUTH2_CLIENT_SECRET: "secret" };
    const args = ["oauth2", "--upstream", "http://127.0.0.1:9"];
    await expect(run(args, env, "", (argv, out) => verify(argv, out, { load: notInstalled }))).rejects.toThrow(
      mockMissing("verify"),
    );
  });
});
