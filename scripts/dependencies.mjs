// Installs the project's dev dependencies when they are missing or older than package-lock.json, so that
// `npm test` and `npm start` work on a fresh clone with nothing but Node and npm.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_DIR = resolve(import.meta.dirname, '..');

export function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: PROJECT_DIR, stdio: 'inherit', ...options });
	return result.status ?? 1;
}

export function runOrExit(command, args, options) {
	const status = run(command, args, options);
	if (status !== 0) {
		console.error(`\n✖ ${command} ${args.join(' ')} failed (exit code ${status})`);
		process.exit(status);
	}
}

export function ensureDependencies() {
	const installed = join(PROJECT_DIR, 'node_modules', '.package-lock.json');
	const lock = join(PROJECT_DIR, 'package-lock.json');
	if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
	console.log('Installing the development dependencies...');
	// Exactly what package-lock.json says. The lock also lists the platform builds of @unrs/resolver-binding that
	// the registry these machines reach does not carry (os/cpu of another platform): npm ci checks that they are
	// listed, and skips them here.
	runOrExit('npm', ['ci', '--no-audit', '--no-fund']);
}
