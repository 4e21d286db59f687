// End-to-end: the CoopCycle Trigger among the other webhooks of a store, in a real `n8n start` against the
// CoopCycle sandbox, which calls a store's webhooks as coopcycle-web does (src/MessageHandler/WebhookHandler.php:
// one after the other, stopping at the first answer that is not 2xx; config/packages/messenger.yaml: the whole
// event handled again 3 times). A credential moved to another API app of the store, an event handled again, and
// Order Created with a restaurant's API app. Run `npm run build` first; `npm test` does (on both n8n lines).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	OTHER_STORE_APP,
	PORT,
	RESTAURANT_APP,
	STORE_APP,
	activate,
	activationErrorOf,
	credentialData,
	credentialOf,
	deactivate,
	deletionRefused,
	moveCredential,
	ownTriggerWorkflow,
	started,
	summary,
	useTriggerEditor,
	waitFor,
	waitForExecutions,
	webhooksAt,
	world,
} from './triggerHarness.mjs';

useTriggerEditor();

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
	const calls = await world.sandbox.fireWebhooks(2, 'delivery.completed');
	const executions = await waitForExecutions(workflow.id, started(calls));
	await deactivate(workflow);
	await waitFor(() => webhooksAt(url).length === 1, 'the current webhook deleted');
	// The webhook of the other API app is still on CoopCycle: the cooperative would delete it (see the README).
	world.sandbox.removeWebhook(old.id);
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
	const token = await fetch(`${world.sandbox.url}/oauth2/token`, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${OTHER_STORE_APP.clientId}:${OTHER_STORE_APP.clientSecret}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials&scope=deliveries',
	}).then((response) => response.json());
	const failing = await fetch(`${world.sandbox.url}/api/webhooks`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/ld+json' },
		body: JSON.stringify({
			url: `http://127.0.0.1:${PORT}/webhook/no-such-workflow/webhook`,
			event: 'delivery.completed',
		}),
	}).then((response) => response.json());
	const failingId = Number(failing['@id'].split('/').pop());
	const calls = await world.sandbox.fireWebhooks(3, 'delivery.completed');
	world.sandbox.removeWebhook(failingId);
	// Four handlings of the event, each stopped by the failing webhook; ours was answered 200 each time.
	assert.deepEqual(
		summary(calls),
		[0, 1, 2, 3].flatMap((attempt) => [
			[ours.id, 200, attempt],
			[failingId, 404, attempt],
		]),
	);
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
	assert.deepEqual(await world.editor.testCredential({ name: 'Bistro (tested)', type: 'coopCycleOAuth2Api', data }), {
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
	const { iri, calls } = world.sandbox.placeOrder(1);
	assert.deepEqual(summary(await calls), [[webhooksAt(url)[0].id, 200, 0]]);
	const [execution] = await waitForExecutions(workflow.id, 1);
	assert.equal(execution.status, 'success');
	const [item] = execution.items;
	assert.deepEqual([item.event, item['@id']], ['order.created', iri]);
	assert.equal(item.orderId, Number(iri.split('/').pop()));
	// Simplified as Order → Get gives it: flat.
	assert.equal(item.order.state, 'new');
	assert.equal(item.order.restaurant, 'Sandbox Bistro');
	assert.equal(item.order['@context'], undefined);
	await deactivate(workflow);
	await waitFor(() => webhooksAt(url).length === 0, 'the webhook deleted');

	const { workflow: storeWorkflow, url: storeUrl } = await ownTriggerWorkflow(
		'Orders with a store app',
		['order.created'],
		{
			webhookId: '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00015',
			parameters: { fetchResource: false },
		},
	);
	assert.match(await activationErrorOf(storeWorkflow), /CoopCycle sends Order Created only to a restaurant.s API app/);
	assert.deepEqual(webhooksAt(storeUrl), []);
});
