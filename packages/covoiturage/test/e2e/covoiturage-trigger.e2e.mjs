// End-to-end: the Covoiturage Trigger, active in a real n8n, polling the registry sandbox. n8n polls an active
// trigger once when it activates it (at each start) and then on its Poll Times (at least a minute apart): the
// test drives polls by restarting n8n and by waiting for one scheduled poll. Between polls the sandbox changes
// journeys' statuses as the registry's checks would; what the trigger remembers must survive the restarts (n8n
// saves static data with the workflow), and no journey may come out twice for one status.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
	covoiturageSandboxCredentials,
	registryToday,
	startCovoiturageSandbox,
} from '../sandbox/index.mjs';
import { storedJourney } from './lib/journeys.mjs';
import { N8nInstance, ensureN8n } from '../../../shared/test/e2e/n8n.mjs';
import { activateWorkflow, startServer } from '../../../shared/test/e2e/server.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { loadExample } from '../../../shared/test/e2e/workflows.mjs';

const WORKFLOW_ID = 'covTriggerWatch';
/** A trigger saved with its default Poll Times, as the editor saves it (no pollTimes parameter). */
const DEFAULT_POLL_ID = 'covTriggerDaily';
// n8n saves the static data of workflows whose id has at most 16 characters (its own ids have 16).
const EXAMPLE_ID = 'covTriggerSheet';

/** The nodes of the example that need the user's own accounts (Google, SMTP): disabled here, n8n passes items through. */
const NEEDS_OUTSIDE_ACCOUNTS = ['Add to the spreadsheet', 'E-mail the team'];

const until = async (what, check, timeoutMs = 120_000) => {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
};

let sandbox;
/** The registry the example workflow polls: its own, so that its polls do not mix with the test workflow's. */
let exampleSandbox;
/** The registry of the trigger with the default Poll Times. */
let dailySandbox;
let n8n;
let server;

/** How many list requests the sandbox has answered: each poll sends one per watched status. */
const listRequests = () =>
	sandbox.state.requests.filter((request) => request.method === 'GET' && request.path === '/v3.3/journeys').length;

/** Waits for the poll that sends list requests number `from + 1` and `from + 2` (one per watched status). */
const pollDone = (from) => until('a poll', () => listRequests() >= from + 2);

before(async () => {
	ensureN8n();
	sandbox = await startCovoiturageSandbox();
	const yesterday = registryToday() - 10 * 3600e3;
	sandbox.seed(storedJourney('flagged-before', yesterday), 'fraud_error');
	sandbox.seed(storedJourney('pending-then-fraud', yesterday + 60e3), 'pending');
	sandbox.seed(storedJourney('pending-then-anomaly', yesterday + 120e3), 'pending');
	exampleSandbox = await startCovoiturageSandbox();
	dailySandbox = await startCovoiturageSandbox();
	exampleSandbox.seed(storedJourney('example-flagged-before', yesterday), 'fraud_error');
	exampleSandbox.seed(storedJourney('example-pending', yesterday + 60e3), 'pending');
	n8n = new N8nInstance({ packages: ['covoiturage'] });
	const credential = { ...covoiturageSandboxCredentials(sandbox.url)[1], id: 'covoiturage-watch', name: 'Watch' };
	// The example's credential (the sandbox's key pair, as in the file), on the example's registry.
	const dailyCredential = { ...covoiturageSandboxCredentials(dailySandbox.url)[0], id: 'covoiturage-daily', name: 'Daily' };
	await n8n.importCredentials([credential, covoiturageSandboxCredentials(exampleSandbox.url)[1], dailyCredential]);
	const example = loadExample('covoiturage', 'covoiturage-trigger-flags-to-sheet-and-email.json', EXAMPLE_ID);
	for (const exampleNode of example.nodes)
		if (NEEDS_OUTSIDE_ACCOUNTS.includes(exampleNode.name)) exampleNode.disabled = true;
	await n8n.importWorkflows(example);
	await activateWorkflow(n8n, EXAMPLE_ID);
	await n8n.importWorkflows({
		id: WORKFLOW_ID,
		name: 'Fraud and anomaly flags',
		active: false,
		nodes: [
			{
				id: 'trigger',
				name: 'Covoiturage Trigger',
				type: nodeType('covoiturage', 'covoiturageTrigger'),
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: { covoiturageApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await activateWorkflow(n8n, WORKFLOW_ID);
	await n8n.importWorkflows({
		id: DEFAULT_POLL_ID,
		name: 'Flags, once a day',
		active: false,
		nodes: [
			{
				id: 'daily',
				name: 'Covoiturage Trigger',
				type: nodeType('covoiturage', 'covoiturageTrigger'),
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				credentials: { covoiturageApi: { id: dailyCredential.id, name: dailyCredential.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await activateWorkflow(n8n, DEFAULT_POLL_ID);
});

after(async () => {
	await server?.stop();
	await sandbox?.close();
	await exampleSandbox?.close();
	await dailySandbox?.close();
	n8n?.dispose();
});

test('the trigger emits each newly flagged journey once, across polls and restarts', { timeout: 600_000 }, async () => {
	// Start: n8n activates the workflow and polls. The journey flagged before activation is not emitted.
	let seenRequests = listRequests();
	server = await startServer(n8n);
	await pollDone(seenRequests);
	await until(
		"the example workflow's first poll",
		() => exampleSandbox.state.requests.filter((request) => request.path === '/v3.3/journeys').length >= 2,
	);
	// The trigger saved with the default Poll Times (every day at 8:00) was activated too: n8n made its schedule
	// of the default before its activation poll.
	await until(
		'the activation poll of the trigger with the default Poll Times',
		() => dailySandbox.state.requests.filter((request) => request.path === '/v3.3/journeys').length >= 2,
	);
	const tokensAtFirstPoll = sandbox.tokenCalls();
	assert.equal(tokensAtFirstPoll, 1, 'one access token for the poll');
	// The poll is done once its requests are; an execution, had there been one, is saved a moment later.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.deepEqual(await server.executions(WORKFLOW_ID), []);

	// The registry's fraud check flags a journey; n8n restarts; its activation poll emits it.
	sandbox.setStatus('pending-then-fraud', 'fraud_error');
	exampleSandbox.setStatus('example-pending', 'anomaly_error');
	await server.stop();
	seenRequests = listRequests();
	server = await startServer(n8n, { firstStart: false });
	await pollDone(seenRequests);
	const [first] = await until('the execution of the poll', async () => {
		const executions = await server.executions(WORKFLOW_ID);
		return executions.length &&
			executions.every((execution) => execution.status !== 'running' && execution.status !== 'new')
			? executions
			: undefined;
	});
	assert.equal(first.mode, 'trigger');
	assert.equal(first.status, 'success');
	const emitted = await server.output(first.id, 'Covoiturage Trigger');
	assert.deepEqual(emitted, [
		{
			operator_journey_id: 'pending-then-fraud',
			status: 'fraud_error',
			created_at: emitted[0].created_at,
			journey_id: emitted[0].journey_id,
			fraud_error_labels: ['interoperator_overlap'],
			anomaly_error_labels: [],
			anomaly_error_details: [],
			terms_violation_labels: [],
			watched_status: 'fraud_error',
		},
	]);

	// The anomaly check flags another journey; the scheduled poll (every minute) emits it, and only it.
	sandbox.setStatus('pending-then-anomaly', 'anomaly_error');
	seenRequests = listRequests();
	await pollDone(seenRequests);
	const executions = await until('the execution of the scheduled poll', async () => {
		const all = await server.executions(WORKFLOW_ID);
		return all.length === 2 && all.every((execution) => execution.status === 'success') ? all : undefined;
	});
	const second = executions.find((execution) => execution.id !== first.id);
	assert.deepEqual(
		(await server.output(second.id, 'Covoiturage Trigger')).map((item) => [
			item.operator_journey_id,
			item.watched_status,
			item.anomaly_error_details,
		]),
		[
			[
				'pending-then-anomaly',
				'anomaly_error',
				[
					{
						label: 'temporal_overlap_anomaly',
						conflicting_operator_journey_id: 'other-journey',
						overlap_duration_ratio: 0.83,
					},
				],
			],
		],
	);

	// Restart again: the activation poll finds nothing new (what was emitted was saved with the workflow).
	await server.stop();
	seenRequests = listRequests();
	server = await startServer(n8n, { firstStart: false });
	await pollDone(seenRequests);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.equal((await server.executions(WORKFLOW_ID)).length, 2);
});

test('the example workflow makes a spreadsheet row of each new flag (up to the nodes that need outside accounts)', async () => {
	// Its trigger polled its registry at each start of the previous test: the flag made before activation stayed
	// out, the anomaly flagged before the restart came out.
	const [execution, ...others] = await server.executions(EXAMPLE_ID);
	assert.equal(others.length, 0);
	assert.equal(execution.status, 'success');
	const rows = await server.output(execution.id, 'Row for the sheet');
	assert.deepEqual(
		rows.map(({ 'Seen On': seenOn, 'Registry ID': registryId, ...row }) => {
			assert.match(seenOn, /^\d{4}-\d{2}-\d{2}$/);
			assert.match(registryId, /^\d+$/);
			return row;
		}),
		[
			{
				Journey: 'example-pending',
				Flag: 'anomaly_error',
				'Status Now': 'anomaly_error',
				Reasons: 'temporal_overlap_anomaly',
				'Conflicting Journey': 'other-journey',
				Overlap: '0.83',
			},
		],
	);
	// The disabled nodes pass the rows on: the e-mail node would send one e-mail per row.
	assert.equal((await server.output(execution.id, 'E-mail the team')).length, 1);
});
