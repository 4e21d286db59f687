// The long-running processes of the scale test (Postgres, Redis, n8n main and workers): started with their output
// in a log file, watched line by line, and always stopped at the end, also after a failure or Ctrl+C.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port nothing listens on right now, on the loopback interface. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Polls `check` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor(what, check, { timeoutMs = 180_000, intervalMs = 500, process: child } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const result = await check().catch(() => undefined);
		if (result) return result;
		if (child && child.exitCode !== null) {
			throw new Error(`${what}: the process exited with code ${child.exitCode} (log: ${child.logFile})`);
		}
		if (Date.now() > deadline) throw new Error(`${what}: not ready after ${Math.round(timeoutMs / 1000)} s`);
		await sleep(intervalMs);
	}
}

/**
 * Starts a process whose output goes to `logFile`. `onLine` sees each line of its output (stdout and stderr), for
 * figures that only the logs give (which worker ran which execution).
 */
export function startProcess(name, command, args, { env, cwd, uid, gid, logFile, onLine } = {}) {
	const log = createWriteStream(logFile, { flags: 'a' });
	const child = spawn(command, args, { env, cwd, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] });
	child.name = name;
	child.logFile = logFile;
	child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	for (const stream of [child.stdout, child.stderr]) {
		let rest = '';
		stream.on('data', (chunk) => {
			log.write(chunk);
			if (!onLine) return;
			const lines = (rest + chunk).split('\n');
			rest = lines.pop();
			for (const line of lines) onLine(line);
		});
	}
	child.once('exit', () => log.end());
	return child;
}

/** Asks a process to stop with `signal`; kills it after `graceMs` if it has not. */
export async function stopProcess(child, { signal = 'SIGTERM', graceMs = 60_000 } = {}) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
}

/**
 * What to undo at the end, newest first: each step is run once, whether the run ended normally, failed, or was
 * interrupted (Ctrl+C, SIGTERM). A step that fails is reported and the others still run.
 */
export class Teardown {
	constructor(log = console.log) {
		this.steps = [];
		this.log = log;
		this.running = undefined;
		const interrupt = (signal) => {
			this.log(`\n${signal}: stopping everything the scale test started...`);
			this.run().finally(() => process.exit(130));
		};
		process.once('SIGINT', interrupt);
		process.once('SIGTERM', interrupt);
	}

	add(name, step) {
		this.steps.push({ name, step });
	}

	run() {
		this.running ??= (async () => {
			while (this.steps.length) {
				const { name, step } = this.steps.pop();
				try {
					await step();
				} catch (error) {
					this.log(`Could not ${name}: ${error.message}`);
				}
			}
		})();
		return this.running;
	}
}
