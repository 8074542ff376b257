// Build step: copies the repository's specs/*.yaml into this package's specs/, which the published package
// ships (so that `startMock("finapi")` works from npm alone). In the checkout, the spec walker reads the
// repository's specs/ directly (src/spec.ts: specsDir), so an edited spec is served without a rebuild.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const source = join(import.meta.dirname, "../../../specs");
const target = join(import.meta.dirname, "../specs");
if (!existsSync(source)) {
  console.warn(`copy-specs: ${source} not found; keeping ${target}`);
} else {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const specs = readdirSync(source).filter((file) => file.endsWith(".yaml"));
  for (const file of specs) copyFileSync(join(source, file), join(target, file));
  console.log(`copy-specs: ${specs.length} specs → packages/mock/specs/`);
}
