// End-to-end: the Covoiturage Trigger, active in a real n8n, polling the registry sandbox. n8n polls an active
// trigger once when it activates it (at each start) and then on its Poll Times (at least a minute apart): the
// test drives polls by restarting n8n and by waiting for one scheduled poll. Between polls the sandbox changes
// journeys' statuses as the registry's checks would; what the trigger remembers must survive the restarts (n8n
// saves static data with the workflow), and no journey may come out twice for one status.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { covoiturageSandboxCredentials, registryToday, startCovoiturageSandbox } from '../sandbox/covoiturage/index.mjs';
import { storedJourney } from './lib/journeys.mjs';
import { N8nInstance, ensureN8n } from './lib/n8n.mjs';
import { activateWorkflow, startServer } from './lib/server.mjs';

const WORKFLOW_ID = 'covTriggerWatch';

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
let n8n;
let server;

/** How many list requests the sandbox has answered: each poll sends one per watched status. */
const listRequests = () => sandbox.state.requests.filter((request) => request.method === 'GET' && request.path === '/v3.3/journeys').length;

/** Waits for the poll that sends list requests number `from + 1` and `from + 2` (one per watched status). */
const pollDone = (from) => until('a poll', () => listRequests() >= from + 2);

before(async () => {
	ensureN8n();
	sandbox = await startCovoiturageSandbox();
	const yesterday = registryToday() - 10 * 3600e3;
	sandbox.seed(storedJourney('flagged-before', yesterday), 'fraud_error');
	sandbox.seed(storedJourney('pending-then-fraud', yesterday + 60e3), 'pending');
	sandbox.seed(storedJourney('pending-then-anomaly', yesterday + 120e3), 'pending');
	n8n = new N8nInstance();
	const credential = covoiturageSandboxCredentials(sandbox.url)[1];
	await n8n.importCredentials([credential]);
	await n8n.importWorkflows({
		id: WORKFLOW_ID,
		name: 'Fraud and anomaly flags',
		active: false,
		nodes: [
			{
				id: 'trigger',
				name: 'Covoiturage Trigger',
				type: 'CUSTOM.covoiturageTrigger',
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
});

after(async () => {
	await server?.stop();
	await sandbox?.close();
	n8n?.dispose();
});

test('the trigger emits each newly flagged journey once, across polls and restarts', { timeout: 600_000 }, async () => {
	// Start: n8n activates the workflow and polls. The journey flagged before activation is not emitted.
	let seenRequests = listRequests();
	server = await startServer(n8n);
	await pollDone(seenRequests);
	const tokensAtFirstPoll = sandbox.tokenCalls();
	assert.equal(tokensAtFirstPoll, 1, 'one access token for the poll');
	// The poll is done once its requests are; an execution, had there been one, is saved a moment later.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.deepEqual(await server.executions(WORKFLOW_ID), []);

	// The registry's fraud check flags a journey; n8n restarts; its activation poll emits it.
	sandbox.setStatus('pending-then-fraud', 'fraud_error');
	await server.stop();
	seenRequests = listRequests();
	server = await startServer(n8n, { firstStart: false });
	await pollDone(seenRequests);
	const [first] = await until('the execution of the poll', async () => {
		const executions = await server.executions(WORKFLOW_ID);
		return executions.length && executions.every((execution) => execution.status !== 'running' && execution.status !== 'new') ? executions : undefined;
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
		(await server.output(second.id, 'Covoiturage Trigger')).map((item) => [item.operator_journey_id, item.watched_status, item.anomaly_error_details]),
		[['pending-then-anomaly', 'anomaly_error', [{ label: 'temporal_overlap_anomaly', conflicting_operator_journey_id: 'other-journey', overlap_duration_ratio: 0.83 }]]],
	);

	// Restart again: the activation poll finds nothing new (what was emitted was saved with the workflow).
	await server.stop();
	seenRequests = listRequests();
	server = await startServer(n8n, { firstStart: false });
	await pollDone(seenRequests);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	assert.equal((await server.executions(WORKFLOW_ID)).length, 2);
});
