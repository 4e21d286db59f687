// End-to-end: the CoopCycle Trigger in a real `n8n start`, against the CoopCycle sandbox. n8n registers the
// webhooks on activation, the sandbox calls them as CoopCycle does (signed with each webhook's secret, retried on
// a non-2xx answer), forged calls are sent too, and the executions are read back through n8n's REST API.
// Run `npm run build` first; `npm test` does (on both n8n lines).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { coopCycleSandboxCredential, SANDBOX_CLIENT, startCoopCycleSandbox } from '../sandbox/index.mjs';
import { startEditor } from '../../../shared/test/e2e/editor.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { loadExample } from '../../../shared/test/e2e/workflows.mjs';
import { N8N_LINE, ensureN8n } from '../../../shared/test/e2e/n8n.mjs';

const PORT = 5790 + Math.floor(Math.random() * 100);
const WEBHOOK_ID = '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00009';

let sandbox;
let editor;
let parse;
let credentialId;

// The API apps of the sandbox, in the order the cooperative's administrator created them: two of the same store
// (a credential may move from one to the other), and a restaurant's.
const STORE_APP = { ...SANDBOX_CLIENT, scopes: ['deliveries', 'tasks'], store: 1 };
const OTHER_STORE_APP = { clientId: 'sandbox-shop-2', clientSecret: 'sandbox-shop-2-secret', scopes: ['deliveries', 'tasks'], store: 1 };
const RESTAURANT_APP = { clientId: 'sandbox-bistro', clientSecret: 'sandbox-bistro-secret', scopes: ['orders'], shop: 1 };

/** A workflow whose only node is the trigger, listening to `events`. */
const triggerWorkflow = (name, events, extra = {}) => ({
	name,
	nodes: [
		{
			id: 'coopcycle-trigger',
			name: 'CoopCycle Trigger',
			type: nodeType('coopcycle', 'coopCycleTrigger'),
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { events, ...extra },
			credentials: { coopCycleOAuth2Api: { id: credentialId, name: 'CoopCycle sandbox' } },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	active: false,
});

/**
 * n8n 2.x publishes (and unpublishes) a workflow through an outbox, after the REST call answers: this waits until
 * it is done, so that the trigger's secrets are saved before CoopCycle calls. n8n 1.x answers once it is done.
 */
async function publicationDone(workflow) {
	if (N8N_LINE === '1') return;
	for (let attempt = 0; attempt < 200; attempt++) {
		const { status } = await editor.rest('GET', `/rest/workflows/${workflow.id}/publication-status`);
		if (status !== 'in_progress') return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	assert.fail('the publication did not end');
}

async function activate(workflow) {
	await editor.rest('POST', `/rest/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	await publicationDone(workflow);
}

async function deactivate(workflow) {
	await editor.rest('POST', `/rest/workflows/${workflow.id}/deactivate`, {});
	await publicationDone(workflow);
}

/** The executions of a workflow, oldest first, each with the trigger's output items and every node's (`outputs`). */
async function executionsOf(workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { results } = await editor.rest('GET', `/rest/executions?filter=${filter}`);
	const executions = [];
	for (const summary of [...results].reverse()) {
		const execution = await editor.rest('GET', `/rest/executions/${summary.id}`);
		// An execution that has not started yet has no data.
		const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
		const outputs = Object.fromEntries(
			Object.entries(data?.resultData?.runData ?? {}).map(([name, runs]) => [
				name,
				runs[0]?.data?.main?.[0]?.map((item) => item.json) ?? [],
			]),
		);
		executions.push({ status: execution.status, items: outputs['CoopCycle Trigger'] ?? [], outputs });
	}
	return executions;
}

/** Waits until the workflow has `count` finished executions (n8n runs them after answering CoopCycle). */
async function waitForExecutions(workflowId, count) {
	for (let attempt = 0; attempt < 120; attempt++) {
		const executions = await executionsOf(workflowId);
		if (executions.length >= count && executions.every((execution) => execution.status !== 'running' && execution.status !== 'new')) {
			return executions;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return executionsOf(workflowId);
}

/**
 * Waits for `condition`: n8n 2.x publishes a workflow through an outbox, so its webhooks are registered (and
 * deleted) shortly after the REST call answers; n8n 1.x does it before answering.
 */
async function waitFor(condition, what) {
	for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
	assert.ok(condition(), `timed out waiting for ${what}`);
}

/**
 * Activates a workflow that cannot be: the message n8n shows. n8n 1.x refuses the REST call with it; n8n 2.x
 * accepts the call, then reports the trigger's failure in the workflow's publication status.
 */
async function activationErrorOf(workflow) {
	const refused = await activate(workflow).then(
		() => undefined,
		(error) => error.answer?.message ?? error.message,
	);
	if (refused) return refused;
	let status;
	for (let attempt = 0; attempt < 200; attempt++) {
		status = await editor.rest('GET', `/rest/workflows/${workflow.id}/publication-status`);
		if (status.status !== 'in_progress') break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	assert.equal(status.status, 'failed');
	return status.triggers.map((trigger) => trigger.errorMessage).join('\n');
}

/** An access token of the sandbox's shop, to act on deliveries as a courier's app would. */
async function shopToken() {
	const { clientId, clientSecret } = coopCycleSandboxCredential(sandbox.url).data;
	const response = await fetch(`${sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials&scope=deliveries',
	});
	return (await response.json()).access_token;
}

/** The data of a credential of one of the sandbox's API apps. */
const credentialData = (app, scope = app.scopes.join(' ')) => ({
	...coopCycleSandboxCredential(sandbox.url).data,
	clientId: app.clientId,
	clientSecret: app.clientSecret,
	scope,
});

/** A saved credential of `app`: `{ id, name }`, as a node names it. */
async function credentialOf(app, name) {
	const id = await editor.saveCredential({ name, type: 'coopCycleOAuth2Api', data: credentialData(app) });
	return { id, name };
}

/** The user edits a credential to the client ID and secret of another API app (the workflow stays as it is). */
const moveCredential = (credential, app) =>
	editor.rest('PATCH', `/rest/credentials/${credential.id}`, {
		name: credential.name,
		type: 'coopCycleOAuth2Api',
		data: credentialData(app),
	});

/** A trigger workflow of its own: its own n8n address (webhookId) and credential. */
async function ownTriggerWorkflow(name, events, { webhookId, credential, parameters = {} }) {
	const definition = triggerWorkflow(name, events, parameters);
	definition.nodes[0].webhookId = webhookId;
	if (credential) definition.nodes[0].credentials.coopCycleOAuth2Api = credential;
	const workflow = await editor.rest('POST', '/rest/workflows', definition);
	return { workflow, url: `http://127.0.0.1:${PORT}/webhook/${webhookId}/webhook` };
}

/** The sandbox's webhooks that call `url`, oldest first. */
const webhooksAt = (url) => sandbox.webhooks().filter((webhook) => webhook.url === url);

/** The calls of one event, as [webhook, status, attempt]. */
const summary = (calls) => calls.map(({ webhook, status, attempt }) => [webhook, status, attempt]);

/**
 * How many of these calls n8n answered by starting an execution: every 2xx but the node's acknowledgement of a
 * call that starts nothing (n8n then answers {"message":"Workflow was started"}, 2.40 the text "firstEntryJson").
 */
const started = (calls) =>
	calls.filter((call) => call.status >= 200 && call.status < 300 && !call.text?.includes('"started":false')).length;

/** Whether CoopCycle refused to delete this webhook (403: it belongs to another API app). */
const deletionRefused = (id) =>
	sandbox.requests.some((request) => request.method === 'DELETE' && request.path === `/api/webhooks/${id}` && request.status === 403);

before(async () => {
	const runtime = ensureN8n();
	parse = createRequire(join(runtime.dir, 'node_modules', 'n8n', 'package.json'))('flatted').parse;
	// Retries 50 ms apart instead of CoopCycle's 1 s: the same sequence, sooner.
	sandbox = await startCoopCycleSandbox({
		seedDeliveries: 3,
		webhookRetryDelayMs: 50,
		clients: [STORE_APP, OTHER_STORE_APP, RESTAURANT_APP],
	});
	// n8n's public address: n8n 2.x reads N8N_WEBHOOK_URL (WEBHOOK_URL is deprecated there), n8n 1.x WEBHOOK_URL.
	const publicAddress = N8N_LINE === '1' ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL';
	editor = await startEditor({ packages: ['coopcycle'], port: PORT, extraEnv: { [publicAddress]: `http://127.0.0.1:${PORT}/` } });
	const credential = coopCycleSandboxCredential(sandbox.url);
	credentialId = await editor.saveCredential({ name: 'CoopCycle sandbox', type: credential.type, data: credential.data });
});

after(async () => {
	await editor?.stop();
	await sandbox?.close();
});

test('activation registers one webhook per event; signed calls start executions, forged ones do not; deactivation leaves none', async () => {
	const workflow = await editor.rest('POST', '/rest/workflows', triggerWorkflow('Deliveries', ['delivery.picked', 'delivery.completed']));
	await activate(workflow);
	await waitFor(() => sandbox.webhooks().length === 2, 'the webhooks registered');
	const url = `http://127.0.0.1:${PORT}/webhook/${WEBHOOK_ID}/webhook`;
	assert.deepEqual(
		sandbox.webhooks().map(({ url: calls, event }) => ({ url: calls, event })).sort((a, b) => a.event.localeCompare(b.event)),
		[
			{ url, event: 'delivery.completed' },
			{ url, event: 'delivery.picked' },
		],
	);

	// A courier picks up delivery 1: CoopCycle sends delivery.picked (src/MessageHandler/Task/TriggerWebhook.php).
	const token = await shopToken();
	const pick = await fetch(`${sandbox.url}/api/deliveries/1/pick`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/ld+json', accept: 'application/ld+json' },
		body: '{}',
	});
	assert.equal(pick.status, 200);
	await new Promise((resolve) => setTimeout(resolve, 50));
	await sandbox.webhooksSettled();
	// delivery.completed for delivery 2, and delivery.failed, which the workflow did not subscribe to: not sent.
	await sandbox.fireWebhooks(2, 'delivery.completed');
	await sandbox.fireWebhooks(3, 'delivery.failed');

	// Forged calls: no signature, a made-up one, the signature of a webhook's secret over another body.
	const secret = sandbox.webhooks().find((webhook) => webhook.event === 'delivery.completed').secret;
	const forged = [
		{ object: '/api/deliveries/3', event: 'delivery.completed', signature: undefined },
		{ object: '/api/deliveries/3', event: 'delivery.completed', signature: 'S9LMKpq4VBDEGm5umbQx/q4SQMnpX/Wz/719dBBZ3rI=' },
		{
			object: '/api/deliveries/3',
			event: 'delivery.completed',
			signature: sandbox.signature('{"data":{"object":"/api/deliveries/3","event":"delivery.completed"}}', secret),
		},
	];
	for (const call of forged) {
		const answer = await sandbox.forgeWebhookCall(url, call);
		assert.equal(answer.status, 401, `forged call ${JSON.stringify(call)}: ${answer.text}`);
	}

	// CoopCycle's calls were answered 2xx the first time: no retry.
	assert.deepEqual(
		sandbox.webhookCalls.map(({ event, status, attempt }) => ({ event, status, attempt })),
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
	const completed = sandbox.webhooks().find((webhook) => webhook.event === 'delivery.completed');
	const realSecret = completed.secret;
	completed.secret = Buffer.alloc(32, 1).toString('base64');
	const callsBefore = sandbox.webhookCalls.length;
	await sandbox.fireWebhooks(3, 'delivery.completed');
	completed.secret = realSecret;
	assert.deepEqual(
		sandbox.webhookCalls.slice(callsBefore).map(({ status, attempt }) => [status, attempt]),
		[
			[401, 0],
			[401, 1],
			[401, 2],
			[401, 3],
		],
	);
	assert.equal((await executionsOf(workflow.id)).length, 2);

	await deactivate(workflow);
	await waitFor(() => sandbox.webhooks().length === 0, 'the webhooks deleted');
	assert.deepEqual(sandbox.webhooks(), [], 'deactivation deleted every webhook');
	// The old address no longer starts anything (n8n answers 404 for an unknown webhook).
	const late = await sandbox.fireWebhooks(2, 'delivery.completed');
	assert.equal(late.length, 0);
});

test('re-activation after a webhook was deleted on CoopCycle’s side: nothing leaks, nothing is duplicated', async () => {
	const workflow = await editor.rest('POST', '/rest/workflows', triggerWorkflow('Re-activated', ['delivery.picked', 'delivery.failed']));
	await activate(workflow);
	await waitFor(() => sandbox.webhooks().length === 2, 'the webhooks registered');
	sandbox.removeWebhook(sandbox.webhooks()[0].id);
	await deactivate(workflow);
	await waitFor(() => sandbox.webhooks().length === 0, 'the webhooks deleted');
	await activate(workflow);
	await waitFor(() => sandbox.webhooks().length === 2, 'the webhooks registered again');
	await new Promise((resolve) => setTimeout(resolve, 500));
	assert.deepEqual(sandbox.webhooks().map((webhook) => webhook.event).sort(), ['delivery.failed', 'delivery.picked']);
	await deactivate(workflow);
	await waitFor(() => sandbox.webhooks().length === 0, 'the webhooks deleted');
});

test('an n8n restart registers no webhook again, and the signed calls still run', async () => {
	const workflow = await editor.rest('POST', '/rest/workflows', triggerWorkflow('Restarted', ['delivery.in_transit']));
	await activate(workflow);
	await waitFor(() => sandbox.webhooks().length === 1, 'the webhook registered');
	const [registered] = sandbox.webhooks();
	const posts = () => sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/api/webhooks').length;
	const checks = () => sandbox.requests.filter((request) => request.path === `/api/webhooks/${registered.id}`).length;
	const postsBefore = posts();
	const checksBefore = checks();
	await editor.restart();
	if (N8N_LINE === '1') {
		// n8n 1.x activates every active workflow again at start: checkExists finds the webhook with a GET.
		await waitFor(() => checks() > checksBefore, 'n8n to check its webhook after the restart');
	}
	// n8n 2.x keeps a published workflow's webhooks across restarts without calling the node at all.
	await new Promise((resolve) => setTimeout(resolve, 1000));
	assert.equal(posts(), postsBefore, 'no webhook registered again');
	assert.deepEqual(sandbox.webhooks().map((webhook) => webhook.id), [registered.id]);
	// The secret kept in the workflow's static data survived the restart: CoopCycle's signed call runs.
	await sandbox.fireWebhooks(3, 'delivery.in_transit');
	assert.equal(sandbox.webhookCalls.at(-1).status, 200);
	const [execution] = await waitForExecutions(workflow.id, 1);
	assert.equal(execution.items[0].event, 'delivery.in_transit');
	await deactivate(workflow);
	await waitFor(() => sandbox.webhooks().length === 0, 'the webhook deleted');
});

test('test mode ("Listen for test event"): registers at the test address, forged calls keep it listening, the first signed call runs and cleans up', async () => {
	const workflow = await editor.rest('POST', '/rest/workflows', triggerWorkflow('Test mode', ['delivery.completed']));
	const saved = await editor.rest('GET', `/rest/workflows/${workflow.id}`);
	// n8n 2.x reads the saved workflow and `triggerToStartFrom`; n8n 1.x reads `workflowData`.
	const answer = await editor.rest('POST', `/rest/workflows/${workflow.id}/run`, {
		workflowData: saved,
		triggerToStartFrom: { name: 'CoopCycle Trigger' },
	});
	assert.equal(answer.waitingForWebhook, true);
	const testUrl = `http://127.0.0.1:${PORT}/webhook-test/${WEBHOOK_ID}/webhook`;
	await waitFor(() => sandbox.webhooks().length === 1, 'the test webhook registered');
	assert.equal(sandbox.webhooks()[0].url, testUrl);
	const forged = await sandbox.forgeWebhookCall(testUrl, { object: '/api/deliveries/1', event: 'delivery.completed', signature: 'forged' });
	assert.equal(forged.status, 401);
	assert.equal(sandbox.webhooks().length, 1, 'still listening after a forged call');
	const calls = sandbox.webhookCalls.length;
	await sandbox.fireWebhooks(1, 'delivery.completed');
	assert.equal(sandbox.webhookCalls.at(-1).status, 200);
	assert.equal(sandbox.webhookCalls.length, calls + 1);
	await waitFor(() => sandbox.webhooks().length === 0, 'the test webhook deleted after the test event');
	const [execution] = await waitForExecutions(workflow.id, 1);
	assert.equal(execution.status, 'success');
	assert.equal(execution.items[0].event, 'delivery.completed');
	assert.equal(execution.items[0].delivery.id, 1);
});

test('activation fails with a clear message when the credential lacks the "deliveries" scope', async () => {
	const credential = coopCycleSandboxCredential(sandbox.url);
	const tasksOnly = await editor.saveCredential({
		name: 'CoopCycle tasks only',
		type: credential.type,
		data: { ...credential.data, scope: 'tasks' },
	});
	const definition = triggerWorkflow('No deliveries scope', ['delivery.completed']);
	definition.nodes[0].credentials.coopCycleOAuth2Api = { id: tasksOnly, name: 'CoopCycle tasks only' };
	definition.nodes[0].webhookId = '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00010';
	const workflow = await editor.rest('POST', '/rest/workflows', definition);
	assert.match(await activationErrorOf(workflow), /The trigger needs the "deliveries" scope to fetch the deliveries/);
	assert.deepEqual(sandbox.webhooks(), []);
});

/**
 * coopcycle-web src/MessageHandler/WebhookHandler.php calls the webhooks of the store's API apps one after the other
 * (apps in the order they were created) and stops at the first answer that is not 2xx; Messenger handles the whole
 * event again 3 times (config/packages/messenger.yaml). A webhook n8n could not delete after the credential moved
 * to another API app (403) used to be answered 401: the event never reached the webhooks after it, and reached those
 * before it 4 times. Repeats are not ignored here (0), to show that answer alone.
 */
async function moveAndFire({ name, webhookId, from, to }) {
	const credential = await credentialOf(from, `${name} credential`);
	const { workflow, url } = await ownTriggerWorkflow(name, ['delivery.completed'], {
		webhookId,
		credential,
		parameters: { fetchResource: false, ignoreRepeatsSeconds: 0 },
	});
	await activate(workflow);
	await waitFor(() => webhooksAt(url).length === 1, 'the webhook registered');
	const [old] = webhooksAt(url);
	// The user gives the credential another API app's client ID and secret, then publishes the workflow again.
	await moveCredential(credential, to);
	await deactivate(workflow);
	await waitFor(() => deletionRefused(old.id), 'n8n to try to delete the webhook of the other API app');
	await activate(workflow);
	await waitFor(() => webhooksAt(url).length === 2, 'the new webhook registered');
	const [, current] = webhooksAt(url);
	const calls = await sandbox.fireWebhooks(2, 'delivery.completed');
	const executions = await waitForExecutions(workflow.id, started(calls));
	await deactivate(workflow);
	await waitFor(() => webhooksAt(url).length === 1, 'the current webhook deleted');
	// The webhook of the other API app is still on CoopCycle: the cooperative would delete it (see the README).
	sandbox.removeWebhook(old.id);
	return { old, current, calls, executions };
}

test('the credential moved to a later API app of the same store: the old webhook is answered 200, the event arrives once (it used to arrive never)', async () => {
	const { old, current, calls, executions } = await moveAndFire({
		name: 'Moved to a later app',
		webhookId: '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00011',
		from: STORE_APP,
		to: OTHER_STORE_APP,
	});
	// The old API app comes first: its webhook is acknowledged, and CoopCycle goes on to the current one.
	assert.deepEqual(summary(calls), [
		[old.id, 200, 0],
		[current.id, 200, 0],
	]);
	assert.equal(started(calls), 1);
	assert.equal(executions.length, 1);
	assert.equal(executions[0].items[0].deliveryId, 2);
});

test('the credential moved back to an earlier API app: the event arrives once (it used to arrive 4 times)', async () => {
	const { old, current, calls, executions } = await moveAndFire({
		name: 'Moved to an earlier app',
		webhookId: '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00012',
		from: OTHER_STORE_APP,
		to: STORE_APP,
	});
	// The current webhook (earlier API app) comes first, then the old one: both 200, so nothing is handled again.
	assert.deepEqual(summary(calls), [
		[current.id, 200, 0],
		[old.id, 200, 0],
	]);
	assert.equal(started(calls), 1);
	assert.equal(executions.length, 1);
});

test('an event CoopCycle handles again (a later webhook of the store failed) starts the workflow once', async () => {
	const { workflow, url } = await ownTriggerWorkflow('Repeated event', ['delivery.completed'], {
		webhookId: '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00013',
		parameters: { fetchResource: false },
	});
	await activate(workflow);
	await waitFor(() => webhooksAt(url).length === 1, 'the webhook registered');
	const [ours] = webhooksAt(url);
	// Another API app of the store has a webhook whose address n8n does not know (404).
	const token = await fetch(`${sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${OTHER_STORE_APP.clientId}:${OTHER_STORE_APP.clientSecret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials&scope=deliveries',
	}).then((response) => response.json());
	const failing = await fetch(`${sandbox.url}/api/webhooks`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/ld+json' },
		body: JSON.stringify({ url: `http://127.0.0.1:${PORT}/webhook/no-such-workflow/webhook`, event: 'delivery.completed' }),
	}).then((response) => response.json());
	const failingId = Number(failing['@id'].split('/').pop());
	const calls = await sandbox.fireWebhooks(3, 'delivery.completed');
	sandbox.removeWebhook(failingId);
	// Four handlings of the event, each stopped by the failing webhook; ours was answered 200 each time.
	assert.deepEqual(summary(calls), [0, 1, 2, 3].flatMap((attempt) => [[ours.id, 200, attempt], [failingId, 404, attempt]]));
	assert.equal(started(calls), 1, 'the repeats started nothing');
	const executions = await waitForExecutions(workflow.id, 1);
	assert.equal(executions.length, 1);
	await deactivate(workflow);
	await waitFor(() => webhooksAt(url).length === 0, 'the webhook deleted');
});

/**
 * Order Created: coopcycle-web src/MessageHandler/WebhookHandler.php l.60-62 sends order.created to the API apps
 * whose shop is the order's restaurant (a restaurant's API app: scope "orders", src/Form/ApiAppType.php), and
 * src/Security/OrderActionsVoter.php lets it read the order.
 */
test('Order Created: a restaurant’s API app passes the credential test, registers, and gets each order; a store’s app is refused at activation', async () => {
	const data = credentialData(RESTAURANT_APP);
	assert.deepEqual(await editor.testCredential({ name: 'Bistro (tested)', type: 'coopCycleOAuth2Api', data }), {
		status: 'OK',
		message: 'Connection successful!',
	});
	const credential = await credentialOf(RESTAURANT_APP, 'Bistro');
	const { workflow, url } = await ownTriggerWorkflow('Orders', ['order.created'], {
		webhookId: '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00014',
		credential,
	});
	await activate(workflow);
	await waitFor(() => webhooksAt(url).length === 1, 'the webhook registered');
	const { iri, calls } = sandbox.placeOrder(1);
	assert.deepEqual(summary(await calls), [[webhooksAt(url)[0].id, 200, 0]]);
	const [execution] = await waitForExecutions(workflow.id, 1);
	assert.equal(execution.status, 'success');
	const [item] = execution.items;
	assert.deepEqual([item.event, item['@id']], ['order.created', iri]);
	assert.equal(item.orderId, Number(iri.split('/').pop()));
	assert.equal(item.order.state, 'new');
	assert.equal(item.order.restaurant.name, 'Sandbox Bistro');
	assert.equal(item.order['@context'], undefined);
	await deactivate(workflow);
	await waitFor(() => webhooksAt(url).length === 0, 'the webhook deleted');

	const { workflow: storeWorkflow, url: storeUrl } = await ownTriggerWorkflow('Orders with a store app', ['order.created'], {
		webhookId: '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00015',
		parameters: { fetchResource: false },
	});
	assert.match(await activationErrorOf(storeWorkflow), /CoopCycle sends Order Created only to a restaurant.s API app/);
	assert.deepEqual(webhooksAt(storeUrl), []);
});

/** An example workflow as a user imports it, with their CoopCycle credential chosen in its CoopCycle nodes. */
async function importExample(file) {
	const example = loadExample('coopcycle', file);
	for (const exampleNode of example.nodes) {
		if (exampleNode.credentials?.coopCycleOAuth2Api) {
			exampleNode.credentials.coopCycleOAuth2Api = { id: credentialId, name: 'CoopCycle sandbox' };
		}
	}
	const { id: _id, ...definition } = example;
	return editor.rest('POST', '/rest/workflows', definition);
}

test('example: delivery completed → message the customer', async () => {
	const workflow = await importExample('coopcycle-delivery-completed-message.json');
	await activate(workflow);
	await waitFor(() => sandbox.webhooks().length === 1, 'the example’s webhook registered');
	await sandbox.fireWebhooks(2, 'delivery.completed');
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
	await waitFor(() => sandbox.webhooks().length === 0, 'the example’s webhook deleted');
});

test('example: new and cancelled deliveries, by polling', async () => {
	const workflow = await importExample('coopcycle-new-and-cancelled-deliveries.json');
	const saved = await editor.rest('GET', `/rest/workflows/${workflow.id}`);
	await editor.rest('POST', `/rest/workflows/${workflow.id}/run`, {
		workflowData: saved,
		triggerToStartFrom: { name: 'Run now' },
	});
	const [execution] = await waitForExecutions(workflow.id, 1);
	assert.equal(execution.status, 'success');
	const changes = execution.outputs['Created or cancelled since last run'];
	// It reads only the deliveries due from two days ago (never the older history).
	const lists = sandbox.requests.filter((request) => request.path === '/api/stores/1/deliveries');
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
