// `npm run load-test`: our nodes under a busy real server, measured in one real n8n 2.x against the sandboxes. It
// prints a table and asserts nothing, but exits with 1 when a row shows an item created twice or an item lost (not
// created and not reported as an error): what must never happen, whatever the time it takes. Not part of npm test.
//
// Rows:
// - CoopCycle: 500 deliveries in one execution (Code → Create), against the CoopCycle sandbox with the capacity of
//   a small real instance (8 PHP workers, 100 ms a request, a gateway timeout of 10 s, then 3 s; 5 % of creates
//   processed, then answered 504), by our node and by n8n's HTTP Request node doing the same job with n8n's OAuth2
//   credential (client credentials). Both continue on error, so that every item comes out, as a success or an error.
// - Registry: 5,000 Get Status, then 2,000 Creates, each in one execution, at the registry's real rate limits (the
//   sandbox's `rateLimits`): items failed on a 429, wall time, peak requests per minute per route group.
//
//   npm run load-test                         every row (about 15 minutes on 2 cores)
//   npm run load-test -- --rows coopcycle     only the CoopCycle rows (or registry)
//   npm run load-test -- --quick              small figures (50 deliveries; 250 statuses and 100 creates against
//                                             limits scaled to 1/20 in 3-second windows), to try the script
//   npm run load-test -- --contenders ours    only our node (ours, http)
//   npm run load-test -- --statuses 10000     other numbers of items (--deliveries, --statuses, --creates)
//
// Wall time is n8n's execution time of the sending node. Figures go to .out/load-test.md and .out/load-test.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { PROJECT_DIR, ensureDependencies, runOrExit } from './dependencies.mjs';
import { createFromOrder, journeysCode, ordersCode } from './lib/items.mjs';
import { sleep } from './lib/processes.mjs';
import { ensureRuntime } from './lib/runtime.mjs';
import {
	chain,
	code,
	cred,
	httpCreateDeliveries,
	node,
	oauth2Credential,
	startWebhookN8n,
	webhook,
} from './lib/webhookN8n.mjs';
import { nodeType } from '../packages/shared/test/e2e/packages.mjs';
import { SANDBOX_CLIENT, startCoopCycleSandbox } from '../packages/coopcycle/test/sandbox/index.mjs';
import { SANDBOX_APPLICATION_TOKEN, startCovoiturageSandbox } from '../packages/covoiturage/test/sandbox/index.mjs';

const { values: options } = parseArgs({
	options: {
		rows: { type: 'string', default: 'coopcycle,registry' },
		contenders: { type: 'string', default: 'ours,http' },
		quick: { type: 'boolean', default: false },
		deliveries: { type: 'string' },
		statuses: { type: 'string' },
		creates: { type: 'string' },
	},
});
const ROWS = options.rows.split(',').map((row) => row.trim());
const CONTENDERS = options.contenders.split(',').map((contender) => contender.trim());
for (const row of ROWS)
	if (!['coopcycle', 'registry'].includes(row)) throw new Error(`--rows: unknown row "${row}" (coopcycle, registry)`);
for (const contender of CONTENDERS)
	if (!['ours', 'http'].includes(contender)) throw new Error(`--contenders: unknown "${contender}" (ours, http)`);
const QUICK = options.quick;

const count = (name, standard, quick) => {
	const value = Number(options[name] ?? (QUICK ? quick : standard));
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`--${name} takes a number of items (got "${options[name]}")`);
	return value;
};
const DELIVERIES = count('deliveries', 500, 50);
const STATUSES = count('statuses', 5000, 250);
const CREATES = count('creates', 2000, 100);
// The registry's figures (rateLimits: true), or in quick mode the same limits scaled to 1/20 in 3-second windows
// (100 statuses every 3 s: the same shape, 20 times shorter). The token route keeps its 5: the runs use the
// application token, which needs none.
const REGISTRY_LIMITS = QUICK ? { scale: 0.05, windowMs: 3000, groups: { 'rl-auth': { limit: 5 } } } : true;
/** A small cooperative's instance: 8 PHP-FPM workers, 100 ms a request; 5 % of creates processed, then 504. */
const capacity = (gatewayTimeoutMs) => ({
	workers: 8,
	latencyMs: 100,
	gatewayTimeoutMs,
	unconfirmedCreateRate: 0.05,
	dropConnectionRate: 0,
});
const COOPCYCLE_SITUATIONS = [
	{ name: 'gateway timeout 10 s, 5 % of creates processed then 504', capacity: capacity(10_000) },
	{ name: 'gateway timeout 3 s, 5 % of creates processed then 504', capacity: capacity(3_000) },
];

ensureDependencies();
runOrExit('npm', ['run', 'build']);
const runtime = ensureRuntime('2');

/* ---------------------------------------------------------------------------------------------- sandboxes */
// One CoopCycle sandbox per run, so that each run's counts (capacity, deliveries) are its own.
const coopRuns = [];
if (ROWS.includes('coopcycle')) {
	for (const [situationIndex, situation] of COOPCYCLE_SITUATIONS.entries()) {
		for (const contender of CONTENDERS) {
			const sandbox = await startCoopCycleSandbox({ capacity: situation.capacity });
			if (typeof sandbox.capacityStats !== 'function') {
				await sandbox.close();
				console.log('The CoopCycle sandbox has no `capacity` option yet: the CoopCycle rows are not run.');
				break;
			}
			coopRuns.push({ situation, contender, sandbox, id: `load-coop-${situationIndex}-${contender}` });
		}
		if (!coopRuns.length) break;
	}
}
const registry = ROWS.includes('registry')
	? await startCovoiturageSandbox({ rateLimits: REGISTRY_LIMITS, tokenTtlSeconds: 3600 })
	: undefined;

/* ---------------------------------------------------------------------------------------------- workflows */
const continueOnError = { onError: 'continueRegularOutput' };
const credentials = [];
const workflows = [];
for (const run of coopRuns) {
	const { url } = run.sandbox;
	if (run.contender === 'ours') {
		credentials.push({
			id: run.id,
			name: run.id,
			type: 'coopCycleOAuth2Api',
			data: {
				baseUrl: url,
				clientId: SANDBOX_CLIENT.clientId,
				clientSecret: SANDBOX_CLIENT.clientSecret,
				scope: 'deliveries tasks',
			},
		});
		run.workflow = chain(run.id, [
			webhook(run.id),
			code(ordersCode),
			node('Send', nodeType('coopcycle', 'coopCycle'), 1, createFromOrder, {
				...cred('coopCycleOAuth2Api', run.id),
				...continueOnError,
			}),
		]);
	} else {
		credentials.push(oauth2Credential(run.id, url, SANDBOX_CLIENT.clientId, SANDBOX_CLIENT.clientSecret));
		run.workflow = chain(run.id, [
			webhook(run.id),
			code(ordersCode),
			httpCreateDeliveries(
				url,
				run.id,
				'={{ JSON.stringify({ dropoff: { address: $json.address, after: $json.after, before: $json.before } }) }}',
				continueOnError,
			),
		]);
	}
	workflows.push(run.workflow);
}
const registryRuns = [];
if (registry) {
	credentials.push({
		id: 'load-registry',
		name: 'load-registry',
		type: 'covoiturageApi',
		data: {
			environment: 'custom',
			customUrl: registry.url,
			apiVersion: 'v3.3',
			authentication: 'applicationToken',
			applicationToken: SANDBOX_APPLICATION_TOKEN,
		},
	});
	const registryNode = (parameters) =>
		node('Send', nodeType('covoiturage', 'covoiturage'), 1, parameters, {
			...cred('covoiturageApi', 'load-registry'),
			...continueOnError,
		});
	registryRuns.push(
		{
			id: 'load-registry-status',
			label: `${STATUSES.toLocaleString('en')} Get Status`,
			count: STATUSES,
			workflow: chain('load-registry-status', [
				webhook('load-registry-status'),
				code(
					`const { count } = $('Webhook').first().json.body;\nreturn Array.from({ length: count }, (_, i) => ({ json: { id: 'status-' + i } }));`,
				),
				registryNode({ resource: 'journey', operation: 'getStatus', operatorJourneyId: '={{ $json.id }}' }),
			]),
		},
		{
			id: 'load-registry-create',
			label: `${CREATES.toLocaleString('en')} Create`,
			count: CREATES,
			workflow: chain('load-registry-create', [
				webhook('load-registry-create'),
				code(journeysCode),
				registryNode({ resource: 'journey', operation: 'create', inputMode: 'item' }),
			]),
		},
	);
	workflows.push(...registryRuns.map((run) => run.workflow));
}
if (!workflows.length) {
	console.log('Nothing to run.');
	process.exit(1);
}

/* ---------------------------------------------------------------------------------------------- runs */
console.log(`Starting n8n ${runtime.n8nVersion} with ${workflows.length} workflows...`);
const n8n = await startWebhookN8n({ runtime, credentials, workflows });

/** The input item (its index) an output item came from. */
const inputOf = (item) => {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
};
const isError = (item) => item.json?.error !== undefined || item.error !== undefined;
/** What an error item says (HTTP Request gives an object with a message, our nodes a text), shortened. */
const errorText = (item) => {
	const error = item?.json?.error ?? item?.error;
	if (error === undefined) return '';
	const text =
		typeof error === 'string'
			? error
			: [error.message, error.description].filter(Boolean).join(': ') || JSON.stringify(error);
	return text.slice(0, 200);
};

/** Runs a workflow through its webhook: the sending node's time and output items (successes, errors by input). */
async function runWorkflow(workflow, body) {
	await n8n.webhook(workflow.nodes[0].parameters.path, body);
	const send = (await n8n.lastRun(workflow.id)).Send?.[0];
	const items = send?.data?.main?.[0] ?? [];
	return { seconds: (send?.executionTime ?? 0) / 1000, items, nodeError: send?.error?.message };
}

/** Waits until the sandbox has stopped creating deliveries (requests the gateway gave up on still finish). */
async function settledDeliveries(sandbox) {
	let count = -1;
	for (let stable = 0; stable < 4; ) {
		await sleep(500);
		const now = sandbox.deliveries().length;
		stable = now === count ? stable + 1 : 0;
		count = now;
	}
	return sandbox.deliveries();
}

const coopResults = [];
let runNumber = 0;
for (const run of coopRuns) {
	console.log(`  CoopCycle, ${run.situation.name}, ${run.contender}...`);
	const { seconds, items, nodeError } = await runWorkflow(run.workflow, {
		run: `r${(runNumber += 1)}`,
		count: DELIVERIES,
	});
	// Each order's dropoff address is "<n> Rue du Banc, 75010 Paris", n = its input index + 1.
	const created = new Array(DELIVERIES).fill(0);
	for (const delivery of await settledDeliveries(run.sandbox)) {
		const index = Number(/^(\d+) Rue du Banc/.exec(delivery.dropoff?.address?.streetAddress ?? '')?.[1]) - 1;
		if (index >= 0 && index < DELIVERIES) created[index]++;
	}
	const reported = new Array(DELIVERIES).fill(undefined); // 'success' | 'error' per input item
	for (const item of items) {
		const index = inputOf(item);
		if (index === undefined) continue;
		reported[index] = isError(item) ? 'error' : reported[index] === 'error' ? 'error' : 'success';
	}
	const successes = items.filter((item) => !isError(item)).length;
	const errors = items.filter(isError).length;
	const stats = run.sandbox.capacityStats();
	coopResults.push({
		situation: run.situation.name,
		contender: run.contender,
		itemsIn: DELIVERIES,
		itemsOut: items.length,
		successes,
		errors,
		createdTwice: created.filter((count) => count > 1).length,
		extraDeliveries: created.reduce((total, count) => total + Math.max(0, count - 1), 0),
		errorsCreated: created.filter((count, index) => count > 0 && reported[index] === 'error').length,
		// Lost: no delivery, and not reported as an error (a success without a delivery, or no output at all).
		lost: created.filter((count, index) => count === 0 && reported[index] !== 'error').length,
		seconds,
		peakInFlight: stats.peakInFlight,
		peakQueued: stats.peakQueued,
		gatewayTimeouts: stats.gatewayTimeouts,
		...(nodeError ? { nodeError } : {}),
		firstError: errorText(items.find(isError)),
	});
	await run.sandbox.close();
}

const RATE_LIMITED = /\b429\b|too many requests|limiting requests|rate limit/i;
const registryResults = [];
for (const run of registryRuns) {
	console.log(`  Registry, ${run.label}...`);
	registry.clearJourneys();
	registry.resetRateLimits();
	if (run.id === 'load-registry-status') {
		for (let index = 0; index < run.count; index++) registry.seed({ operator_journey_id: `status-${index}` });
	}
	const { seconds, items, nodeError } = await runWorkflow(run.workflow, {
		run: `r${(runNumber += 1)}`,
		count: run.count,
	});
	const errors = items.filter(isError);
	const rateStats = registry.rateStats();
	registryResults.push({
		label: run.label,
		itemsIn: run.count,
		itemsOut: items.length,
		successes: items.length - errors.length,
		errors: errors.length,
		failedOn429: errors.filter((item) => RATE_LIMITED.test(JSON.stringify(item.json))).length,
		// Lost: not in the output at all (every item must come out, as a success or an error).
		lost: run.count - new Set(items.map(inputOf)).size,
		stored: run.id === 'load-registry-create' ? registry.state.journeys.size : undefined,
		seconds,
		groups: Object.fromEntries(Object.entries(rateStats).filter(([, group]) => group.requests > 0)),
		...(nodeError ? { nodeError } : {}),
		firstError: errorText(errors[0]),
	});
}
await n8n.stop();
await registry?.close();

/* ---------------------------------------------------------------------------------------------- report */
const CONTENDER_NAMES = { ours: 'our node', http: 'HTTP Request 4.2 (OAuth2 credential)' };
const lines = [
	`Load test, ${new Date().toISOString().slice(0, 10)}${QUICK ? ' (quick)' : ''}: n8n ${runtime.n8nVersion}, ${cpus().length} cores (${cpus()[0]?.model?.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GB; wall time = n8n's execution time of the sending node.`,
];
if (coopResults.length) {
	lines.push(
		'',
		`CoopCycle, ${DELIVERIES} deliveries in one execution, sandbox of 8 workers at 100 ms a request:`,
		'',
		'| Situation | Contender | Items in | Successes | Errors | Created twice | Errors whose delivery exists | Lost | Wall time | Peak in flight | Gateway timeouts |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
		...coopResults.map(
			(row) =>
				`| ${row.situation} | ${CONTENDER_NAMES[row.contender]} | ${row.itemsIn} | ${row.successes} | ${row.errors} | ${row.createdTwice} | ${row.errorsCreated} | ${row.lost} | ${row.seconds.toFixed(1)} s | ${row.peakInFlight} | ${row.gatewayTimeouts} |`,
		),
	);
}
if (registryResults.length) {
	// The limiter's windows are fixed: a burst at the end of one and another at the start of the next pass both, so
	// the most in any span of a window's length can exceed the limit while no window does.
	const span = (group) => (group.windowMs === 60_000 ? 'minute' : `${group.windowMs / 1000} s`);
	const peaks = (key, group) =>
		`${key} (limit ${group.limit}): ${group.peakPerWindow} in one window, ${group.peakPerSpan} in any ${span(group)}`;
	lines.push(
		'',
		`Registry, ${QUICK ? 'limits scaled to 1/20 in 3-second windows' : 'at its real rate limits'}, our node, application token:`,
		'',
		'| Execution | Items in | Successes | Errors | Failed on 429 | Lost | Wall time | Peak requests per route group | 429s answered |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
		...registryResults.map(
			(row) =>
				`| ${row.label} | ${row.itemsIn} | ${row.successes} | ${row.errors} | ${row.failedOn429} | ${row.lost} | ${row.seconds.toFixed(1)} s | ${Object.entries(
					row.groups,
				)
					.map(([key, group]) => peaks(key, group))
					.join(', ')} | ${Object.values(row.groups).reduce((total, group) => total + group.refused, 0)} |`,
		),
	);
}
const firstErrors = [...coopResults, ...registryResults].filter((row) => row.firstError || row.nodeError);
if (firstErrors.length) {
	lines.push('', 'First error of each row:');
	for (const row of firstErrors)
		lines.push(
			`- ${row.situation ? `${row.situation}, ${row.contender}` : row.label}: ${row.nodeError ?? row.firstError}`,
		);
}
const broken = [...coopResults, ...registryResults].filter((row) => row.createdTwice > 0 || row.lost > 0);
console.log(`\n${lines.join('\n')}`);
mkdirSync(join(PROJECT_DIR, '.out'), { recursive: true });
writeFileSync(
	join(PROJECT_DIR, '.out', 'load-test.json'),
	`${JSON.stringify({ quick: QUICK, coopResults, registryResults }, null, 2)}\n`,
);
writeFileSync(join(PROJECT_DIR, '.out', 'load-test.md'), `${lines.join('\n')}\n`);
if (broken.length) {
	console.log(`\n${broken.length} row(s) with items created twice or lost.`);
	process.exit(1);
}
