// `npm run lint`: the checks n8n runs before it verifies a community package, for each of our two packages, and
// our own. Run after `npm run build` (the tarball leg lints the built package). Every check must report 0 errors
// and 0 warnings:
//  1. `n8n-node lint` in the package's folder: n8n's strict community configuration (cloud rules included:
//     no-restricted-imports, no-restricted-globals), with its check that eslint.config.mjs is the template's;
//  2. the code both packages share (packages/shared), with the same configuration;
//  3. the verification scanner's own lint (@n8n/scan-community-package, pinned): `findPackageRoot` finds the
//     package's folder in this repository as the scanner finds it in the GitHub source, then its `buildScanConfig`
//     lints that folder's `SOURCE_FILE_PATTERNS`, and the packed tarball's compiled code and package.json;
//  4. the tarball itself: only the package's dist/ (its own service's nodes and credential) and its documents,
//     no runtime dependency, n8n-workflow as the only peer dependency;
//  5. the GitHub Actions workflows (actionlint), and the dev tools' versions, the same in every package.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { PROJECT_DIR } from './dependencies.mjs';

const PACKAGES = [
	{ folder: 'coopcycle', name: 'n8n-nodes-coopcycle', service: /coopcycle/i },
	{ folder: 'covoiturage', name: 'n8n-nodes-covoiturage', service: /covoiturage/i },
];
/** What npm may ship besides dist/: the files it always includes. */
const DOCUMENTS = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

const scannerPath = createRequire(import.meta.url).resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const { SOURCE_FILE_PATTERNS, buildScanConfig, findPackageRoot } = await import(scannerPath);
// The scanner's own ESLint (it pins its version) and glob, as it runs them.
const { ESLint } = createRequire(scannerPath)('eslint');
const glob = createRequire(scannerPath)('fast-glob');

const failures = [];
const report = (label, problems) => {
	console.log(`${problems.length ? '✖' : '✔'} ${label}${problems.length ? `: ${problems.length} problem(s)` : ''}`);
	for (const problem of problems) console.log(`    ${problem}`);
	if (problems.length) failures.push(label);
};

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
	return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** Errors and warnings of ESLint results, as lines. */
const problemsOf = (results, root) =>
	results.flatMap((result) =>
		result.messages.map(
			(message) =>
				`${relative(root, result.filePath)}:${message.line}:${message.column} ${message.severity === 2 ? 'error' : 'warning'} ${message.message} (${message.ruleId})`,
		),
	);

/** The scanner's lint of a folder: its configuration, its ESLint, its way of choosing the files. */
async function scan(dir, patterns) {
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	if (files.length === 0) return ['no file to lint'];
	return problemsOf(await eslint.lintFiles(files), dir);
}

for (const pkg of PACKAGES) {
	const dir = join(PROJECT_DIR, 'packages', pkg.folder);
	console.log(`\n${pkg.name} (packages/${pkg.folder})`);

	const lint = run('npx', ['n8n-node', 'lint'], dir);
	const eslintSummary = /✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/.exec(lint.output)?.[0];
	report('n8n-node lint (strict, cloud rules)', [
		...(lint.status !== 0 ? [`exit code ${lint.status}`] : []),
		...(eslintSummary ? [eslintSummary] : []),
		...(/Strict mode violation/.test(lint.output) ? ['eslint.config.mjs is not the template'] : []),
	]);
	if (lint.status !== 0 || eslintSummary) console.log(lint.output);

	// The scanner looks for the folder whose package.json declares the package, in the whole source checkout.
	const root = findPackageRoot(PROJECT_DIR, pkg.name);
	const declaring = glob
		.sync('**/package.json', { cwd: PROJECT_DIR, absolute: true, ignore: ['**/node_modules/**'] })
		.filter((file) => JSON.parse(readFileSync(file, 'utf8')).name === pkg.name);
	report('scanner: findPackageRoot finds the package folder, the only one of that name', [
		...(root !== dir ? [`found ${root ? relative(PROJECT_DIR, root) : 'nothing'}`] : []),
		...(declaring.length !== 1 ? [`${declaring.length} package.json files declare ${pkg.name}`] : []),
	]);
	report(`scanner: lint of the source (${SOURCE_FILE_PATTERNS.join(', ')})`, await scan(dir, SOURCE_FILE_PATTERNS));

	const packDir = mkdtempSync(join(tmpdir(), `lint-${pkg.folder}-`));
	try {
		const packed = run('npm', ['pack', '--json', '--pack-destination', packDir], dir);
		if (packed.status !== 0) {
			report('npm pack', [packed.output]);
			continue;
		}
		const [tarball] = JSON.parse(packed.output.slice(packed.output.indexOf('[')));
		const extracted = join(packDir, 'package');
		run('tar', ['-xzf', join(packDir, tarball.filename), '-C', packDir], packDir);
		report('scanner: lint of the packed tarball (**/*.js, package.json)', await scan(extracted, ['**/*.js', 'package.json']));

		const manifest = JSON.parse(readFileSync(join(extracted, 'package.json'), 'utf8'));
		const paths = tarball.files.map((file) => file.path);
		const other = PACKAGES.find((candidate) => candidate !== pkg);
		report(`the tarball: ${tarball.files.length} files, only its own service's dist/ and documents`, [
			...paths.filter((path) => !path.startsWith('dist/') && !DOCUMENTS.includes(path)).map((path) => `ships ${path}`),
			...paths.filter((path) => other.service.test(path)).map((path) => `ships ${other.name}'s ${path}`),
			...[...manifest.n8n.nodes, ...manifest.n8n.credentials]
				.filter((path) => !paths.includes(path))
				.map((path) => `package.json lists ${path}, which is not in the tarball`),
			...(Object.keys(manifest.dependencies ?? {}).length ? [`runtime dependencies: ${JSON.stringify(manifest.dependencies)}`] : []),
			...(JSON.stringify(manifest.peerDependencies) !== '{"n8n-workflow":"*"}'
				? [`peerDependencies: ${JSON.stringify(manifest.peerDependencies)}`]
				: []),
		]);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}

console.log('\nThe code both packages share (packages/shared)');
const shared = run('npx', ['eslint', '--max-warnings=0', 'nodes', 'test'], join(PROJECT_DIR, 'packages', 'shared'));
report('eslint with the strict community configuration', shared.status === 0 ? [] : [shared.output.trim()]);

console.log('\nThe repository');
const workflows = run('node', [join('scripts', 'lint-workflows.mjs')], PROJECT_DIR);
report('actionlint (.github/workflows)', workflows.status === 0 ? [] : [workflows.output.trim()]);

// One version of each dev tool: every package.json that names it pins the same one.
const manifests = ['package.json', ...readdirSync(join(PROJECT_DIR, 'packages')).map((folder) => join('packages', folder, 'package.json'))];
const versions = new Map();
for (const file of manifests) {
	for (const [tool, version] of Object.entries(JSON.parse(readFileSync(join(PROJECT_DIR, file), 'utf8')).devDependencies ?? {})) {
		versions.set(tool, [...(versions.get(tool) ?? []), `${file}: ${version}`]);
	}
}
report(
	'dev tools pinned to one version across the package.json files',
	[...versions].filter(([, pins]) => new Set(pins.map((pin) => pin.split(': ')[1])).size > 1).map(([tool, pins]) => `${tool}: ${pins.join(', ')}`),
);

console.log(failures.length ? `\n✖ lint: ${failures.length} check(s) failed` : '\n✔ lint: 0 errors, 0 warnings');
process.exit(failures.length ? 1 : 0);
