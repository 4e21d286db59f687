// Our packages as n8n's Community Nodes installer installs them (Settings → Community Nodes, n8n 2.40's
// `community-packages.service.js`, `downloadPackage`): the package's npm tarball unpacked into
// `~/.n8n/nodes/node_modules/<name>`, its devDependencies, peerDependencies and optionalDependencies removed from
// its package.json, then `npm install --ignore-scripts …` in that folder, and the package recorded in
// `~/.n8n/nodes/package.json`. n8n loads every package of that folder when it starts (`scanDirectoryForPackages`),
// with node types `<package name>.<node name>`: nothing of this repository, its node_modules included, is within
// reach of the installed code; it can only use what n8n itself provides (n8n-workflow, luxon).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { cleanEnv } from '../../../../scripts/lib/runtime.mjs';

export const REPOSITORY_DIR = resolve(import.meta.dirname, '../../../..');

/** The two packages of the repository, by folder: their npm name and what they provide. */
export const PACKAGES = {
	coopcycle: { folder: 'coopcycle', name: 'n8n-nodes-coopcycle' },
	covoiturage: { folder: 'covoiturage', name: 'n8n-nodes-covoiturage' },
};

export function packageOf(folderOrName) {
	const found = Object.values(PACKAGES).find((pkg) => pkg.folder === folderOrName || pkg.name === folderOrName);
	if (!found) throw new Error(`Unknown package "${folderOrName}": use ${Object.keys(PACKAGES).join(' or ')}`);
	return { ...found, dir: join(REPOSITORY_DIR, 'packages', found.folder) };
}

/** The node type n8n gives one of our nodes once its package is installed, e.g. n8n-nodes-coopcycle.coopCycle. */
export const nodeType = (folderOrName, nodeName) => `${packageOf(folderOrName).name}.${nodeName}`;

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: cleanEnv() });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stderr}\n${result.stdout}`);
	}
	return result.stdout;
}

const scratch = mkdtempSync(join(tmpdir(), 'n8n-packages-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

const tarballs = new Map();
/**
 * The package's npm tarball, as `npm pack` in its folder makes it from the last build (`npm run build`), once
 * per test process: what npm would publish, and what n8n would download.
 */
export function packedTarball(folderOrName) {
	const pkg = packageOf(folderOrName);
	if (!tarballs.has(pkg.name)) {
		if (!existsSync(join(pkg.dir, 'dist', 'index.js'))) {
			throw new Error(`${pkg.name} is not built: run \`npm run build\` first`);
		}
		const destination = mkdtempSync(join(scratch, 'pack-'));
		const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', destination], pkg.dir));
		tarballs.set(pkg.name, { ...pkg, file: join(destination, packed.filename), version: packed.version, integrity: packed.integrity, shasum: packed.shasum });
	}
	return tarballs.get(pkg.name);
}

const installed = new Map();
/** The installer's steps, done once per test process and package: the folder n8n would have in node_modules. */
function installedCopy(folderOrName) {
	const tarball = packedTarball(folderOrName);
	if (!installed.has(tarball.name)) {
		const dir = join(mkdtempSync(join(scratch, 'installed-')), tarball.name);
		mkdirSync(dir, { recursive: true });
		run('tar', ['-xzf', tarball.file, '-C', dir, '--strip-components=1'], dir);
		const manifestFile = join(dir, 'package.json');
		const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
		for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[field];
		writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
		run(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			dir,
		);
		installed.set(tarball.name, { dir, version: manifest.version });
	}
	return { name: tarball.name, ...installed.get(tarball.name) };
}

/**
 * Installs packages into an n8n user folder as the Community Nodes installer leaves them: each in
 * `.n8n/nodes/node_modules/<name>`, listed in `.n8n/nodes/package.json`.
 */
export function installPackages(userFolder, packages) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const dependencies = {};
	for (const folderOrName of packages) {
		const copy = installedCopy(folderOrName);
		const target = join(nodesDir, 'node_modules', copy.name);
		rmSync(target, { recursive: true, force: true });
		cpSync(copy.dir, target, { recursive: true });
		dependencies[copy.name] = copy.version;
	}
	writeFileSync(
		join(nodesDir, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies }, null, 2)}\n`,
	);
}
