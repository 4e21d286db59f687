// `npm run bench`: how long our nodes take to send the same work as n8n's own HTTP Request node, in one real n8n
// 2.x, against the local sandboxes. It prints figures; it asserts nothing (tests check behaviour, not time).
//
// Jobs: 1,000 journeys with the key pair, 1,000 with the application token, 500 CoopCycle deliveries (OAuth2),
// then 10,000 journeys in one execution for memory. Contenders: our node; HTTP Request 4.2 doing the same job
// (the way a user would build it); for the journeys, a minimal declarative node that only POSTs each item (the
// floor: what n8n's declarative engine itself costs). Runs are interleaved, and each run's figure is n8n's own
// execution time of the sending node (runData[…].executionTime). Token calls are counted by the sandboxes, and
// the memory is the n8n process's resident size, sampled during the run.
//
//   npm run bench                 3 rounds
//   BENCH_ROUNDS=5 npm run bench
//   BENCH_JOBS=coopcycle npm run bench   only the jobs whose name contains this
//   BENCH_CONTENDERS=ours,floor npm run bench   only these contenders (ours, http, floor)
//   BENCH_PROFILE=/tmp/profiles npm run bench   also write n8n's CPU profiles there
//   BENCH_MAX_AT_ONCE=1000 npm run bench   our credentials' Max Requests at Once (default 8): what the bound costs
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';

import { PROJECT_DIR, ensureDependencies, runOrExit } from './dependencies.mjs';
import { ensureRuntime } from './lib/runtime.mjs';
import { createFromOrder, deliveriesCode, journeysCode, ordersCode } from './lib/items.mjs';
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
import {
	SANDBOX_ACCESS_KEY,
	SANDBOX_APPLICATION_TOKEN,
	SANDBOX_SECRET_KEY,
	startCovoiturageSandbox,
} from '../packages/covoiturage/test/sandbox/index.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
if (!(ROUNDS >= 1)) throw new Error('BENCH_ROUNDS must be 1 or more');
const ONLY = process.env.BENCH_JOBS;
const CONTENDERS = process.env.BENCH_CONTENDERS?.split(',');
/** Max Requests at Once of our credentials, when not the default (to measure what the default costs). */
const AT_ONCE = process.env.BENCH_MAX_AT_ONCE ? { maxRequestsAtOnce: Number(process.env.BENCH_MAX_AT_ONCE) } : {};
const OUT = join(PROJECT_DIR, '.out');

ensureDependencies();
runOrExit('npm', ['run', 'build']);
const runtime = ensureRuntime('2');

/* ---------------------------------------------------------------------------------------------- extensions */
// Our packages are installed as n8n's Community Nodes installer installs them (N8nInstance); the floor node, a
// benchmark device and not a package of ours, is loaded from a custom-extensions folder.
const extensions = mkdtempSync(join(tmpdir(), 'bench-ext-'));
cpSync(join(PROJECT_DIR, 'scripts', 'bench', 'floor'), join(extensions, 'floor'), { recursive: true });

/* ---------------------------------------------------------------------------------------------- sandboxes */
const registry = await startCovoiturageSandbox({ tokenTtlSeconds: 3600 });
const coopcycle = await startCoopCycleSandbox({
	// One API client per run: every run starts without a token, for our node and for HTTP Request alike.
	// (Two CoopCycle jobs, ours and HTTP Request in each; the floor's client is the last one.)
	clients: Array.from({ length: ROUNDS * 4 + 3 }, (_value, index) => ({
		clientId: `${SANDBOX_CLIENT.clientId}-${index}`,
		clientSecret: SANDBOX_CLIENT.clientSecret,
		scopes: ['deliveries', 'tasks'],
		store: 1,
	})),
});
const API = `${registry.url}/v3.3`;
// The floor sends deliveries with a token got here, once: its runs make no token call.
const floorClient = `${SANDBOX_CLIENT.clientId}-${ROUNDS * 4 + 2}`;
const floorToken = await fetch(`${coopcycle.url}/oauth2/token`, {
	method: 'POST',
	headers: {
		authorization: `Basic ${Buffer.from(`${floorClient}:${SANDBOX_CLIENT.clientSecret}`).toString('base64')}`,
		'content-type': 'application/x-www-form-urlencoded',
	},
	body: 'grant_type=client_credentials&scope=deliveries%20tasks',
}).then(async (response) => (await response.json()).access_token);

/* ---------------------------------------------------------------------------------------------- credentials */
const credentials = [
	{
		id: 'benchRegToken',
		name: 'Registry, application token',
		type: 'covoiturageApi',
		data: {
			environment: 'custom',
			customUrl: registry.url,
			apiVersion: 'v3.3',
			authentication: 'applicationToken',
			applicationToken: SANDBOX_APPLICATION_TOKEN,
			...AT_ONCE,
		},
	},
	{
		id: 'benchRegKeys',
		name: 'Registry, key pair',
		type: 'covoiturageApi',
		data: {
			environment: 'custom',
			customUrl: registry.url,
			apiVersion: 'v3.3',
			authentication: 'accessKey',
			accessKey: SANDBOX_ACCESS_KEY,
			secretKey: SANDBOX_SECRET_KEY,
			...AT_ONCE,
		},
	},
	{
		id: 'benchRegHeader',
		name: 'Registry, header',
		type: 'httpHeaderAuth',
		data: { name: 'Authorization', value: `Bearer ${SANDBOX_APPLICATION_TOKEN}` },
	},
	{ id: 'benchFloor', name: 'Floor', type: 'benchFloorApi', data: { baseUrl: API, token: SANDBOX_APPLICATION_TOKEN } },
	{
		id: 'benchFloorCoop',
		name: 'Floor, CoopCycle',
		type: 'benchFloorApi',
		data: { baseUrl: coopcycle.url, token: floorToken },
	},
];
const coopCredential = (contender, run) => {
	const clientId = `${SANDBOX_CLIENT.clientId}-${run}`;
	return contender === 'ours'
		? {
				id: `benchCoop${run}`,
				name: `CoopCycle ${run}`,
				type: 'coopCycleOAuth2Api',
				data: {
					baseUrl: coopcycle.url,
					clientId,
					clientSecret: SANDBOX_CLIENT.clientSecret,
					scope: 'deliveries tasks',
					...AT_ONCE,
				},
			}
		: oauth2Credential(`benchOauth${run}`, coopcycle.url, clientId, SANDBOX_CLIENT.clientSecret);
};

/* ---------------------------------------------------------------------------------------------- workflows */
const ourJourneys = (credentialId) =>
	node(
		'Send',
		nodeType('covoiturage', 'covoiturage'),
		1,
		{ resource: 'journey', operation: 'create', inputMode: 'item' },
		cred('covoiturageApi', credentialId),
	);
const httpJourneys = (headers) =>
	node('Send', 'n8n-nodes-base.httpRequest', 4.2, {
		method: 'POST',
		url: `${API}/journeys`,
		...headers,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json) }}',
		options: {},
	});
/** HTTP Request creating CoopCycle deliveries with n8n's OAuth2 credential of run `run`, the body from `jsonBody`. */
const httpDeliveries = (run, jsonBody) => httpCreateDeliveries(coopcycle.url, `benchOauth${run}`, jsonBody);
/** HTTP Request sending journeys with the application token, through a header credential. */
const httpJourneysWithToken = () => ({
	...httpJourneys({ authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' }),
	...cred('httpHeaderAuth', 'benchRegHeader'),
});
const floorJourneys = () =>
	node('Send', 'CUSTOM.benchFloor', 1, { operation: 'send' }, cred('benchFloorApi', 'benchFloor'));

/** The workflows of one job, by contender. `run` numbers the CoopCycle credential of each run. */
const JOBS = [
	{
		name: 'journeys-key-pair',
		label: '1,000 journeys, key pair',
		count: 1000,
		tokens: () => registry.state.tokenCalls,
		workflows: {
			ours: () => [webhook('bjk-ours'), code(journeysCode), ourJourneys('benchRegKeys')],
			http: () => [
				webhook('bjk-http'),
				// What a user builds without our node: ask for a token, then send each journey with it.
				node('Token', 'n8n-nodes-base.httpRequest', 4.2, {
					method: 'POST',
					url: `${API}/auth/access_token`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: JSON.stringify({ access_key: SANDBOX_ACCESS_KEY, secret_key: SANDBOX_SECRET_KEY }),
					options: {},
				}),
				code(journeysCode),
				httpJourneys({
					sendHeaders: true,
					headerParameters: {
						parameters: [{ name: 'Authorization', value: "=Bearer {{ $('Token').first().json.access_token }}" }],
					},
				}),
			],
			floor: () => [webhook('bjk-floor'), code(journeysCode), floorJourneys()],
		},
	},
	{
		name: 'journeys-application-token',
		label: '1,000 journeys, application token',
		count: 1000,
		tokens: () => registry.state.tokenCalls,
		workflows: {
			ours: () => [webhook('bjt-ours'), code(journeysCode), ourJourneys('benchRegToken')],
			http: () => [webhook('bjt-http'), code(journeysCode), httpJourneysWithToken()],
			floor: () => [webhook('bjt-floor'), code(journeysCode), floorJourneys()],
		},
	},
	{
		name: 'journeys-json-expression',
		label: '1,000 journeys, application token, JSON Object {{ $json }}',
		count: 1000,
		tokens: () => registry.state.tokenCalls,
		workflows: {
			// Journey Source "JSON Object" with its default expression: what the journeys jobs measured before the
			// "Input Item" source existed.
			ours: () => [
				webhook('bjj-ours'),
				code(journeysCode),
				node(
					'Send',
					nodeType('covoiturage', 'covoiturage'),
					1,
					{ resource: 'journey', operation: 'create', inputMode: 'json', journeyJson: '={{ $json }}' },
					cred('covoiturageApi', 'benchRegToken'),
				),
			],
			http: () => [webhook('bjj-http'), code(journeysCode), httpJourneysWithToken()],
		},
	},
	{
		name: 'coopcycle-deliveries',
		label: '500 deliveries, OAuth2, 3 mapped fields',
		count: 500,
		tokens: () => coopcycle.tokenCalls(),
		perRunCredential: true,
		workflows: {
			ours: (run) => [
				webhook(`bcc-ours-${run}`),
				code(ordersCode),
				node(
					'Send',
					nodeType('coopcycle', 'coopCycle'),
					1,
					createFromOrder,
					cred('coopCycleOAuth2Api', `benchCoop${run}`),
				),
			],
			http: (run) => [
				webhook(`bcc-http-${run}`),
				code(ordersCode),
				httpDeliveries(
					run,
					'={{ JSON.stringify({ dropoff: { address: $json.address, after: $json.after, before: $json.before } }) }}',
				),
			],
			floor: () => [
				webhook('bcc-floor'),
				code(ordersCode),
				node(
					'Send',
					'CUSTOM.benchFloor',
					1,
					{
						operation: 'delivery',
						address: '={{ $json.address }}',
						after: '={{ $json.after }}',
						before: '={{ $json.before }}',
					},
					cred('benchFloorApi', 'benchFloorCoop'),
				),
			],
		},
	},
	{
		name: 'coopcycle-deliveries-item',
		label: '500 deliveries, OAuth2, from the input item',
		count: 500,
		tokens: () => coopcycle.tokenCalls(),
		perRunCredential: true,
		workflows: {
			ours: (run) => [
				webhook(`bci-ours-${run}`),
				code(deliveriesCode),
				node(
					'Send',
					nodeType('coopcycle', 'coopCycle'),
					1,
					{ resource: 'delivery', operation: 'create', taskMode: 'item' },
					cred('coopCycleOAuth2Api', `benchCoop${run}`),
				),
			],
			http: (run) => [
				webhook(`bci-http-${run}`),
				code(deliveriesCode),
				httpDeliveries(run, '={{ JSON.stringify($json) }}'),
			],
			floor: () => [
				webhook('bci-floor'),
				code(deliveriesCode),
				node('Send', 'CUSTOM.benchFloor', 1, { operation: 'deliveryItem' }, cred('benchFloorApi', 'benchFloorCoop')),
			],
		},
	},
	{
		name: 'memory-10000-journeys',
		label: '10,000 journeys in one execution (memory)',
		count: 10000,
		memory: true,
		tokens: () => registry.state.tokenCalls,
		// 10,000 requests at once overflow the sandbox's connection queue, for both nodes alike (n8n starts every
		// item's request at the same time): both start 100 every 500 ms, about what the sandbox answers, with
		// n8n's own batching option. The time of this job is not compared.
		workflows: {
			ours: () => [
				webhook('bmem-ours'),
				code(journeysCode),
				{
					...ourJourneys('benchRegToken'),
					parameters: {
						...ourJourneys('benchRegToken').parameters,
						requestOptions: { batching: { batch: { batchSize: 100, batchInterval: 500 } } },
					},
				},
			],
			http: () => {
				const send = httpJourneysWithToken();
				send.parameters.options = { batching: { batch: { batchSize: 100, batchInterval: 500 } } };
				return [webhook('bmem-http'), code(journeysCode), send];
			},
		},
	},
]
	.filter((job) => !ONLY || job.name.includes(ONLY))
	.map((job) => ({
		...job,
		workflows: Object.fromEntries(
			Object.entries(job.workflows).filter(([contender]) => !CONTENDERS || CONTENDERS.includes(contender)),
		),
	}));

/* ---------------------------------------------------------------------------------------------- n8n */
const workflows = [];
const coopRuns = [];
for (const job of JOBS) {
	for (const [contender, build] of Object.entries(job.workflows)) {
		if (job.perRunCredential && contender !== 'floor') {
			for (let round = 0; round < ROUNDS; round++) {
				const run = coopRuns.length;
				coopRuns.push({ job: job.name, contender, round, run });
				workflows.push({ job: job.name, contender, round, ...chain(`${job.name}-${contender}-${run}`, build(run)) });
				credentials.push(coopCredential(contender, run));
			}
		} else {
			workflows.push({ job: job.name, contender, ...chain(`${job.name}-${contender}`, build()) });
		}
	}
}
/** A real n8n with these workflows published: its process, its REST API and a way to run a workflow. */
async function startN8n(published) {
	const {
		webhook: runWebhook,
		lastRun,
		memory,
		stop,
	} = await startWebhookN8n({
		runtime,
		credentials,
		workflows: published.map(({ job: _job, contender: _contender, round: _round, ...workflow }) => workflow),
		extraEnv: {
			N8N_CUSTOM_EXTENSIONS: extensions,
			// BENCH_PROFILE=<folder>: n8n writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
			...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE}` } : {}),
		},
	});

	/** Runs one workflow through its webhook: the sending node's time, what it produced, tokens and memory. */
	async function run(job, workflow, runName) {
		// Every run meets an empty registry: the sandbox checks each journey against those it stores (terms of
		// use), so a registry that kept every run's journeys would slow the later runs down.
		registry.clearJourneys();
		const tokensBefore = job.tokens();
		const before = memory();
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, memory())), 25);
		try {
			await runWebhook(workflow.nodes[0].parameters.path, { run: runName, count: job.count });
		} finally {
			clearInterval(sampler);
		}
		peak = Math.max(peak, memory());
		const runData = await lastRun(workflow.id);
		const send = runData.Send[0];
		const items = send.data?.main?.[0] ?? [];
		const errors = items.filter((item) => item.json.error || item.error);
		const firstError = send.error?.message ?? errors[0]?.json.error;
		return {
			...(firstError ? { firstError: String(firstError).slice(0, 300) } : {}),
			seconds: send.executionTime / 1000,
			items: items.length,
			failed: errors.length + (send.error ? job.count : 0),
			tokenCalls: job.tokens() - tokensBefore,
			memoryBefore: before,
			memoryPeak: peak,
			// The size of the items themselves, as JSON, as the Items node gave them to the sending node.
			inputBytes: Buffer.byteLength(JSON.stringify((runData.Items[0].data?.main?.[0] ?? []).map((item) => item.json))),
		};
	}
	return { run, stop, memory };
}

/* ---------------------------------------------------------------------------------------------- runs */
const results = [];
let runCounter = 0;
const report = (job, contender, round, result) => {
	results.push({ job: job.name, contender, round, ...result });
	if (result.firstError) console.log(`    first error: ${result.firstError}`);
	console.log(
		`  ${job.label.padEnd(42)} ${contender.padEnd(6)} round ${round + 1}: ${result.seconds.toFixed(2)} s, ${result.items} items (${result.failed} failed), ${result.tokenCalls} token call(s), memory ${result.memoryBefore.toFixed(0)} → ${result.memoryPeak.toFixed(0)} MB`,
	);
};

// Times: one n8n for all the timed jobs, their contenders interleaved, each round starting with another one.
const timed = JOBS.filter((job) => !job.memory);
if (timed.length) {
	const published = workflows.filter((workflow) => timed.some((job) => job.name === workflow.job));
	console.log(`Starting n8n ${runtime.n8nVersion} with ${published.length} workflows...`);
	const n8n = await startN8n(published);
	for (const job of timed) {
		const contenders = Object.keys(job.workflows);
		for (let round = 0; round < ROUNDS; round++) {
			for (const contender of contenders.map((_value, index) => contenders[(index + round) % contenders.length])) {
				const workflow = published.find(
					(candidate) =>
						candidate.job === job.name && candidate.contender === contender && (candidate.round ?? round) === round,
				);
				report(job, contender, round, await n8n.run(job, workflow, `r${(runCounter += 1)}`));
			}
		}
	}
	await n8n.stop();
}

// Memory: a fresh n8n for each run, so that each starts from the same idle process; the resident size depends on
// when the garbage collector runs, so it is measured in every round, contenders interleaved, and the median kept.
for (const job of JOBS.filter((candidate) => candidate.memory)) {
	const contenders = Object.keys(job.workflows);
	for (let round = 0; round < ROUNDS; round++) {
		for (const contender of contenders.map((_value, index) => contenders[(index + round) % contenders.length])) {
			const workflow = workflows.find((candidate) => candidate.job === job.name && candidate.contender === contender);
			const n8n = await startN8n([workflow]);
			await new Promise((resolve) => setTimeout(resolve, 10_000)); // let n8n finish starting up
			report(job, contender, round, await n8n.run(job, workflow, `r${(runCounter += 1)}`));
			await n8n.stop();
		}
	}
}
await Promise.all([registry.close(), coopcycle.close()]);
rmSync(extensions, { recursive: true, force: true });

/* ---------------------------------------------------------------------------------------------- report */
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const of = (job, contender) => results.filter((result) => result.job === job.name && result.contender === contender);
const rows = JOBS.map((job) => {
	const row = { job: job.label };
	for (const contender of Object.keys(job.workflows)) {
		const runs = of(job, contender);
		row[contender] = {
			seconds: median(runs.map((run) => run.seconds)),
			tokenCalls: runs.map((run) => run.tokenCalls),
			failed: runs.reduce((total, run) => total + run.failed, 0),
			memoryGrowth: median(runs.map((run) => run.memoryPeak - run.memoryBefore)),
			memoryGrowths: runs.map((run) => run.memoryPeak - run.memoryBefore),
			memoryPeak: median(runs.map((run) => run.memoryPeak)),
		};
	}
	return row;
});
// The size of the 10,000 journeys themselves, as JSON (as the Items node gave them to the sending node).
const journeysJsonMb =
	Math.max(
		0,
		...results.filter((result) => result.job === 'memory-10000-journeys').map((result) => result.inputBytes),
	) /
	2 ** 20;

const format = (value) => (value === undefined ? '–' : `${value.toFixed(2)} s`);
const ratio = (a, b) => (a === undefined || b === undefined ? '–' : `${(a / b).toFixed(2)}×`);
const lines = [
	`Benchmark, ${new Date().toISOString().slice(0, 10)}: n8n ${runtime.n8nVersion} (Node ${runtime.node24}), ${cpus().length} cores (${cpus()[0]?.model?.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GB; median of ${ROUNDS} interleaved runs; time = n8n's execution time of the sending node.`,
	'',
	'| Job | Our node | HTTP Request 4.2 | Floor (minimal declarative node) | Ours / HTTP Request | Floor / HTTP Request | Token calls per run: ours / HTTP Request |',
	'| --- | --- | --- | --- | --- | --- | --- |',
	...rows
		.filter((row) => !row.job.includes('memory'))
		.map(
			(row) =>
				`| ${row.job} | ${format(row.ours?.seconds)} | ${format(row.http?.seconds)} | ${format(row.floor?.seconds)} | ${ratio(row.ours?.seconds, row.http?.seconds)} | ${ratio(row.floor?.seconds, row.http?.seconds)} | ${row.ours?.tokenCalls.join(', ')} / ${row.http?.tokenCalls.join(', ')} |`,
		),
];
const memory = rows.find((row) => row.job.includes('memory'));
if (memory) {
	lines.push(
		'',
		`Memory, 10,000 journeys in one execution (the items' own JSON: ${journeysJsonMb.toFixed(1)} MB), median of ${ROUNDS} fresh n8n processes each: n8n's resident memory grew by ${memory.ours.memoryGrowth.toFixed(0)} MB with our node (runs: ${memory.ours.memoryGrowths.map((mb) => mb.toFixed(0)).join(', ')}; ${format(memory.ours.seconds)}) and by ${memory.http.memoryGrowth.toFixed(0)} MB with HTTP Request (runs: ${memory.http.memoryGrowths.map((mb) => mb.toFixed(0)).join(', ')}; ${format(memory.http.seconds)}): ${(memory.ours.memoryGrowth - memory.http.memoryGrowth).toFixed(0)} MB more with ours, ${((memory.ours.memoryGrowth - memory.http.memoryGrowth) / journeysJsonMb).toFixed(1)}× the items' JSON. Peak resident memory (median): ${memory.ours.memoryPeak.toFixed(0)} MB with ours, ${memory.http.memoryPeak.toFixed(0)} MB with HTTP Request.`,
	);
}
const failures = rows.flatMap((row) =>
	Object.entries(row)
		.filter(([key, value]) => key !== 'job' && value.failed > 0)
		.map(([key, value]) => `${row.job} (${key}): ${value.failed} items failed`),
);
if (failures.length) lines.push('', `Failed items: ${failures.join('; ')}`);
console.log(`\n${lines.join('\n')}`);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'bench.json'), `${JSON.stringify({ rows, results, journeysJsonMb }, null, 2)}\n`);
writeFileSync(join(OUT, 'bench.md'), `${lines.join('\n')}\n`);
