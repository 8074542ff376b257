// The cached read's clock. `getAccessToken()` on a fresh token is the hot path of every API call a user
// makes; a Date.now() per read is most of its cost. This clock reads Date.now() at most once per window and
// answers with the end of that window, so its answer is never earlier than the true time (the window's
// timer is monotonic and unref'd: it neither keeps the process alive nor runs while nobody reads).
// "Never earlier" holds while the event loop turns: a loop held past the window (a long synchronous stretch,
// or a chain of microtasks that never yields to timers) delays the window's end by the hold, and the token
// manager's refresh margin (default 65 s) is what absorbs it.

const WINDOW_MS = 1_000;
let reading: number | undefined;

const forget = () => {
  reading = undefined;
};

/**
 * Epoch milliseconds no earlier than `Date.now()` and at most one window (1 s) later: use it only to prove
 * that a deadline has not passed yet (`coarseNow() < deadline` implies `Date.now() < deadline`), never to
 * prove that it has.
 */
export function coarseNow(): number {
  if (reading === undefined) {
    reading = Date.now();
    const timer = setTimeout(forget, WINDOW_MS) as { unref?: () => void };
    timer.unref?.();
  }
  return reading + WINDOW_MS;
}
