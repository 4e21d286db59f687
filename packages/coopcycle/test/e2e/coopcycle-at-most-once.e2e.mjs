// End-to-end: a delivery is never created twice, even when CoopCycle does not confirm it. A real n8n runs the
// built package against a sandbox with the capacity of a small instance (test/sandbox/capacity.mjs): some creates
// are committed and then answered 504 by the gateway, some committed and then cut off. The node sends none of
// them again; it finds each by its item key (n8n_item_key) and outputs it as recovered.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { coopCycleSandboxCredential, startCoopCycleSandbox } from '../sandbox/index.mjs';
import { N8nInstance, ensureN8n, nodeOutput, runError } from '../../../shared/test/e2e/n8n.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { codeNode, node, workflow } from '../../../shared/test/e2e/workflows.mjs';

const ORDERS = 40;
/** One create in 10 committed then answered 504, another in 10 committed then cut off (chosen by count). */
const CAPACITY = {
	workers: 8,
	latencyMs: 20,
	gatewayTimeoutMs: 10000,
	unconfirmedCreateRate: 0.1,
	dropConnectionRate: 0.1,
};

let sandbox;
let n8n;

/** A Code node giving ORDERS orders to deliver tomorrow, each with its own dropoff time and comment. */
const ordersCode = `
const tomorrow = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
return Array.from({ length: ${ORDERS} }, (_, i) => {
  const minute = String(i % 60).padStart(2, '0');
  return { json: {
    order: 'order-' + i,
    address: (i + 1) + ' Rue des Commandes, 75010 Paris',
    after: tomorrow + 'T13:' + minute + ':00',
    before: tomorrow + 'T15:' + minute + ':00',
  } };
});`;

before(async () => {
	ensureN8n();
	sandbox = await startCoopCycleSandbox({ capacity: CAPACITY });
	n8n = new N8nInstance({ packages: ['coopcycle'] });
	await n8n.importCredentials([coopCycleSandboxCredential(sandbox.url)]);
	await n8n.importWorkflows([
		workflow('ccAtMostOnce', 'Deliveries through a busy CoopCycle', [
			codeNode('Orders', ordersCode),
			{
				...node('Create', nodeType('coopcycle', 'coopCycle'), {
					resource: 'delivery',
					operation: 'create',
					dropoffAddress: '={{ $json.address }}',
					dropoffTimeMode: 'window',
					dropoffAfter: '={{ $json.after }}',
					dropoffBefore: '={{ $json.before }}',
					dropoffDetails: { comments: '={{ $json.order }}' },
				}),
				credentials: { coopCycleOAuth2Api: { id: 'coopcycle-sandbox', name: 'CoopCycle sandbox' } },
				onError: 'continueRegularOutput',
			},
		]),
	]);
});

after(async () => {
	await sandbox?.close();
	n8n?.dispose();
});

test('creates that CoopCycle did not confirm are found by their item key, none created twice, none lost', async () => {
	const { run, code, stderr } = await n8n.execute('ccAtMostOnce');
	assert.ok(run, `no run data (exit ${code}): ${stderr.slice(-2000)}`);
	assert.equal(runError(run), undefined);
	const items = nodeOutput(run, 'Create');
	const stats = sandbox.capacityStats();
	// The faults did happen: 4 creates answered 504 after committing, 4 cut off after committing.
	assert.equal(stats.unconfirmedCreates, ORDERS * CAPACITY.unconfirmedCreateRate);
	assert.equal(stats.droppedConnections, ORDERS * CAPACITY.dropConnectionRate);

	// 0 duplicates: each order's comment is on at most one delivery; and every order has its delivery.
	const perOrder = new Map();
	for (const delivery of sandbox.deliveries()) {
		const order = delivery.dropoff.comments;
		perOrder.set(order, (perOrder.get(order) ?? 0) + 1);
	}
	assert.deepEqual(
		[...perOrder.values()].filter((count) => count > 1),
		[],
	);
	assert.equal(perOrder.size, ORDERS);

	// Items in = successes + errors, and each success is the delivery of its order.
	const errors = items.filter((item) => item.error !== undefined);
	const successes = items.filter((item) => item.error === undefined);
	assert.equal(items.length, ORDERS);
	assert.equal(successes.length + errors.length, ORDERS);
	assert.deepEqual(errors, []);
	const recovered = successes.filter((item) => item.recovered === true);
	assert.equal(recovered.length, stats.unconfirmedCreates + stats.droppedConnections);
	for (const item of successes) assert.match(item.dropoff.metadata.n8n_item_key, /^\S+-\d+-[a-z0-9]{8}$/);
	assert.deepEqual(
		successes.map((item) => item.dropoff.comments).sort(),
		Array.from({ length: ORDERS }, (_, i) => `order-${i}`).sort(),
	);
});
