// What a changesets release plan (`changeset status --output`) means for the release policy
// (RELEASING.md): which versions would be published, and which majors nobody asked for.

/**
 * The majors a plan would publish that no changeset asked for: a package whose version jumps a major
 * only because a package it depends on (a peer, usually) was bumped. Each is a release the policy
 * refuses; write the major on purpose (a changeset naming the package) or widen the peer range.
 * @param {{ changesets: { id: string, releases: { name: string, type: string }[] }[],
 *           releases: { name: string, type: string, oldVersion: string, newVersion: string }[] }} plan
 * @param {Map<string, Record<string, unknown>>} manifests each workspace package's package.json, by name
 * @returns {{ name: string, oldVersion: string, newVersion: string, causes: string[] }[]}
 */
export function forcedMajors(plan, manifests) {
  const asked = new Set();
  for (const changeset of plan.changesets) {
    for (const release of changeset.releases) if (release.type === "major") asked.add(release.name);
  }
  const bumped = new Set(plan.releases.filter((r) => r.type !== "none").map((r) => r.name));
  return plan.releases
    .filter((r) => (r.type === "major" || majorOf(r.newVersion) > majorOf(r.oldVersion)) && !asked.has(r.name))
    .map((r) => ({
      name: r.name,
      oldVersion: r.oldVersion,
      newVersion: r.newVersion,
      causes: dependentCauses(manifests.get(r.name) ?? {}, bumped),
    }));
}

/**
 * The bumped workspace packages a package names in its dependencies or peer dependencies: the
 * likely causes of a forced major, for the message.
 * @param {Record<string, unknown>} manifest the package's package.json
 * @param {Set<string>} bumped names of the packages the plan bumps
 */
export function dependentCauses(manifest, bumped) {
  const names = new Set();
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    const deps = /** @type {Record<string, string> | undefined} */ (manifest[field]);
    for (const name of Object.keys(deps ?? {})) if (bumped.has(name)) names.add(name);
  }
  return [...names].sort();
}

/** The major of a semver version ("1.2.3" → 1, "1.0.0-next.0" → 1). */
export function majorOf(version) {
  const major = Number.parseInt(String(version).split(".")[0] ?? "", 10);
  if (!Number.isInteger(major)) throw new Error(`not a semver version: ${JSON.stringify(version)}`);
  return major;
}
