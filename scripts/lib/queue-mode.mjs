// One n8n deployment of the scale test, on Postgres: either queue mode (a main instance that receives the webhooks
// and puts each execution in Redis's queue, and workers that run them) or a single instance in regular mode (it
// receives and runs everything itself). Every process has its own user folder, as on separate machines; all share
// the database and the encryption key, which is what lets every process decrypt the credentials stored there.
//
// The variables are the ones n8n 2.40 reads (@n8n/config: database, scaling-mode, runners, executions configs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { cleanEnv } from './runtime.mjs';
import { freePort, startProcess, stopProcess, waitFor } from './processes.mjs';
import { installPackages } from '../../packages/shared/test/e2e/packages.mjs';

/** A package of the n8n runtime's node_modules: n8n's own Postgres client (pg), its run-data format (flatted). */
export function runtimeModule(runtime, name) {
	return createRequire(join(runtime.dir, 'package.json'))(name);
}

/**
 * The database settings of every n8n process, `tuned` unless the run asks for n8n's defaults. At this load n8n's
 * defaults fail executions: n8n reads the credential from the database for every request a node sends, and starts
 * all the items of an execution at once, so a worker running 10 executions of 100 items queues up to 1,000 reads
 * on its 2 connections. n8n's database health ping (every 2 s) waits behind them; after 3 pings of more than 5 s
 * n8n takes the database for lost and closes every connection of the process, under the running executions
 * ("timeout exceeded when trying to connect", "Query runner already released", executions left "running"). More
 * connections, and a ping and a connection wait that tolerate a busy machine, keep the executions alive.
 */
export const DATABASE_SETTINGS = {
	tuned: { DB_POSTGRESDB_POOL_SIZE: '20', DB_PING_TIMEOUT_MS: '30000', DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000' },
	n8nDefaults: {},
};

/** How many executions a worker runs at once: n8n's default (`n8n worker --concurrency`), stated here. */
export const WORKER_CONCURRENCY = 10;

/**
 * A deployment: `prepare()` creates its database and loads the credentials and workflows, `start()` starts its
 * processes, `executions()` reads what they did from the database, `stop()` stops them.
 */
export class N8nDeployment {
	/**
	 * mode: 'queue' (main + `workers` workers, needs `redis`) or 'regular' (one instance); packages: ours to install
	 * in every process's user folder, as n8n's Community Nodes installer does (e.g. ['coopcycle', 'covoiturage']);
	 * database: one of DATABASE_SETTINGS; concurrency: how many executions a regular-mode instance runs at once
	 * (N8N_CONCURRENCY_PRODUCTION_LIMIT; undefined: no limit, n8n's default).
	 */
	constructor({ name, mode, workers = 0, database, concurrency, runtime, postgres, redis, packages, workDir, teardown }) {
		Object.assign(this, {
			name,
			mode,
			workers,
			databaseSettings: database,
			concurrency,
			runtime,
			postgres,
			redis,
			packages,
			workDir,
			teardown,
		});
		this.database = `n8n_${name.replace(/\W/g, '_')}`;
		this.processes = [];
		/** execution id → the process that ran it, from the workers' "Worker started execution" log lines. */
		this.ranBy = new Map();
		mkdirSync(workDir, { recursive: true });
		this.pg = runtimeModule(runtime, 'pg');
		this.flatted = runtimeModule(runtime, 'flatted');
	}

	/** The environment of one of this deployment's n8n processes. */
	async env(processName, extra = {}) {
		const userFolder = join(this.workDir, processName);
		mkdirSync(userFolder, { recursive: true });
		installPackages(userFolder, this.packages);
		return cleanEnv({
			...this.runtime.env,
			PATH: `${dirname(this.runtime.node)}:${process.env.PATH}`,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: `scale-test-${this.name}-not-a-secret`,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.postgres.host,
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			...this.databaseSettings,
			EXECUTIONS_MODE: this.mode,
			// A worker's concurrency is its --concurrency flag (this variable would override it): set for regular mode only.
			...(this.mode === 'regular' && this.concurrency
				? { N8N_CONCURRENCY_PRODUCTION_LIMIT: String(this.concurrency) }
				: {}),
			...(this.mode === 'queue'
				? { QUEUE_BULL_REDIS_HOST: this.redis.host, QUEUE_BULL_REDIS_PORT: String(this.redis.port) }
				: {}),
			// Each process (main and every worker) starts its own task-runner broker (for Code nodes): on one machine
			// they need a port each, or all but the first fail to start.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extra,
		});
	}

	/** Runs an n8n command (import, publish) to its end. */
	async cli(args) {
		const env = await this.env('cli');
		const child = startProcess(`n8n ${args[0]}`, this.runtime.node, [this.runtime.n8n, ...args], {
			env,
			logFile: join(this.workDir, 'cli.log'),
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
		const { code } = await child.exited;
		clearTimeout(timer);
		if (code !== 0) throw new Error(`n8n ${args.join(' ')} failed (exit code ${code}); see ${child.logFile}`);
	}

	/**
	 * Creates the database, imports the credentials and workflows, and publishes the workflows (n8n 2.x: a
	 * workflow's production webhook answers once a version of it is published; the main instance registers the
	 * webhooks of published workflows when it starts).
	 */
	async prepare({ credentials, workflows }) {
		await this.postgres.createDatabase(this.database);
		const file = (name, data) => {
			const path = join(this.workDir, name);
			writeFileSync(path, JSON.stringify(data));
			return path;
		};
		// The first command also creates n8n's tables (its migrations): the slowest step.
		await this.cli(['import:credentials', `--input=${file('credentials.json', credentials)}`]);
		await this.cli(['import:workflow', `--input=${file('workflows.json', workflows)}`]);
		for (const workflow of workflows) await this.cli(['publish:workflow', `--id=${workflow.id}`]);
		this.workflowIds = workflows.map((workflow) => workflow.id);
	}

	startN8n(processName, args, env) {
		const child = startProcess(processName, this.runtime.node, [this.runtime.n8n, ...args], {
			env,
			logFile: join(this.workDir, `${processName}.log`),
			onLine: (line) => {
				const started = /Worker started execution (\d+)/.exec(line);
				if (started) this.ranBy.set(started[1], processName);
			},
		});
		this.processes.push(child);
		// n8n stops on SIGTERM: it waits for its running executions (N8N_GRACEFUL_SHUTDOWN_TIMEOUT, 30 s by default).
		this.teardown.add(`stop ${this.name} ${processName}`, () => stopProcess(child, { graceMs: 60_000 }));
		return child;
	}

	/** Starts the main instance (or the single one) and the workers; resolves once all are ready. */
	async start() {
		this.port = await freePort();
		const main = this.startN8n(
			'main',
			['start'],
			await this.env('main', { N8N_PORT: String(this.port), N8N_LISTEN_ADDRESS: '127.0.0.1' }),
		);
		const ready = [
			waitFor(
				`${this.name}: n8n main`,
				async () => {
					// /healthz answers while n8n is still starting; the REST API answers JSON once it is ready.
					const response = await fetch(`http://127.0.0.1:${this.port}/rest/settings`);
					return response.ok && response.headers.get('content-type')?.includes('json');
				},
				{ process: main, timeoutMs: 600_000 },
			),
		];
		for (let index = 1; index <= this.workers; index++) {
			const healthPort = await freePort();
			const worker = this.startN8n(
				`worker-${index}`,
				['worker', `--concurrency=${WORKER_CONCURRENCY}`],
				await this.env(`worker-${index}`, {
					// The worker's own small server, only to tell when it is ready (GET /healthz/readiness).
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
			);
			ready.push(
				waitFor(
					`${this.name}: n8n worker ${index}`,
					async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`)).ok,
					{ process: worker, timeoutMs: 600_000 },
				),
			);
		}
		await Promise.all(ready);
		// The production webhooks are registered (in the database) once the main instance has activated the workflows.
		await waitFor(
			`${this.name}: webhooks of the published workflows`,
			async () => (await this.query('select count(*)::int as n from webhook_entity'))[0].n >= this.workflowIds.length,
			{ process: main, timeoutMs: 120_000 },
		);
	}

	webhookUrl(path) {
		return `http://127.0.0.1:${this.port}/webhook/${path}`;
	}

	async query(text, values = []) {
		const client = new this.pg.Client({
			host: this.postgres.host,
			port: this.postgres.port,
			user: this.postgres.user,
			database: this.database,
		});
		await client.connect();
		try {
			return (await client.query(text, values)).rows;
		} finally {
			await client.end();
		}
	}

	/**
	 * What the credentials cost the database: reads of the credentials table (n8n reads a credential for every item
	 * it sends) and rows updated (n8n stores each access token a credential's preAuthentication returns).
	 */
	async credentialTableStats() {
		const [row] = await this.query(
			`select coalesce(idx_scan, 0) + coalesce(seq_scan, 0) as reads, n_tup_upd as updates
			from pg_stat_user_tables where relname = 'credentials_entity'`,
		);
		return { reads: Number(row?.reads ?? 0), updates: Number(row?.updates ?? 0) };
	}

	/** How many executions of each status there are so far, per workflow: { workflowId: { status: count } }. */
	async progress() {
		const rows = await this.query(
			'select "workflowId" as workflow, status, count(*)::int as n from execution_entity group by 1, 2',
		);
		const result = {};
		for (const { workflow, status, n } of rows) (result[workflow] ??= {})[status] = n;
		return result;
	}

	/**
	 * Every execution with its run data (n8n stores it in the "flatted" format): id, workflow, status, times, the
	 * process that ran it, and `run` (IRunExecutionData).
	 */
	async executions() {
		const rows = await this.query(
			`select e.id::text as id, e."workflowId" as workflow, e.status, e."startedAt" as started,
				e."stoppedAt" as stopped, d.data
			from execution_entity e left join execution_data d on d."executionId" = e.id order by e.id`,
		);
		return rows.map(({ data, ...execution }) => ({
			...execution,
			ranBy: this.mode === 'queue' ? (this.ranBy.get(execution.id) ?? 'unknown') : 'main',
			run: data ? this.flatted.parse(data) : undefined,
		}));
	}

	async stop() {
		// Workers first: the main instance keeps taking their results until they have finished.
		for (const child of [...this.processes].reverse()) await stopProcess(child, { graceMs: 60_000 });
	}
}
