// `npm test`: install what is missing, lint (n8n's strict community rules), build, run the routing tests
// (jest + nock through n8n-core's engine) and the end-to-end tests (a real n8n against local sandboxes).
// Ends with one line "N passed, N failed" over both suites.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { ensureN8n } from '../test/e2e/lib/n8n.mjs';
import { PROJECT_DIR, ensureDependencies, run, runOrExit } from './dependencies.mjs';

const OUT = join(PROJECT_DIR, 'test', 'e2e', '.out');
mkdirSync(OUT, { recursive: true });
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(0);

ensureDependencies();
runOrExit('npx', ['n8n-node', 'lint']);
runOrExit('npm', ['run', 'build']);

const unitStarted = Date.now();
const jestReport = join(OUT, 'jest.json');
const unitStatus = run('npx', ['jest', '--json', `--outputFile=${jestReport}`]);
const unit = JSON.parse(readFileSync(jestReport, 'utf8'));
const unitSeconds = seconds(unitStarted);

ensureN8n();
const e2eStarted = Date.now();
const e2eFiles = readdirSync(join(PROJECT_DIR, 'test', 'e2e'))
	.filter((file) => file.endsWith('.e2e.mjs'))
	.map((file) => join('test', 'e2e', file));
const tapReport = join(OUT, 'e2e.tap');
const e2eStatus = run('node', [
	'--test',
	'--test-concurrency=1',
	'--test-reporter=spec',
	'--test-reporter-destination=stdout',
	'--test-reporter=tap',
	`--test-reporter-destination=${tapReport}`,
	...e2eFiles,
]);
const tap = readFileSync(tapReport, 'utf8');
const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
const e2e = { passed: count('pass'), failed: count('fail') + count('cancelled') };
const e2eSeconds = seconds(e2eStarted);

console.log('');
console.log(`Routing tests (jest): ${unit.numPassedTests} passed, ${unit.numFailedTests} failed in ${unitSeconds} s`);
console.log(`End-to-end tests (real n8n): ${e2e.passed} passed, ${e2e.failed} failed in ${e2eSeconds} s`);
const passed = unit.numPassedTests + e2e.passed;
const failed = unit.numFailedTests + e2e.failed;
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(unitStatus !== 0 || e2eStatus !== 0 || failed > 0 || passed === 0 ? 1 : 0);
