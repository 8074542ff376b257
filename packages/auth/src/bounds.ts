// The ranges a number from the network must fall in before it becomes a time or a count. A value outside
// them is refused at the reader (`malformed_response`), so that nothing downstream (a TokenSet's printers,
// a timer, a store) ever holds a value it cannot use: `new Date(1e13 * 1000).toISOString()` throws.

/** The longest token lifetime accepted (`expires_in`): 100 years, in seconds. Longer is no expiry but a bug. */
export const MAX_LIFETIME_SECONDS = 100 * 365 * 24 * 3600;

/**
 * The latest instant accepted, epoch milliseconds: 9999-12-31T23:59:59.999Z, the last instant RFC 3339
 * writes with four year digits (the JavaScript Date range itself ends at 275760).
 */
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The largest count accepted (uses left, …): the largest integer a JavaScript number holds exactly. */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** The longest `Retry-After` kept, in milliseconds: the longest delay a timer can wait (2³¹−1 ms, ~24.8 days). */
export const MAX_RETRY_AFTER_MS = 2 ** 31 - 1;

/** True for an epoch-milliseconds instant a Date holds and prints: 1970 to the end of year 9999. */
export const isInstant = (ms: unknown): ms is number =>
  typeof ms === "number" && Number.isFinite(ms) && ms >= 0 && ms <= MAX_INSTANT_MS;
