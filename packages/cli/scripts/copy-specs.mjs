// Build step: copies the repository's specs/*.yaml into this package's specs/, which the published
// package ships (`finoauth mock` and `finoauth demo` serve them). Outside the repository it keeps what is there.
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
  console.log(`copy-specs: ${specs.length} specs → packages/cli/specs/`);
}
