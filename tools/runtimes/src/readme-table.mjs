// `pnpm runtimes:table`: writes the runtime suite's last run into the README's runtime table.
import { writeReadmeTable } from "./table.mjs";

console.log(writeReadmeTable() ? "README.md: runtime table updated" : "README.md: runtime table already up to date");
