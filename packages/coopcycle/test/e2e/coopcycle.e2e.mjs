// End-to-end: a real n8n 2.x loads the built package and runs CoopCycle workflows against local CoopCycle
// sandboxes (test/sandbox/coopcycle/), through n8n's own OAuth2 client-credentials engine.
// Run `npm run build` first; `npm test` does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { coopCycleSandboxCredential, startCoopCycleSandbox } from '../sandbox/index.mjs';
import { N8nInstance, ensureN8n, nodeOutput, runError } from '../../../shared/test/e2e/n8n.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { codeNode, loadExample, node, workflow } from '../../../shared/test/e2e/workflows.mjs';

const TYPE = nodeType('coopcycle', 'coopCycle');
const BULK = 300;
/** Deliveries of the paging store: one an hour, plus a time slot shared by more than a page (30) of them. */
const HOURLY = 70;
const IN_ONE_SLOT = 45;
/** Saved addresses of the address-book store: more than the 100 a page CoopCycle gives at most. */
const SAVED_ADDRESSES = 120;
const EXPIRING_ITEMS = 80;
/** The expiring sandbox's tokens stop working after this many API calls: the first one dies mid-run. */
const EXPIRING_TOKEN_USES = 50;

const sandboxes = {};
let n8n;

/** A CoopCycle node on the credential of one sandbox. */
const coopCycle = (name, sandbox, parameters, extra = {}) =>
	node(name, TYPE, parameters, {
		credentials: { coopCycleOAuth2Api: { id: `coopcycle-${sandbox}`, name: `CoopCycle ${sandbox}` } },
		...extra,
	});

/** A Code node giving `count` orders to deliver tomorrow, one address each. */
const ordersCode = (count) => `
const tomorrow = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
return Array.from({ length: ${count} }, (_, i) => ({ json: {
  order: 'order-' + i,
  address: (i + 1) + ' Rue des Commandes, 75010 Paris',
  after: tomorrow + 'T14:00:00',
  before: tomorrow + 'T16:00:00',
} }));`;

/** A Code node giving one round to deliver tomorrow: a pickup at the shop, three dropoffs in a poor order. */
const roundCode = `
const day = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
const dropoff = (address) => ({ type: 'dropoff', address, after: day + 'T10:30:00', before: day + 'T13:00:00' });
return [{ json: { round: 'R-1', tasks: [
  { type: 'pickup', address: '10 Rue du Pain, 75011 Paris', after: day + 'T10:00:00', before: day + 'T10:30:00' },
  dropoff('1 Rue Alpha, 75001 Paris'), dropoff('2 Rue Beta, 75002 Paris'), dropoff('3 Rue Gamma, 75003 Paris'),
] } }];`;

const createFromOrder = (sandbox) =>
	coopCycle('Create', sandbox, {
		resource: 'delivery',
		operation: 'create',
		dropoffAddress: '={{ $json.address }}',
		dropoffTimeMode: 'window',
		dropoffAfter: '={{ $json.after }}',
		dropoffBefore: '={{ $json.before }}',
		dropoffDetails: { metadata: { entries: [{ key: 'order', value: '={{ $json.order }}' }] } },
	});

async function execute(id) {
	const { code, run, stderr } = await n8n.execute(id);
	assert.ok(run, `workflow ${id} gave no run data (exit ${code}): ${stderr.slice(-2000)}`);
	return run;
}

before(async () => {
	ensureN8n();
	sandboxes.shop = await startCoopCycleSandbox();
	// A server two hours ahead of UTC, as CoopCycle instances in France are in summer.
	sandboxes.paging = await startCoopCycleSandbox({ timeZoneOffset: '+02:00' });
	sandboxes.bulk = await startCoopCycleSandbox();
	sandboxes.expiring = await startCoopCycleSandbox({ tokenUses: EXPIRING_TOKEN_USES });
	sandboxes.examples = await startCoopCycleSandbox();
	sandboxes.book = await startCoopCycleSandbox();
	// The cooperative enabled cash on delivery for this sandbox's store (src/Entity/Store.php cashOnDeliveryEnabled).
	sandboxes.cash = await startCoopCycleSandbox({ cashOnDeliveryStores: [1] });
	sandboxes.book.seedAddresses(SAVED_ADDRESSES);
	sandboxes.paging.seed(HOURLY);
	const slotEnd = Date.UTC(2031, 5, 12, 12);
	sandboxes.paging.seed(IN_ONE_SLOT, { dropoffWindow: () => [slotEnd - 2 * 3600e3, slotEnd] });
	sandboxes.examples.seed(20);

	// "Today" of the daily example is the instance's day: pin it to the sandbox's (seeded from 08:00 UTC).
	n8n = new N8nInstance({ packages: ['coopcycle'], extraEnv: { GENERIC_TIMEZONE: 'UTC' } });
	await n8n.importCredentials(
		Object.entries(sandboxes).map(([name, sandbox]) => ({
			...coopCycleSandboxCredential(sandbox.url),
			id: name === 'examples' ? 'coopcycle-sandbox' : `coopcycle-${name}`,
			name: name === 'examples' ? 'CoopCycle sandbox' : `CoopCycle ${name}`,
		})),
	);
	const dropoffInSlot = {
		dropoffAddress: '48 Rue de Rivoli, 75004 Paris',
		dropoffTimeMode: 'timeSlot',
		dropoffTimeSlot: "={{ $('First choice').first().json.value }}",
		dropoffDetails: { contactName: 'Camille Martin', telephone: '+33612345678' },
	};
	await n8n.importWorkflows([
		workflow('ccShopFlow', 'Shop flow', [
			coopCycle('My store', 'shop', { resource: 'store', operation: 'getMyStore' }),
			coopCycle('Choices', 'shop', { resource: 'timeSlot', operation: 'getChoices' }),
			node('First choice', 'n8n-nodes-base.limit', { maxItems: 1 }),
			coopCycle('Price', 'shop', { resource: 'delivery', operation: 'getPrice', ...dropoffInSlot }),
			coopCycle('Create', 'shop', { resource: 'delivery', operation: 'create', ...dropoffInSlot }),
			// Simplify's flat delivery has its number, `id`, and no "@id".
			coopCycle('Get', 'shop', { resource: 'delivery', operation: 'get', deliveryId: '={{ $json.id }}' }),
			coopCycle('Cancel', 'shop', { resource: 'delivery', operation: 'cancel', deliveryId: '={{ $json.id }}' }),
		]),
		workflow('ccGetMany', 'Get Many over pages', [
			coopCycle('All deliveries', 'paging', {
				resource: 'delivery',
				operation: 'getAll',
				returnAll: true,
				order: 'dropoff.before:asc',
			}),
		]),
		workflow('ccBulk', '300 deliveries', [codeNode('Orders', ordersCode(BULK)), createFromOrder('bulk')]),
		workflow('ccExpiring', 'Token expiring mid-run', [
			codeNode('Orders', ordersCode(EXPIRING_ITEMS)),
			createFromOrder('expiring'),
		]),
		workflow('ccErrors', 'Errors on some items', [
			codeNode(
				'Orders',
				`const tomorrow = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
return ['12 Rue Claire, 75011 Paris', 'Nowhere Lane', '14 Rue Claire, 75011 Paris'].map((address, i) => ({ json: { order: 'o' + i, address, after: tomorrow + 'T10:00:00', before: tomorrow + 'T12:00:00' } }));`,
			),
			{ ...createFromOrder('shop'), onError: 'continueRegularOutput' },
		]),
		workflow('ccAddAddress', 'Add an address, then deliver to it', [
			coopCycle('Add Address', 'book', {
				resource: 'store',
				operation: 'addAddress',
				streetAddress: '12 Rue des Tests, 75011 Paris',
				latitude: 48.8601,
				longitude: 2.3795,
				addressDetails: { contactName: 'Lou Martin', telephone: '0612345678' },
			}),
			coopCycle('Deliver there', 'book', {
				resource: 'delivery',
				operation: 'create',
				dropoffAddress: '={{ $json["@id"] }}',
				dropoffTimeMode: 'window',
				dropoffAfter: '={{ $now.plus({ days: 1 }).set({ hour: 14, minute: 0 }).toISO() }}',
				dropoffBefore: '={{ $now.plus({ days: 1 }).set({ hour: 16, minute: 0 }).toISO() }}',
				// The address's @id is checked: Simplify's flat delivery leaves it out.
				simplify: false,
			}),
		]),
		workflow('ccAddAddressNoPosition', 'Add an address without its position', [
			{
				...coopCycle('Add Address', 'book', {
					resource: 'store',
					operation: 'addAddress',
					streetAddress: '14 Rue des Tests, 75011 Paris',
				}),
				onError: 'continueRegularOutput',
			},
		]),
		workflow('ccSavedAddressObject', 'Deliver to a saved address object with another contact', [
			coopCycle('Saved addresses', 'book', { resource: 'store', operation: 'getAddresses', limit: 1 }),
			codeNode(
				'Other contact',
				`return [{ json: { address: { ...$input.first().json, contactName: 'Someone Else' } } }];`,
			),
			coopCycle('Deliver there', 'book', {
				resource: 'delivery',
				operation: 'create',
				dropoffAddress: '={{ $json.address }}',
				dropoffTimeMode: 'window',
				dropoffAfter: '={{ $now.plus({ days: 1 }).set({ hour: 10, minute: 0 }).toISO() }}',
				dropoffBefore: '={{ $now.plus({ days: 1 }).set({ hour: 12, minute: 0 }).toISO() }}',
				// The address's @id is checked: Simplify's flat delivery leaves it out.
				simplify: false,
			}),
		]),
		workflow('ccMultiDrop', 'Suggest a better order for a round, then create it, cash on delivery', [
			codeNode('Round', roundCode),
			coopCycle('Suggest', 'cash', { resource: 'delivery', operation: 'suggestOptimizations', taskMode: 'item' }),
			coopCycle('Create', 'cash', {
				resource: 'delivery',
				operation: 'create',
				taskMode: 'item',
				paymentMethod: 'cash_on_delivery',
			}),
		]),
		workflow('ccCashRefused', 'Cash on delivery for a store that does not take it', [
			{
				...coopCycle('Create', 'shop', {
					resource: 'delivery',
					operation: 'create',
					dropoffAddress: '30 Rue du Comptant, 75011 Paris',
					dropoffTimeMode: 'window',
					dropoffAfter: '={{ $now.plus({ days: 1 }).set({ hour: 14, minute: 0 }).toISO() }}',
					dropoffBefore: '={{ $now.plus({ days: 1 }).set({ hour: 16, minute: 0 }).toISO() }}',
					paymentMethod: 'cash_on_delivery',
				}),
				onError: 'continueRegularOutput',
			},
		]),
		loadExample('coopcycle', 'coopcycle-order-to-delivery.json', 'ccExampleOrder'),
		loadExample('coopcycle', 'coopcycle-daily-deliveries.json', 'ccExampleDaily'),
	]);
});

after(async () => {
	for (const sandbox of Object.values(sandboxes)) await sandbox.close();
	n8n?.dispose();
});

test('shop flow: my store → time-slot choices → price → create → get → cancel', async () => {
	const sandbox = sandboxes.shop;
	const run = await execute('ccShopFlow');
	assert.equal(runError(run), undefined);

	const [store] = nodeOutput(run, 'My store');
	assert.equal(store.name, 'Sandbox Bakery');
	assert.equal(store.id, 1);
	assert.equal(store.apiApp.name, 'sandbox-shop app');

	const choices = nodeOutput(run, 'Choices');
	assert.ok(choices.length >= 2, 'several time-slot choices');
	assert.match(choices[0].value, /^\d{4}-\d{2}-\d{2}T10:00:00Z\/\d{4}-\d{2}-\d{2}T12:00:00Z$/);

	const [price] = nodeOutput(run, 'Price');
	assert.deepEqual([price.amount, price.currency, price.tax.included], [499, 'EUR', true]);

	const [created] = nodeOutput(run, 'Create');
	const [fetched] = nodeOutput(run, 'Get');
	assert.equal(fetched.id, created.id);
	// Simplify's flat delivery (deliveryOutput.ts).
	assert.equal(fetched.dropoff.contactName, 'Camille Martin');
	assert.equal(Date.parse(fetched.dropoff.after), Date.parse(choices[0].value.split('/')[0]));
	assert.match(fetched.trackingUrl, /\/d\/sandbox\d+$/);
	assert.equal(fetched.price, price.amount);

	assert.deepEqual(nodeOutput(run, 'Cancel'), [
		{ '@id': `/api/deliveries/${created.id}`, id: created.id, cancelled: true },
	]);
	assert.deepEqual(
		sandbox.deliveries()[0].tasks.map((task) => task.status),
		['CANCELLED', 'CANCELLED'],
	);

	// One token for the whole workflow, sent as Bearer; JSON-LD both ways.
	assert.equal(sandbox.tokenCalls(), 1);
	const api = sandbox.requests.filter((request) => request.path.startsWith('/api/'));
	assert.ok(api.every((request) => request.authorization === 'Bearer' && request.accept === 'application/ld+json'));
	const create = api.find((request) => request.method === 'POST' && request.path === '/api/deliveries');
	assert.equal(create.contentType, 'application/ld+json');
});

test('Get Many returns every delivery once, though 45 share one dropoff time, and never sends a page number', async () => {
	const sandbox = sandboxes.paging;
	const run = await execute('ccGetMany');
	assert.equal(runError(run), undefined);
	const deliveries = nodeOutput(run, 'All deliveries');
	const total = HOURLY + IN_ONE_SLOT;
	assert.equal(deliveries.length, total);
	assert.deepEqual(
		deliveries.map((delivery) => delivery.id).sort((a, b) => a - b),
		Array.from({ length: total }, (_value, index) => index + 1),
		'each delivery exactly once',
	);
	const times = deliveries.map((delivery) => Date.parse(delivery.dropoff.before));
	assert.deepEqual(
		times,
		[...times].sort((a, b) => a - b),
		'in the order asked for',
	);
	// CoopCycle answers 500 to any parameter that is not bracketed, such as page or itemsPerPage.
	const lists = sandbox.requests.filter((request) => request.path === '/api/stores/1/deliveries');
	assert.ok(lists.length > 1, 'more than one page was needed');
	for (const request of lists) {
		assert.deepEqual(
			Object.keys(request.query).filter((key) => !/^[\w.]+\[[\w.]+\]$/.test(key)),
			[],
			`only bracketed parameters: ${JSON.stringify(request.query)}`,
		);
		assert.equal(request.status, 200);
	}
	console.log(`# Get Many: ${total} deliveries in ${lists.length} requests`);
});

test(`${BULK} deliveries created in one execution with exactly one token call`, async () => {
	const sandbox = sandboxes.bulk;
	const started = Date.now();
	const run = await execute('ccBulk');
	const seconds = (Date.now() - started) / 1000;
	assert.equal(runError(run), undefined);
	const created = nodeOutput(run, 'Create');
	assert.equal(created.length, BULK);
	assert.equal(new Set(created.map((delivery) => delivery.id)).size, BULK);
	assert.equal(sandbox.deliveries().length, BULK);
	assert.equal(sandbox.tokenCalls(), 1);
	// n8n keeps the token with the credential for the next executions.
	const credential = await n8n.exportCredential('coopcycle-bulk');
	assert.ok(credential.data.accessToken);
	console.log(`# ${BULK} deliveries: ${sandbox.tokenCalls()} token call, execution ${seconds.toFixed(1)} s`);
});

test('a token that expires mid-run is fetched again once, and no item is lost', async () => {
	const sandbox = sandboxes.expiring;
	const run = await execute('ccExpiring');
	assert.equal(runError(run), undefined);
	const created = nodeOutput(run, 'Create');
	assert.equal(created.length, EXPIRING_ITEMS);
	assert.ok(created.every((delivery) => delivery.id && !delivery.error));
	assert.deepEqual(
		created.map((delivery) => delivery.dropoff.metadata.order),
		Array.from({ length: EXPIRING_ITEMS }, (_value, index) => `order-${index}`),
	);
	assert.equal(sandbox.deliveries().length, EXPIRING_ITEMS, 'each order created once');
	const refused = sandbox.requests.filter((request) => request.status === 401).length;
	assert.ok(refused > 0, 'the first token did expire during the run');
	assert.equal(sandbox.tokenCalls(), 2);
	console.log(`# expiring token: ${refused} requests refused with 401, ${sandbox.tokenCalls()} token calls`);
});

test('with continue-on-fail every item gives one result; errors say what to fix', async () => {
	const before = sandboxes.shop.deliveries().length;
	const run = await execute('ccErrors');
	assert.equal(runError(run), undefined);
	const results = nodeOutput(run, 'Create');
	assert.equal(results.length, 3);
	assert.ok(results[0].id && results[2].id);
	assert.match(results[1].error, /could not handle an address \(500\).*map/);
	assert.equal(sandboxes.shop.deliveries().length, before + 2);
});

test('Add Address outputs the new saved address with its @id, usable as a dropoff address', async () => {
	const sandbox = sandboxes.book;
	const run = await execute('ccAddAddress');
	assert.equal(runError(run), undefined);
	const [address] = nodeOutput(run, 'Add Address');
	assert.match(address['@id'], /^\/api\/addresses\/\d+$/);
	assert.equal(address.streetAddress, '12 Rue des Tests, 75011 Paris');
	assert.equal(address.contactName, 'Lou Martin');
	assert.deepEqual([address.geo.latitude, address.geo.longitude], [48.8601, 2.3795]);
	const [delivery] = nodeOutput(run, 'Deliver there');
	assert.equal(delivery.dropoff.address['@id'], address['@id']);

	// CoopCycle answered the POST with the Store; the address was read back from the end of the address book.
	const post = sandbox.requests.find(
		(request) => request.method === 'POST' && request.path === '/api/stores/1/addresses',
	);
	assert.equal(post.status, 201);
	assert.deepEqual(post.body.geo, { latitude: 48.8601, longitude: 2.3795 });
	const reads = sandbox.requests.filter(
		(request) => request.method === 'GET' && request.path === '/api/stores/1/addresses',
	);
	assert.deepEqual(
		reads.map((request) => request.query),
		[{ itemsPerPage: '100' }, { itemsPerPage: '100', page: '2' }],
	);
});

test('Add Address without a position fails before sending, naming Latitude and Longitude', async () => {
	const sandbox = sandboxes.book;
	const posts = () => sandbox.requests.filter((request) => request.method === 'POST').length;
	const before = posts();
	const run = await execute('ccAddAddressNoPosition');
	assert.equal(runError(run), undefined);
	const [result] = nodeOutput(run, 'Add Address');
	assert.match(result.error, /^Latitude and Longitude are required/);
	assert.equal(posts(), before, 'nothing was sent');
});

test('an address object mapped from a saved address leaves the saved address unchanged', async () => {
	const sandbox = sandboxes.book;
	const run = await execute('ccSavedAddressObject');
	assert.equal(runError(run), undefined);
	const [saved] = nodeOutput(run, 'Saved addresses');
	const [delivery] = nodeOutput(run, 'Deliver there');
	assert.equal(delivery.dropoff.address.contactName, 'Someone Else');
	assert.equal(delivery.dropoff.address.streetAddress, saved.streetAddress);
	assert.notEqual(delivery.dropoff.address['@id'], saved['@id']);
	assert.equal(sandbox.address(saved.id).contactName, saved.contactName, 'the saved address was not rewritten');
});

test('example: order → quote → delivery', async () => {
	const run = await execute('ccExampleOrder');
	assert.equal(runError(run), undefined);
	const [quote] = nodeOutput(run, 'Quote');
	assert.equal(quote.amount, 499);
	const [delivery] = nodeOutput(run, 'Delivery and tracking link');
	assert.equal(delivery.dropoff.metadata.order, 'A-1001');
	assert.match(delivery.trackingUrl, /\/d\/sandbox\d+$/);
});

test('example: daily list of the store’s deliveries', async () => {
	const run = await execute('ccExampleDaily');
	assert.equal(runError(run), undefined);
	// 20 deliveries seeded one an hour from 08:00 UTC: 16 of them are due today (the sandbox's day, UTC), written
	// on the example's time zone, Europe/Paris.
	const lines = nodeOutput(run, 'One line per delivery');
	const start = new Date();
	start.setUTCHours(8, 0, 0, 0);
	const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
	assert.deepEqual(
		lines.map((line) => line.time),
		Array.from({ length: 16 }, (_value, index) => paris.format(start.getTime() + index * 3600 * 1000)),
	);
	assert.deepEqual(Object.keys(lines[0]).sort(), ['address', 'contact', 'status', 'time', 'tracking']);
	assert.equal(lines[0].status, 'TODO');
	const list = sandboxes.examples.requests.find((request) => request.path === '/api/stores/1/deliveries');
	assert.ok(list.query['dropoff.before[after]'] && list.query['dropoff.before[before]']);
	assert.equal(list.query['order[dropoff.before]'], 'asc');
});

/**
 * coopcycle-web src/Action/Delivery/SuggestOptimizations.php (features/deliveries_multi.feature l.581-640), then
 * src/Api/State/DeliveryCreateOrUpdateProcessor.php "Handle payment method" for a store with cash on delivery.
 */
test('Suggest Optimizations reorders a round, Create (From the Input Item) creates it in that order, cash on delivery', async () => {
	const sandbox = sandboxes.cash;
	const run = await execute('ccMultiDrop');
	assert.equal(runError(run), undefined);
	const [suggestion] = nodeOutput(run, 'Suggest');
	assert.deepEqual([suggestion.improved, suggestion.readyToCreate, suggestion.order], [true, true, [0, 2, 1, 3]]);
	assert.ok(suggestion.distanceSavedMeters > 0);
	const [created] = nodeOutput(run, 'Create');
	assert.deepEqual(
		// Simplify's flat delivery: the pickup, the other tasks in CoopCycle's order, the last dropoff.
		[created.pickup, ...created.otherTasks, created.dropoff].map((task) => task.address),
		['10 Rue du Pain, 75011 Paris', '2 Rue Beta, 75002 Paris', '1 Rue Alpha, 75001 Paris', '3 Rue Gamma, 75003 Paris'],
	);
	assert.equal(sandbox.paymentMethodOf(created.id), 'CASH_ON_DELIVERY');
	const sent = sandbox.requests.find((request) => request.method === 'POST' && request.path === '/api/deliveries');
	assert.deepEqual(sent.body.order, { paymentMethod: 'cash_on_delivery' });
	assert.equal(sent.body.round, undefined, 'only the tasks of the item are sent');
});

test('cash on delivery for a store that does not take it: the error says the delivery was created all the same', async () => {
	const sandbox = sandboxes.shop;
	const before = sandbox.deliveries().length;
	const run = await execute('ccCashRefused');
	assert.equal(runError(run), undefined);
	const [result] = nodeOutput(run, 'Create');
	assert.match(
		result.error,
		/^CoopCycle refused cash on delivery for your store .* most likely created the delivery anyway$/,
	);
	// As coopcycle-web does: the order and its delivery are saved before the payment method is checked.
	assert.equal(sandbox.deliveries().length, before + 1);
});
