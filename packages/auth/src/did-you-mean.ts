// "Did you mean …?" for a mistyped name: one implementation for the library's messages and the CLI's. Also
// an entry point of its own (`@finoauth/auth/did-you-mean`), so that a tool's fast path (the CLI's usage
// errors and `--help`) loads these few lines and not the engine.

/** The Levenshtein distance of two strings (insertions, deletions, substitutions), one row of the table at a time. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * The closest of `candidates` to `input` (letter case ignored), when it is close enough to be a likely
 * typo: at most 2 edits, or a third of the candidate's length for a longer name. `undefined` otherwise.
 */
export function closestName(input: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = distance(input.toLowerCase(), candidate.toLowerCase());
    if (!best || score < best.score) best = { candidate, score };
  }
  return best && best.score <= Math.max(2, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

/** ` (did you mean finapi?)` for a near miss, else "": to put after a message that names the unknown input. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const match = closestName(input, candidates);
  return match === undefined ? "" : ` (did you mean ${match}?)`;
}
