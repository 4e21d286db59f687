import { DirectoryLoader } from 'n8n-core';
import { sleep, type IDataObject } from 'n8n-workflow';

import { CoopCycleOAuth2Api } from '../credentials/CoopCycleOAuth2Api.credentials';
import { CoopCycle } from '../nodes/CoopCycle/CoopCycle.node';
import { setClock } from '../../shared/test/harness/clock';
import { NodeRunner } from '../../shared/test/harness/runNode';
import { coopCycle, delivery, newCredential, output, run, WINDOW } from './fixtures';

/**
 * The shared transport as the CoopCycle node uses it: what is sent again after which answer, the bound on requests
 * in flight per instance, n8n's Batching option, and the link of every output item to its input item.
 */

const create = { resource: 'delivery', operation: 'create', ...WINDOW };
const getDelivery = { resource: 'delivery', operation: 'get', deliveryId: '12' };
const events = (id: number) => ({
	'hydra:member': [
		{ '@id': `/api/task_events/${id}1`, name: 'task:created' },
		{ '@id': `/api/task_events/${id}2`, name: 'task:done' },
	],
});

describe('CoopCycle: what is sent again', () => {
	it('a create answered 504 by the gateway is sent exactly once, and the item says CoopCycle may have created it', async () => {
		const { api } = coopCycle();
		api.post('/api/deliveries').once().reply(504, 'Gateway Time-out');
		// Item Key in Metadata off: nothing to look the delivery up by (the look-up is tested in unconfirmed.test.ts).
		const result = await run({ parameters: { ...create, itemKey: false } });
		expect(result.error?.message).toBe(
			"CoopCycle did not confirm the creation of the delivery, which may exist (CoopCycle's gateway answered 504 before CoopCycle did)",
		);
		expect(result.error?.description).not.toMatch(/Instance URL|immediately/);
	});

	it('a create answered 504 whose look-up cannot read the store says the delivery may exist, not the look-up’s error', async () => {
		const { api } = coopCycle();
		api.post('/api/deliveries').once().reply(504, 'Gateway Time-out');
		api.get('/api/me').reply(503, 'Service Unavailable', { 'Retry-After': '0' });
		api.get('/api/me').reply(404, { '@type': 'hydra:Error', 'hydra:description': 'Not Found' });
		const result = await run({ parameters: create });
		expect(result.error?.message).toMatch(
			/^CoopCycle did not confirm the creation of the delivery, which may exist, and the node could not check: reading your store's deliveries failed/,
		);
		expect(result.error?.description).toMatch(/n8n_item_key/);
		expect(result.error?.description).not.toMatch(/Instance URL|immediately/);
	});

	it('a read answered 502 is sent again', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').reply(502, 'Bad Gateway', { 'Retry-After': '0' });
		api.get('/api/deliveries/12').reply(200, delivery(12));
		const result = await run({ parameters: getDelivery });
		expect(result.error).toBeUndefined();
		expect(output(result)[0].id).toBe(12);
	});

	it('a read that keeps getting 504 fails after a few tries with a "try later" message', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').times(4).reply(504, 'Gateway Time-out', { 'Retry-After': '0' });
		const result = await run({ parameters: getDelivery });
		expect(result.error?.message).toBe('CoopCycle did not answer in time (504), even after several tries');
		expect(result.error?.description).toContain('run the item again later');
	});

	it('a create answered 429, then 503, is sent again: CoopCycle did nothing', async () => {
		const { api } = coopCycle();
		api.post('/api/deliveries').reply(429, 'Too Many Requests', { 'Retry-After': '0' });
		api.post('/api/deliveries').reply(503, 'Service Unavailable', { 'Retry-After': '0' });
		api.post('/api/deliveries').reply(201, delivery(7));
		const result = await run({ parameters: create });
		expect(result.error).toBeUndefined();
		expect(output(result)[0].id).toBe(7);
	});

	it('429s are waited out for 10 minutes (the clock, not a count), then the item says so', async () => {
		setClock(new Date().toISOString());
		try {
			const { api } = coopCycle();
			// Each refusal comes 4 minutes after the one before: the fourth is past the 10 minutes.
			api
				.post('/api/deliveries')
				.times(4)
				.reply(() => {
					jest.setSystemTime(Date.now() + 4 * 60_000);
					return [429, 'Too Many Requests', { 'Retry-After': '0' }];
				});
			const result = await run({ parameters: create });
			expect(result.error?.message).toBe('CoopCycle is still limiting requests (429) after waiting 10 minutes');
			expect(result.error?.description).toContain('Nothing was done for this item');
		} finally {
			jest.useRealTimers();
		}
	});
});

/**
 * A CoopCycle whose task events route holds every answer until `bound` requests are in flight (or every item's
 * request has come): it lets them out one at a time and records how many were in flight at once.
 */
function heldEvents(items: number, bound: number) {
	const { api } = coopCycle();
	const held: Array<() => void> = [];
	const seen = { arrived: 0, peak: 0 };
	const releaseIfDue = () => {
		while (held.length > 0 && (held.length >= bound || seen.arrived === items)) held.shift()!();
	};
	api
		.get(/^\/api\/tasks\/\d+\/events$/)
		.times(items)
		.reply((uri: string, _body: unknown, callback: (error: Error | null, answer: [number, IDataObject]) => void) => {
			seen.arrived++;
			const id = Number(/tasks\/(\d+)/.exec(uri)![1]);
			held.push(() => void sleep(0).then(() => callback(null, [200, events(id)])));
			seen.peak = Math.max(seen.peak, held.length);
			releaseIfDue();
		});
	return seen;
}

describe('CoopCycle: Max Requests at Once', () => {
	const items = Array.from({ length: 12 }, (_, index) => ({ id: index + 1 }));
	const parameters = { resource: 'task', operation: 'getEvents', taskId: '={{ $json.id }}' };

	it.each([1, 3, 8])(
		'never has more than %i requests in flight to the instance (token request included)',
		async (bound) => {
			const seen = heldEvents(items.length, bound);
			const credential = bound === 8 ? newCredential() : newCredential({ maxRequestsAtOnce: bound });
			const result = await run({ parameters, items }, credential);
			expect(result.error).toBeUndefined();
			expect(output(result)).toHaveLength(items.length * 2);
			// Reached (the held answers wait for it) and never passed.
			expect(seen.peak).toBe(bound);
		},
	);
});

describe('CoopCycle: item linking', () => {
	it('every item of a list carries its input item, error items included', async () => {
		const { api } = coopCycle();
		api.get('/api/tasks/1/events').reply(200, events(1));
		api.get('/api/tasks/2/events').reply(404, { '@type': 'hydra:Error', 'hydra:description': 'Not Found' });
		api.get('/api/tasks/3/events').reply(200, events(3));
		const result = await run({
			parameters: { resource: 'task', operation: 'getEvents', taskId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: 2 }, { id: 3 }],
			continueOnFail: true,
		});
		expect(result.items.map((item) => [item.json['@id'] ?? item.json.error, item.pairedItem])).toEqual([
			['/api/task_events/11', { item: 0 }],
			['/api/task_events/12', { item: 0 }],
			['CoopCycle found nothing at this address (404)', { item: 1 }],
			['/api/task_events/31', { item: 2 }],
			['/api/task_events/32', { item: 2 }],
		]);
	});

	it('an item failed before anything is sent is linked too', async () => {
		const { api } = coopCycle();
		api.get('/api/tasks/1/events').reply(200, events(1));
		const result = await run({
			parameters: { resource: 'task', operation: 'getEvents', taskId: '={{ $json.id }}' },
			items: [{ id: 'not an id' }, { id: 1 }],
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
		expect(result.items[0].json.error).toContain('Task ID');
	});
});

describe('CoopCycle: Batching (Request Options)', () => {
	it('has n8n’s own Batching option once, and a run with it outputs every item', async () => {
		// n8n adds its Request Options (Batching, Timeout, Proxy…) to every declarative node when it loads it, and its
		// routing engine waits Batch Interval before each batch of Items per Batch (n8n-core routing-node.ts, runNode).
		const node = new CoopCycle();
		DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
		const requestOptions = node.description.properties.filter((property) => property.name === 'requestOptions');
		// Declared by n8n only: one of our own would make n8n show its Batching twice.
		expect(requestOptions).toHaveLength(1);
		expect(requestOptions[0].options?.filter((option) => option.name === 'batching')).toHaveLength(1);
		const { api } = coopCycle();
		api
			.get(/^\/api\/tasks\/\d+\/events$/)
			.times(5)
			.reply(200, events(1));
		const result = await new NodeRunner(node, new CoopCycleOAuth2Api(), newCredential()).run({
			parameters: {
				resource: 'task',
				operation: 'getEvents',
				taskId: '={{ $json.id }}',
				requestOptions: { batching: { batch: { batchSize: 2, batchInterval: 7 } } },
			},
			items: [1, 2, 3, 4, 5].map((id) => ({ id })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 0, 1, 1, 2, 2, 3, 3, 4, 4].map((item) => ({ item })),
		);
	});
});
