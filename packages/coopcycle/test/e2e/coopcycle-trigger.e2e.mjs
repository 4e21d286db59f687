// End-to-end: the CoopCycle Trigger in a real `n8n start`, against the CoopCycle sandbox. n8n registers the
// webhooks on activation, the sandbox calls them as CoopCycle does (signed with each webhook's secret, one after
// the other, the event retried whole on a non-2xx answer), forged calls are sent too, and the executions are read
// back through n8n's REST API. Run `npm run build` first; `npm test` does (on both n8n lines).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { coopCycleSandboxCredential } from '../sandbox/index.mjs';
import { loadExample } from '../../../shared/test/e2e/workflows.mjs';
import { N8N_LINE } from '../../../shared/test/e2e/n8n.mjs';
import { PORT, WEBHOOK_ID, activate, activationErrorOf, deactivate, executionsOf, runFrom, triggerWorkflow, useTriggerEditor, waitFor, waitForExecutions, world } from './triggerHarness.mjs';

useTriggerEditor();

/** An access token of the sandbox's shop, to act on deliveries as a courier's app would. */
async function shopToken() {
	const { clientId, clientSecret } = coopCycleSandboxCredential(world.sandbox.url).data;
	const response = await fetch(`${world.sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials&scope=deliveries',
	});
	return (await response.json()).access_token;
}

test('activation registers one webhook per event; signed calls start executions, forged ones do not; deactivation leaves none', async () => {
	const workflow = await world.editor.rest('POST', '/rest/workflows', triggerWorkflow('Deliveries', ['delivery.picked', 'delivery.completed']));
	await activate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 2, 'the webhooks registered');
	const url = `http://127.0.0.1:${PORT}/webhook/${WEBHOOK_ID}/webhook`;
	assert.deepEqual(
		world.sandbox.webhooks().map(({ url: calls, event }) => ({ url: calls, event })).sort((a, b) => a.event.localeCompare(b.event)),
		[
			{ url, event: 'delivery.completed' },
			{ url, event: 'delivery.picked' },
		],
	);

	// A courier picks up delivery 1: CoopCycle sends delivery.picked (src/MessageHandler/Task/TriggerWebhook.php).
	const token = await shopToken();
	const pick = await fetch(`${world.sandbox.url}/api/deliveries/1/pick`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/ld+json', accept: 'application/ld+json' },
		body: '{}',
	});
	assert.equal(pick.status, 200);
	await new Promise((resolve) => setTimeout(resolve, 50));
	await world.sandbox.webhooksSettled();
	// delivery.completed for delivery 2, and delivery.failed, which the workflow did not subscribe to: not sent.
	await world.sandbox.fireWebhooks(2, 'delivery.completed');
	await world.sandbox.fireWebhooks(3, 'delivery.failed');

	// Forged calls: no signature, a made-up one, the signature of a webhook's secret over another body.
	const secret = world.sandbox.webhooks().find((webhook) => webhook.event === 'delivery.completed').secret;
	const forged = [
		{ object: '/api/deliveries/3', event: 'delivery.completed', signature: undefined },
		{ object: '/api/deliveries/3', event: 'delivery.completed', signature: 'S9LMKpq4VBDEGm5umbQx/q4SQMnpX/Wz/719dBBZ3rI=' },
		{
			object: '/api/deliveries/3',
			event: 'delivery.completed',
			signature: world.sandbox.signature('{"data":{"object":"/api/deliveries/3","event":"delivery.completed"}}', secret),
		},
	];
	for (const call of forged) {
		const answer = await world.sandbox.forgeWebhookCall(url, call);
		assert.equal(answer.status, 401, `forged call ${JSON.stringify(call)}: ${answer.text}`);
	}

	// CoopCycle's calls were answered 2xx the first time: no retry.
	assert.deepEqual(
		world.sandbox.webhookCalls.map(({ event, status, attempt }) => ({ event, status, attempt })),
		[
			{ event: 'delivery.picked', status: 200, attempt: 0 },
			{ event: 'delivery.completed', status: 200, attempt: 0 },
		],
	);
	const executions = await waitForExecutions(workflow.id, 2);
	assert.equal(executions.length, 2, 'one execution per signed call, none for the forged ones');
	assert.deepEqual(
		executions.map((execution) => execution.status),
		['success', 'success'],
	);
	const outputs = executions.map((execution) => execution.items[0]).sort((a, b) => a.deliveryId - b.deliveryId);
	assert.deepEqual(
		outputs.map(({ event, deliveryId, '@id': iri }) => ({ event, deliveryId, '@id': iri })),
		[
			{ event: 'delivery.picked', deliveryId: 1, '@id': '/api/deliveries/1' },
			{ event: 'delivery.completed', deliveryId: 2, '@id': '/api/deliveries/2' },
		],
	);
	// The delivery, fetched with the credential and simplified: the pickup of delivery 1 is done.
	assert.equal(outputs[0].delivery.id, 1);
	assert.equal(outputs[0].delivery.pickup.status, 'DONE');
	assert.equal(outputs[0].delivery['@context'], undefined);

	// A webhook whose secret n8n does not have (as if it had been replaced on CoopCycle's side): every attempt is
	// refused, CoopCycle gives up after its 3 retries, and nothing starts.
	const completed = world.sandbox.webhooks().find((webhook) => webhook.event === 'delivery.completed');
	const realSecret = completed.secret;
	completed.secret = Buffer.alloc(32, 1).toString('base64');
	const callsBefore = world.sandbox.webhookCalls.length;
	await world.sandbox.fireWebhooks(3, 'delivery.completed');
	completed.secret = realSecret;
	assert.deepEqual(
		world.sandbox.webhookCalls.slice(callsBefore).map(({ status, attempt }) => [status, attempt]),
		[
			[401, 0],
			[401, 1],
			[401, 2],
			[401, 3],
		],
	);
	assert.equal((await executionsOf(workflow.id)).length, 2);

	await deactivate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 0, 'the webhooks deleted');
	assert.deepEqual(world.sandbox.webhooks(), [], 'deactivation deleted every webhook');
	// The old address no longer starts anything (n8n answers 404 for an unknown webhook).
	const late = await world.sandbox.fireWebhooks(2, 'delivery.completed');
	assert.equal(late.length, 0);
});

test('re-activation after a webhook was deleted on CoopCycle’s side: nothing leaks, nothing is duplicated', async () => {
	const workflow = await world.editor.rest('POST', '/rest/workflows', triggerWorkflow('Re-activated', ['delivery.picked', 'delivery.failed']));
	await activate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 2, 'the webhooks registered');
	world.sandbox.removeWebhook(world.sandbox.webhooks()[0].id);
	await deactivate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 0, 'the webhooks deleted');
	await activate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 2, 'the webhooks registered again');
	await new Promise((resolve) => setTimeout(resolve, 500));
	assert.deepEqual(world.sandbox.webhooks().map((webhook) => webhook.event).sort(), ['delivery.failed', 'delivery.picked']);
	await deactivate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 0, 'the webhooks deleted');
});

test('an n8n restart registers no webhook again, and the signed calls still run', async () => {
	const workflow = await world.editor.rest('POST', '/rest/workflows', triggerWorkflow('Restarted', ['delivery.in_transit']));
	await activate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 1, 'the webhook registered');
	const [registered] = world.sandbox.webhooks();
	const posts = () => world.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/api/webhooks').length;
	const checks = () => world.sandbox.requests.filter((request) => request.path === `/api/webhooks/${registered.id}`).length;
	const postsBefore = posts();
	const checksBefore = checks();
	await world.editor.restart();
	if (N8N_LINE === '1') {
		// n8n 1.x activates every active workflow again at start: checkExists finds the webhook with a GET.
		await waitFor(() => checks() > checksBefore, 'n8n to check its webhook after the restart');
	}
	// n8n 2.x keeps a published workflow's webhooks across restarts without calling the node at all.
	await new Promise((resolve) => setTimeout(resolve, 1000));
	assert.equal(posts(), postsBefore, 'no webhook registered again');
	assert.deepEqual(world.sandbox.webhooks().map((webhook) => webhook.id), [registered.id]);
	// The secret kept in the workflow's static data survived the restart: CoopCycle's signed call runs.
	await world.sandbox.fireWebhooks(3, 'delivery.in_transit');
	assert.equal(world.sandbox.webhookCalls.at(-1).status, 200);
	const [execution] = await waitForExecutions(workflow.id, 1);
	assert.equal(execution.items[0].event, 'delivery.in_transit');
	await deactivate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 0, 'the webhook deleted');
});

test('test mode ("Listen for test event"): registers at the test address, forged calls keep it listening, the first signed call runs and cleans up', async () => {
	const workflow = await world.editor.rest('POST', '/rest/workflows', triggerWorkflow('Test mode', ['delivery.completed']));
	const saved = await world.editor.rest('GET', `/rest/workflows/${workflow.id}`);
	// n8n 2.x reads the saved workflow and `triggerToStartFrom`; n8n 1.x reads `workflowData`.
	const answer = await world.editor.rest('POST', `/rest/workflows/${workflow.id}/run`, {
		workflowData: saved,
		triggerToStartFrom: { name: 'CoopCycle Trigger' },
	});
	assert.equal(answer.waitingForWebhook, true);
	const testUrl = `http://127.0.0.1:${PORT}/webhook-test/${WEBHOOK_ID}/webhook`;
	await waitFor(() => world.sandbox.webhooks().length === 1, 'the test webhook registered');
	assert.equal(world.sandbox.webhooks()[0].url, testUrl);
	const forged = await world.sandbox.forgeWebhookCall(testUrl, { object: '/api/deliveries/1', event: 'delivery.completed', signature: 'forged' });
	assert.equal(forged.status, 401);
	assert.equal(world.sandbox.webhooks().length, 1, 'still listening after a forged call');
	const calls = world.sandbox.webhookCalls.length;
	await world.sandbox.fireWebhooks(1, 'delivery.completed');
	assert.equal(world.sandbox.webhookCalls.at(-1).status, 200);
	assert.equal(world.sandbox.webhookCalls.length, calls + 1);
	await waitFor(() => world.sandbox.webhooks().length === 0, 'the test webhook deleted after the test event');
	const [execution] = await waitForExecutions(workflow.id, 1);
	assert.equal(execution.status, 'success');
	assert.equal(execution.items[0].event, 'delivery.completed');
	assert.equal(execution.items[0].delivery.id, 1);
});

test('activation fails with a clear message when the credential lacks the "deliveries" scope', async () => {
	const credential = coopCycleSandboxCredential(world.sandbox.url);
	const tasksOnly = await world.editor.saveCredential({
		name: 'CoopCycle tasks only',
		type: credential.type,
		data: { ...credential.data, scope: 'tasks' },
	});
	const definition = triggerWorkflow('No deliveries scope', ['delivery.completed']);
	definition.nodes[0].credentials.coopCycleOAuth2Api = { id: tasksOnly, name: 'CoopCycle tasks only' };
	definition.nodes[0].webhookId = '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00010';
	const workflow = await world.editor.rest('POST', '/rest/workflows', definition);
	assert.match(await activationErrorOf(workflow), /The trigger needs the "deliveries" scope to fetch the deliveries/);
	assert.deepEqual(world.sandbox.webhooks(), []);
});

/** An example workflow as a user imports it, with their CoopCycle credential chosen in its CoopCycle nodes. */
async function importExample(file) {
	const example = loadExample('coopcycle', file);
	for (const exampleNode of example.nodes) {
		if (exampleNode.credentials?.coopCycleOAuth2Api) {
			exampleNode.credentials.coopCycleOAuth2Api = { id: world.credentialId, name: 'CoopCycle sandbox' };
		}
	}
	const { id: _id, ...definition } = example;
	return world.editor.rest('POST', '/rest/workflows', definition);
}

test('example: delivery completed → message the customer', async () => {
	const workflow = await importExample('coopcycle-delivery-completed-message.json');
	await activate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 1, 'the example’s webhook registered');
	await world.sandbox.fireWebhooks(2, 'delivery.completed');
	const [execution] = await waitForExecutions(workflow.id, 1);
	assert.equal(execution.status, 'success');
	assert.deepEqual(execution.outputs['Message for the customer'], [
		{
			deliveryId: 2,
			to: null,
			text: 'Hello, your parcel has just been delivered to 2 Rue de la Paix, 75002 Paris. Thank you for your order!',
		},
	]);
	assert.equal(execution.outputs['Send it (replace with your SMS or e-mail node)'].length, 1);
	await deactivate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 0, 'the example’s webhook deleted');
});

test('example: new and cancelled deliveries, by polling', async () => {
	const workflow = await importExample('coopcycle-new-and-cancelled-deliveries.json');
	await runFrom(workflow, 'Run now');
	const [execution] = await waitForExecutions(workflow.id, 1);
	assert.equal(execution.status, 'success');
	const changes = execution.outputs['Created or cancelled since last run'];
	// It reads only the deliveries due from two days ago (never the older history).
	const lists = world.sandbox.requests.filter((request) => request.path === '/api/stores/1/deliveries');
	assert.ok(lists.length > 0);
	for (const list of lists) assert.ok(list.query['dropoff.before[after]'] || list.query['dropoff.before[strictly_after]']);
	// A manual run keeps no static data: every delivery of the sandbox (3 seeded) is new, latest due first.
	assert.deepEqual(
		changes.map(({ change, delivery }) => [change, delivery.id]),
		[
			['created', 3],
			['created', 2],
			['created', 1],
		],
	);
});


test('the sandbox’s courier (npm start, its /sandbox page): Drop off next delivery sends each step’s webhook, signed', async () => {
	const events = ['delivery.assigned', 'delivery.started', 'delivery.picked', 'delivery.in_transit', 'delivery.completed'];
	const workflow = await world.editor.rest('POST', '/rest/workflows', triggerWorkflow('Courier', events, {}));
	await activate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === events.length, 'the webhooks registered');
	world.sandbox.seed(1);
	const newest = world.sandbox.deliveries().at(-1).id;
	// The page's button, as a script sends it (pages.mjs): the newest delivery, from assigned to dropped off.
	const answer = await fetch(`${world.sandbox.url}/sandbox/courier/dropoff`, { method: 'POST' });
	assert.deepEqual(await answer.json(), {
		delivery: newest,
		steps: ['assigned', 'pickup started', 'picked up', 'dropoff started', 'dropped off'],
		message: `Delivery #${newest}: assigned, pickup started, picked up, dropoff started, dropped off.`,
	});
	const executions = await waitForExecutions(workflow.id, events.length);
	assert.deepEqual(executions.map((execution) => execution.items[0].event).sort(), [...events].sort());
	assert.ok(executions.every((execution) => execution.status === 'success' && execution.items[0].deliveryId === newest));
	// Its tracking link opens a page with the tasks done.
	const [delivery] = world.sandbox.deliveries().filter((candidate) => candidate.id === newest);
	const page = await fetch(delivery.trackingUrl);
	assert.match(page.headers.get('content-type'), /^text\/html/);
	assert.equal(((await page.text()).match(/class="status DONE"/g) ?? []).length, 2);
	await deactivate(workflow);
	await waitFor(() => world.sandbox.webhooks().length === 0, 'the webhooks deleted');
});
