// What "changed" means: the spec files of the working tree against those of a base commit.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Runs git in `root`; returns its stdout (trimmed unless `raw`), or `undefined` if git fails. */
export function git(root, args, { raw = false } = {}) {
  try {
    const out = execFileSync("git", args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    });
    return raw ? out : out.trimEnd();
  } catch {
    return undefined;
  }
}

/** The commit a ref names, or `undefined`. */
export function commitOf(root, ref) {
  return git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
}

const MAIN_REFS = ["main", "origin/main", "refs/remotes/origin/main"];

/**
 * The commit to compare the working tree with, and how it was chosen.
 *
 * - `base` given: that ref (an error if it does not exist).
 * - default (`pnpm spec:diff`): the merge base of HEAD with main (or origin/main), else HEAD.
 * - `ci` (the changeset check on a clean clone, where the working tree is HEAD): on main itself,
 *   `HEAD~` (what the last commit changed); on any other branch the merge base with main; if no
 *   main ref exists (a shallow clone of one branch) an error that says so, rather than a silent pass.
 * Returns `{ commit, why }`; `commit` is `undefined` when there is nothing to compare with (the first
 * commit of a repository): every spec is then new.
 */
export function resolveBase(root, { base, ci = false } = {}) {
  if (base) {
    const commit = commitOf(root, base);
    if (!commit) throw new Error(`spec-diff: --base ${base} is not a commit here`);
    return { commit, why: `--base ${base}` };
  }
  const head = commitOf(root, "HEAD");
  const mainRef = MAIN_REFS.find((ref) => commitOf(root, ref));
  if (ci) {
    if (!head) return { commit: undefined, why: "no commit yet" };
    const branch = git(root, ["rev-parse", "--abbrev-ref", "HEAD"]);
    // On main itself: the branch is main, or a detached HEAD (how CI checks out) at main's tip.
    const onMain =
      branch === "main" || (branch === "HEAD" && mainRef !== undefined && commitOf(root, mainRef) === head);
    if (onMain) {
      const parent = commitOf(root, "HEAD~");
      if (parent) return { commit: parent, why: "HEAD~ (on main: what the last commit changed)" };
      // A shallow clone hides HEAD~: comparing with nothing would call every spec new.
      if (git(root, ["rev-parse", "--is-shallow-repository"]) === "true") {
        throw new Error(
          "spec-diff: this is a shallow clone without HEAD~ (fetch one more commit: `git fetch --deepen=1`), or pass --base <ref>",
        );
      }
      return { commit: undefined, why: "the first commit" };
    }
    if (!mainRef)
      throw new Error(
        "spec-diff: no `main` or `origin/main` here to compare with (fetch main: `git fetch origin main:main`), or pass --base <ref>",
      );
    const mergeBase = git(root, ["merge-base", "HEAD", mainRef]);
    if (!mergeBase)
      throw new Error(
        `spec-diff: HEAD and ${mainRef} share no history (deepen the clone: \`git fetch --unshallow\`), or pass --base <ref>`,
      );
    return { commit: mergeBase, why: `the merge base with ${mainRef}` };
  }
  const mergeBase = mainRef && head ? git(root, ["merge-base", "HEAD", mainRef]) : undefined;
  if (mergeBase) return { commit: mergeBase, why: `the merge base with ${mainRef}` };
  return head
    ? { commit: head, why: "HEAD (no main branch to compare with)" }
    : { commit: undefined, why: "no commit yet" };
}

/** The text of `path` at `commit` (`undefined` if it does not exist there, or if `commit` is). */
export function fileAt(root, commit, path) {
  if (!commit) return undefined;
  return git(root, ["cat-file", "-p", `${commit}:${path}`], { raw: true });
}

/** The spec names (`specs/<name>.yaml`) at `commit` and in the working tree. */
export function specNames(root, commit) {
  const names = new Set();
  const dir = join(root, "specs");
  if (existsSync(dir)) for (const file of readdirSync(dir)) if (file.endsWith(".yaml")) names.add(file.slice(0, -5));
  const listed = commit ? git(root, ["ls-tree", "--name-only", `${commit}`, "specs/"]) : undefined;
  for (const path of (listed ?? "").split("\n")) if (/^specs\/[^/]+\.yaml$/.test(path)) names.add(path.slice(6, -5));
  return [...names].sort();
}

/**
 * Every spec as `{ spec, oldText, newText }` (base vs working tree). With `all` false, only the ones
 * whose text differs.
 */
export function specPairs(root, commit, { all = false } = {}) {
  return specNames(root, commit)
    .map((spec) => {
      const file = join(root, "specs", `${spec}.yaml`);
      const newText = existsSync(file) ? readFileSync(file, "utf8") : undefined;
      const oldText = fileAt(root, commit, `specs/${spec}.yaml`);
      return { spec, oldText: all && oldText === undefined ? newText : oldText, newText };
    })
    .filter((pair) => all || pair.oldText !== pair.newText);
}

/** The changesets (`.changeset/*.md`, not README.md) of the working tree that are new or changed since `commit`. */
export function changedChangesets(root, commit) {
  const dir = join(root, ".changeset");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md") && file.toLowerCase() !== "readme.md")
    .map((file) => ({ file: `.changeset/${file}`, text: readFileSync(join(dir, file), "utf8") }))
    .filter(({ file, text }) => fileAt(root, commit, file) !== text);
}
