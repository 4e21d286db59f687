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
/** A sandbox for a batch of one time slot: more deliveries with the very same times than its list can show. */
let slotSandbox;
let n8n;
/** Orders of the one-slot batch: beyond the 60 deliveries of one instant CoopCycle's list lets a client read. */
const SLOT_ORDERS = 70;

/**
 * A Code node giving `count` orders to deliver tomorrow, each with its own comment, and each with its own dropoff
 * time (`spread`) or all in one slot.
 */
const ordersCode = (count, spread) => `
const tomorrow = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
return Array.from({ length: ${count} }, (_, i) => {
  const minute = ${spread ? "String(i % 60).padStart(2, '0')" : "'00'"};
  return { json: {
    order: 'order-' + i,
    address: (i + 1) + ' Rue des Commandes, 75010 Paris',
    after: tomorrow + 'T13:' + minute + ':00',
    before: tomorrow + 'T15:' + minute + ':00',
    pickupBefore: tomorrow + 'T12:00:00',
  } };
});`;

before(async () => {
	ensureN8n();
	sandbox = await startCoopCycleSandbox({ capacity: CAPACITY });
	slotSandbox = await startCoopCycleSandbox({ capacity: CAPACITY });
	n8n = new N8nInstance({ packages: ['coopcycle'] });
	await n8n.importCredentials([
		coopCycleSandboxCredential(sandbox.url),
		{ ...coopCycleSandboxCredential(slotSandbox.url), id: 'coopcycle-slot', name: 'CoopCycle slot' },
	]);
	// The slot's batch also shares its pickup's address and time: no task time tells its deliveries apart.
	const samePickup = { pickupTimeMode: 'deadline', pickupBefore: '={{ $json.pickupBefore }}' };
	const create = (credential, pickup = {}) => ({
		...node('Create', nodeType('coopcycle', 'coopCycle'), {
			resource: 'delivery',
			operation: 'create',
			dropoffAddress: '={{ $json.address }}',
			dropoffTimeMode: 'window',
			dropoffAfter: '={{ $json.after }}',
			dropoffBefore: '={{ $json.before }}',
			dropoffDetails: { comments: '={{ $json.order }}' },
			...pickup,
		}),
		credentials: { coopCycleOAuth2Api: credential },
		onError: 'continueRegularOutput',
	});
	await n8n.importWorkflows([
		workflow('ccAtMostOnce', 'Deliveries through a busy CoopCycle', [
			codeNode('Orders', ordersCode(ORDERS, true)),
			create({ id: 'coopcycle-sandbox', name: 'CoopCycle sandbox' }),
		]),
		workflow('ccAtMostOnceSlot', 'One slot through a busy CoopCycle', [
			codeNode('Orders', ordersCode(SLOT_ORDERS, false)),
			create({ id: 'coopcycle-slot', name: 'CoopCycle slot' }, samePickup),
		]),
	]);
});

after(async () => {
	await sandbox?.close();
	await slotSandbox?.close();
	n8n?.dispose();
});

/** Runs `workflowId` and checks: 0 duplicates, every order created or recovered, items in = successes + errors. */
async function checkAtMostOnce(workflowId, target, count) {
	const { run, code, stderr } = await n8n.execute(workflowId);
	assert.ok(run, `no run data (exit ${code}): ${stderr.slice(-2000)}`);
	assert.equal(runError(run), undefined);
	const items = nodeOutput(run, 'Create');
	const stats = target.capacityStats();
	// The faults did happen: creates answered 504 after committing, and creates cut off after committing.
	assert.equal(stats.unconfirmedCreates, Math.round(count * CAPACITY.unconfirmedCreateRate));
	assert.equal(stats.droppedConnections, Math.round(count * CAPACITY.dropConnectionRate));

	// 0 duplicates: each order's comment is on at most one delivery; and every order has its delivery.
	const perOrder = new Map();
	for (const delivery of target.deliveries()) {
		const order = delivery.dropoff.comments;
		perOrder.set(order, (perOrder.get(order) ?? 0) + 1);
	}
	assert.deepEqual(
		[...perOrder.values()].filter((times) => times > 1),
		[],
	);
	assert.equal(perOrder.size, count);

	// Items in = successes + errors, and each success is the delivery of its order.
	const errors = items.filter((item) => item.error !== undefined);
	const successes = items.filter((item) => item.error === undefined);
	assert.equal(items.length, count);
	assert.equal(successes.length + errors.length, count);
	assert.deepEqual(errors, []);
	const recovered = successes.filter((item) => item.recovered === true);
	assert.equal(recovered.length, stats.unconfirmedCreates + stats.droppedConnections);
	const probes = target.requests.filter(
		(request) => request.method === 'GET' && /^\/api\/deliveries\/\d+$/.test(request.path),
	);
	console.log(
		`${workflowId}: ${recovered.length} recovered, ${probes.length} deliveries read one by one, peak ${stats.peakInFlight} in flight`,
	);
	for (const item of successes) assert.match(item.dropoff.metadata.n8n_item_key, /^\S+-\d+-[a-z0-9]{8}$/);
	assert.deepEqual(
		successes.map((item) => item.dropoff.comments).sort(),
		Array.from({ length: count }, (_, i) => `order-${i}`).sort(),
	);
}

test('creates that CoopCycle did not confirm are found by their item key, none created twice, none lost', async () => {
	await checkAtMostOnce('ccAtMostOnce', sandbox, ORDERS);
});

test('the same for a batch of one time slot, whose deliveries the store list cannot show all of', async () => {
	await checkAtMostOnce('ccAtMostOnceSlot', slotSandbox, SLOT_ORDERS);
});
