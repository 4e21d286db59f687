// One real n8n process for the end-to-end tests and `npm start`: its own user folder and database, and our
// packages installed in it as n8n's Community Nodes installer installs them (packages.mjs). Which n8n runs is the
// line in N8N_LINE (2 by default, or 1): see scripts/lib/runtime.mjs, which installs the runtimes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort } from '../../../../scripts/lib/processes.mjs';
import { cleanEnv, ensureRuntime, lineOf } from '../../../../scripts/lib/runtime.mjs';
import { installPackages } from './packages.mjs';

/** The runtime of the line under test, installed if needed. */
export function ensureN8n({ line, log } = {}) {
	return ensureRuntime(line ?? lineOf().line, { log });
}

/** Which n8n line the tests run on: '1' or '2'. */
export const N8N_LINE = lineOf().line;

/**
 * One n8n instance: its own user folder (SQLite database, encryption key) with the given packages of ours
 * installed in it (`['coopcycle']`, `['covoiturage']`, or both), and nothing else of ours. Credentials and workflows
 * are imported with n8n's CLI, workflows are run with `execute`. A kept user folder (npm start) gets the packages
 * of this build again at every start; `packages: []` leaves the folder's packages as they are. `pathDirs` come
 * first on n8n's PATH (the programs it runs, such as npm).
 */
export class N8nInstance {
	constructor({ packages, userFolder, extraEnv = {}, line, pathDirs = [] } = {}) {
		if (!Array.isArray(packages)) throw new Error('N8nInstance: say which packages to install (e.g. packages: ["coopcycle"])');
		this.runtime = ensureN8n({ line });
		this.userFolder = userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		if (packages.length) installPackages(this.userFolder, packages);
		this.env = cleanEnv({
			...this.runtime.env,
			PATH: [...pathDirs, resolve(this.runtime.node, '..'), process.env.PATH].join(':'),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-a-secret',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			...extraEnv,
		});
	}

	/**
	 * The environment of one n8n process: each gets a free port for its task runners' broker (n8n's default, 5679,
	 * would collide with any other n8n running on the machine).
	 */
	async processEnv() {
		return { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...this.env };
	}

	async cli(args, { allowFailure = false } = {}) {
		const env = await this.processEnv();
		return new Promise((resolvePromise, reject) => {
			const child = spawn(this.runtime.node, [this.runtime.n8n, ...args], {
				env,
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
		const child = spawn(this.runtime.node, [this.runtime.n8n, 'start'], { env: await this.processEnv(), stdio: 'inherit' });
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
