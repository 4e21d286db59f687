// End-to-end: a restaurant's orders in a real `n8n start`, against the CoopCycle sandbox (test/sandbox/orders.mjs,
// which models coopcycle-web's order routes). The restaurant example (new order → accept → message) runs as a
// user imports it, Order Created fetching the order and Order → Accept in the same workflow; Order → Get Many
// with an API app granted "orders:all". Run `npm run build` first; `npm test` does (on both n8n lines).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadExample, node, workflow } from '../../../shared/test/e2e/workflows.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import {
	COOPERATIVE_APP,
	RESTAURANT_APP,
	activate,
	credentialOf,
	deactivate,
	executionsOf,
	runFrom,
	useTriggerEditor,
	waitFor,
	waitForExecutions,
	world,
} from './triggerHarness.mjs';

useTriggerEditor();

/** The restaurant example, as a user imports it, with their restaurant's credential in its CoopCycle nodes. */
async function importRestaurantExample() {
	const credential = await credentialOf(RESTAURANT_APP, 'Bistro');
	const example = loadExample('coopcycle', 'coopcycle-new-order-accept-message.json');
	for (const exampleNode of example.nodes) {
		if (exampleNode.credentials?.coopCycleOAuth2Api) exampleNode.credentials.coopCycleOAuth2Api = credential;
	}
	const { id: _id, ...definition } = example;
	return world.editor.rest('POST', '/rest/workflows', definition);
}

const orderIdOf = (iri) => Number(iri.split('/').pop());

/**
 * coopcycle-web: src/MessageHandler/Order/TriggerWebhook.php (order.created to the restaurant's API apps),
 * src/Security/OrderActionsVoter.php (its app may view and accept its orders), src/MessageHandler/Order/UpdateState.php
 * (accepting an order that is not new changes nothing but e-mails the customer again, SendEmail.php).
 */
test('example: new order → accept → message; an order already accepted or refused is not accepted again', async () => {
	const example = await importRestaurantExample();
	assert.equal(example.settings.timezone, 'Europe/Paris');
	await activate(example);
	await waitFor(
		() => world.sandbox.webhooks().some((webhook) => webhook.event === 'order.created'),
		'the webhook registered',
	);

	// A customer orders: the workflow fetches the order, accepts it and writes the message.
	const first = world.sandbox.placeOrder(1);
	await first.calls;
	const [execution] = await waitForExecutions(example.id, 1);
	assert.equal(execution.status, 'success');
	const id = orderIdOf(first.iri);
	const [event] = execution.outputs['New order'];
	assert.deepEqual(
		[event.event, event.orderId, event.order.state, event.order.customerName],
		['order.created', id, 'new', 'Sandra Sandbox'],
	);
	const [accepted] = execution.outputs['Accept the order'];
	assert.deepEqual([accepted.id, accepted.state, accepted.alreadyAccepted], [id, 'accepted', false]);
	const [message] = execution.outputs['Message for the customer'];
	assert.equal(message.to, '+33612345678');
	assert.match(
		message.text,
		new RegExp(
			`^Hello Sandra Sandbox, Sandbox Bistro accepted your order SB${id} \\(2 × Menu du jour, 1 × Citronnade\\)\\. It will be delivered between \\d\\d:\\d\\d and \\d\\d:\\d\\d\\. Thank you!$`,
		),
	);
	assert.equal(execution.outputs['Send it (replace with your SMS or e-mail node)'].length, 1);
	assert.deepEqual(world.sandbox.order(id), {
		state: 'accepted',
		events: ['order:created', 'order:accepted'],
		hasDelivery: true,
		acceptedEmails: 1,
	});

	// The staff accepted the next order on CoopCycle's site before n8n got to it: nothing is sent again.
	const second = world.sandbox.placeOrder(1);
	world.sandbox.setOrderState(orderIdOf(second.iri), 'accepted');
	await second.calls;
	// The staff refused the third: the item fails, CoopCycle is not asked to accept it (it would e-mail the
	// customer "accepted" and create a delivery for it).
	const third = world.sandbox.placeOrder(1);
	world.sandbox.setOrderState(orderIdOf(third.iri), 'refused');
	await third.calls;
	const executions = await waitForExecutions(example.id, 3);
	const [, again, refused] = executions;
	assert.equal(again.status, 'success');
	assert.equal(again.outputs['Accept the order'][0].alreadyAccepted, true);
	assert.equal(world.sandbox.order(orderIdOf(second.iri)).acceptedEmails, 0);
	assert.equal(refused.status, 'error');
	assert.deepEqual(world.sandbox.order(orderIdOf(third.iri)), {
		state: 'refused',
		events: ['order:created'],
		hasDelivery: false,
		acceptedEmails: 0,
	});
	await deactivate(example);
	await waitFor(
		() => !world.sandbox.webhooks().some((webhook) => webhook.event === 'order.created'),
		'the webhook deleted',
	);
});

test('Order → Get Many with an API app granted orders:all, then Order → Get; the same app cannot accept', async () => {
	const coop = await credentialOf(COOPERATIVE_APP, 'Cooperative');
	const coopCycle = (name, parameters, extra = {}) =>
		node(name, nodeType('coopcycle', 'coopCycle'), parameters, { credentials: { coopCycleOAuth2Api: coop }, ...extra });
	const placed = world.sandbox.placeOrder(1);
	await placed.calls;
	const { id: _id, ...definition } = workflow('ccOrders', 'Orders of the cooperative', [
		coopCycle('New orders', {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			// The sandbox's days are UTC days: yesterday to tomorrow holds today's orders whatever n8n's time zone.
			filters: {
				states: ['new'],
				shippingDay: '={{ new Date(Date.now() - 86400e3).toISOString().slice(0, 10) }}',
				shippingDayUntil: '={{ new Date(Date.now() + 86400e3).toISOString().slice(0, 10) }}',
			},
		}),
		coopCycle('Each order', { resource: 'order', operation: 'get', orderId: '={{ $json.id }}' }),
		coopCycle(
			'Accept',
			{ resource: 'order', operation: 'accept', orderId: '={{ $json.id }}' },
			{ onError: 'continueRegularOutput' },
		),
	]);
	const saved = await world.editor.rest('POST', '/rest/workflows', definition);
	await runFrom(saved, 'Start');
	const [execution] = await waitForExecutions(saved.id, 1);
	assert.equal(execution.status, 'success');
	const listed = execution.outputs['New orders'];
	// The list holds every order of the cooperative: the restaurant's, and the orders of the store's deliveries.
	assert.ok(listed.some((order) => order.client === '/api/restaurants/1' && order.id === orderIdOf(placed.iri)));
	assert.ok(listed.some((order) => order.client === '/api/stores/1'));
	assert.ok(listed.every((order) => order.state === 'new'));
	const fetched = execution.outputs['Each order'];
	assert.equal(fetched.length, listed.length);
	assert.equal(fetched.find((order) => order.id === orderIdOf(placed.iri)).customerName, 'Sandra Sandbox');
	// orders:all may view, never accept (src/Security/OrderActionsVoter.php l.84-86): each new order's accept is refused.
	assert.equal(execution.outputs.Accept.length, listed.length);
	for (const item of execution.outputs.Accept)
		assert.equal(item.error, 'CoopCycle refused access (403): Access Denied.');
	assert.equal(world.sandbox.order(orderIdOf(placed.iri)).state, 'new');
	const lists = world.sandbox.requests.filter((request) => request.path === '/api/orders');
	assert.deepEqual(Object.keys(lists[0].query).sort(), ['date[after]', 'date[before]', 'state']);
	assert.equal((await executionsOf(saved.id)).length, 1);
});
