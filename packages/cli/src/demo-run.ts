// One demo run of a provider: the rows of the table, and the mock's fetch that asks Prism for one documented
// answer per step and collects the spec violations of each request.
import { performance } from "node:perf_hooks";
import { mask, type TokenSet } from "@finoauth/auth";
import type { MockModule } from "./load-mock.js";
import { relative } from "./output.js";

/** One row of the table. */
export interface Row {
  provider: string;
  flow: string;
  ok: boolean;
  result: string;
  expiry: string;
  token: string;
  ms: number;
  /** Why a flow failed, in full. */
  error?: string;
}

/** How the demo reads Prism's verdict on a request: @finoauth/mock's one reading of `sl-violations`. */
export type ViolationReader = Pick<MockModule, "violationsOf" | "describeViolations">;

/**
 * The mock of one provider: asks Prism for one documented answer per step, and collects its violations
 * (every severity counts, as in the contract suite), one line each.
 */
export class PrismFetch {
  prefer: string | undefined;
  violations: string[] = [];
  constructor(private readonly reader: ViolationReader) {}
  readonly fetch = async (request: Request): Promise<Response> => {
    const headers = new Headers(request.headers);
    if (this.prefer) headers.set("Prefer", this.prefer);
    const response = await fetch(new Request(request, { headers }));
    const found = this.reader.violationsOf(response);
    if (found.length > 0) this.violations.push(...this.reader.describeViolations(found).split("\n"));
    return response;
  };
}

/** What a step gives: its value, the row's note, and the token it shows. */
export interface Outcome<T> {
  value: T;
  note?: string | undefined;
  token?: TokenSet | undefined;
}

/** Runs a provider's steps in order; a step whose input failed is recorded as skipped. */
export class Run {
  readonly rows: Row[] = [];
  constructor(
    readonly provider: string,
    readonly mock: PrismFetch,
  ) {}

  async step<T>(flow: string, prefer: string | undefined, work: () => Promise<Outcome<T>>): Promise<T | undefined> {
    this.mock.prefer = prefer;
    this.mock.violations = [];
    const start = performance.now();
    const row: Row = { provider: this.provider, flow, ok: false, result: "", expiry: "", token: "", ms: 0 };
    this.rows.push(row);
    try {
      const outcome = await work();
      row.ms = Math.round(performance.now() - start);
      if (this.mock.violations.length > 0)
        throw new Error(`the request breaks specs/${this.provider}.yaml: ${this.mock.violations[0]}`);
      row.ok = true;
      row.result = outcome.note ? `ok: ${outcome.note}` : "ok";
      if (outcome.token) {
        row.expiry =
          outcome.token.expiresAt === undefined ? "none stated" : relative(outcome.token.expiresAt - Date.now());
        row.token = mask(outcome.token.accessToken) ?? "";
      }
      return outcome.value;
    } catch (error) {
      row.ms = Math.round(performance.now() - start);
      row.result = "FAILED";
      row.error = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
      return undefined;
    }
  }

  skip(flow: string, because: string): void {
    this.rows.push({
      provider: this.provider,
      flow,
      ok: false,
      result: `skipped: ${because} failed`,
      expiry: "",
      token: "",
      ms: 0,
    });
  }
}
