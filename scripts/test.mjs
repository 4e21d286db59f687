// `npm test`: install what is missing, build both packages, lint them (n8n's strict community rules and the
// verification scanner's, over the sources and the packed tarballs), run the routing tests (jest + nock through
// n8n-core's engine), then the end-to-end tests of each package in a real n8n that has only that package
// installed, against local sandboxes, once per n8n line (2.x, then 1.x). Ends with one line of counts per suite
// and a total.
//
//   npm test                    everything
//   npm run test:e2e            the end-to-end tests only (after a build)
//   N8N_LINES=2 npm test        the end-to-end tests on one n8n line only
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { ensureRuntime, lineOf } from './lib/runtime.mjs';
import { PROJECT_DIR, ensureDependencies, run, runOrExit } from './dependencies.mjs';

const OUT = join(PROJECT_DIR, '.out');
mkdirSync(OUT, { recursive: true });
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(0);
const e2eOnly = process.argv.includes('--e2e');
const lines = (process.env.N8N_LINES ?? '2,1').split(',').map((name) => lineOf(name.trim()));

const summary = [];
let failed = 0;
let passed = 0;

ensureDependencies();
if (!e2eOnly) {
	runOrExit('npm', ['run', 'build']);
	runOrExit('npm', ['run', 'lint']);
	const started = Date.now();
	const jestReport = join(OUT, 'jest.json');
	const status = run('npx', ['jest', '--json', `--outputFile=${jestReport}`]);
	const unit = JSON.parse(readFileSync(jestReport, 'utf8'));
	summary.push(
		`Routing tests (jest): ${unit.numPassedTests} passed, ${unit.numFailedTests} failed in ${seconds(started)} s`,
	);
	passed += unit.numPassedTests;
	failed += unit.numFailedTests + (status !== 0 && unit.numFailedTests === 0 ? 1 : 0);
}

// Each package's own end-to-end tests, in packages/<package>/test/e2e/.
const e2eFiles = ['coopcycle', 'covoiturage'].flatMap((folder) => {
	const dir = join('packages', folder, 'test', 'e2e');
	return readdirSync(join(PROJECT_DIR, dir))
		.filter((file) => file.endsWith('.e2e.mjs'))
		.sort()
		.map((file) => join(dir, file));
});

for (const line of lines) {
	const installStarted = Date.now();
	const runtime = ensureRuntime(line.line);
	const installSeconds = Number(seconds(installStarted));
	const started = Date.now();
	const tapReport = join(OUT, `e2e-n8n-${line.line}.tap`);
	console.log(`\nEnd-to-end tests on ${runtime.label}:`);
	const status = run(
		'node',
		[
			'--test',
			'--test-concurrency=1',
			'--test-reporter=spec',
			'--test-reporter-destination=stdout',
			'--test-reporter=tap',
			`--test-reporter-destination=${tapReport}`,
			...e2eFiles,
		],
		{ env: { ...process.env, N8N_LINE: line.line } },
	);
	const tap = readFileSync(tapReport, 'utf8');
	const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
	const e2e = {
		passed: count('pass'),
		failed: count('fail') + count('cancelled') + (status !== 0 && count('fail') === 0 ? 1 : 0),
	};
	const node = runtime.node24 ? `Node ${runtime.node24}` : `Node ${process.versions.node}`;
	const install = installSeconds > 5 ? `; runtime installed in ${installSeconds} s` : '';
	summary.push(
		`End-to-end tests, ${runtime.label} (${node}): ${e2e.passed} passed, ${e2e.failed} failed in ${seconds(started)} s${install}`,
	);
	passed += e2e.passed;
	failed += e2e.failed;
}

console.log(`\n${summary.join('\n')}`);
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
