import type { IDataObject } from 'n8n-workflow';

import { unconfirmedChecks } from '../../nodes/CoopCycle/shared/unconfirmedCreate';
import { coopCycle, delivery, ME, output, parsed, run, WINDOW } from '../fixtures';
import { ITEM_KEY_VALUE } from './itemKeys';

/**
 * What the node does when CoopCycle does not confirm a write (a 504 from its gateway, a broken connection): it
 * never sends the write again, and finds out instead.
 */

const create = (parameters: IDataObject = {}) => ({
	resource: 'delivery',
	operation: 'create',
	...WINDOW,
	...parameters,
});
const GATEWAY_TIMEOUT = '<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>';
const brokenConnection = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

/** A delivery as the store's list shows it, its dropoff carrying `key` in its metadata. */
function keyed(id: number, key: string | undefined): IDataObject {
	const json = delivery(id);
	const dropoff = { ...(json.dropoff as IDataObject), metadata: key ? { n8n_item_key: key, zero_waste: false } : {} };
	return { ...json, dropoff, tasks: [json.pickup, dropoff] };
}

const list = (members: IDataObject[]) => ({
	'@context': '/api/contexts/Delivery',
	'@id': '/api/stores/3/deliveries',
	'@type': 'hydra:Collection',
	'hydra:member': members,
	'hydra:totalItems': members.length,
});

/** A CoopCycle whose create route fails with `failure` after taking the body; `sent.key` is the item key. */
function unconfirmedCreate(failure: 'gateway' | 'connection') {
	const { api } = coopCycle();
	const sent = { key: '', creates: 0, lists: [] as IDataObject[] };
	const route = api.post('/api/deliveries');
	const take = (body: unknown) => {
		sent.creates++;
		const dropoff = (parsed(body) as IDataObject).dropoff as IDataObject;
		sent.key = String((dropoff.metadata as IDataObject | undefined)?.n8n_item_key);
	};
	if (failure === 'gateway')
		route.reply((_uri, body) => {
			take(body);
			return [504, GATEWAY_TIMEOUT, { 'Content-Type': 'text/html' }];
		});
	else
		route.reply((_uri, body, callback) => {
			take(body);
			callback(brokenConnection(), [0, '']);
		});
	api.get('/api/me').optionally().reply(200, ME);
	return { api, sent };
}

beforeAll(() => {
	unconfirmedChecks.delaysMs = [0, 0];
});

describe('Delivery → Create, when CoopCycle does not confirm', () => {
	it('a recovered delivery says so with Simplify on too (the flat delivery keeps `recovered`)', async () => {
		const { api, sent } = unconfirmedCreate('gateway');
		api
			.get('/api/stores/3/deliveries')
			.query(true)
			.reply(() => [200, list([keyed(41, sent.key)])]);
		const result = await run({ parameters: create({ simplify: true }) });
		expect(result.error).toBeUndefined();
		expect(output(result)).toEqual([expect.objectContaining({ id: 41, recovered: true })]);
		expect(output(result)[0]).not.toHaveProperty('@id');
	});

	it.each(['gateway', 'connection'] as const)(
		'after a %s failure: not sent again, found by its item key in the dropoff window, output as recovered',
		async (failure) => {
			const { api, sent } = unconfirmedCreate(failure);
			api
				.get('/api/stores/3/deliveries')
				.query((query) => {
					sent.lists.push(query as IDataObject);
					return true;
				})
				.reply(() => [200, list([keyed(40, 'another-key'), keyed(41, sent.key)])]);
			const result = await run({ parameters: create() });
			expect(result.error).toBeUndefined();
			expect(sent.creates).toBe(1);
			expect(sent.key).toMatch(ITEM_KEY_VALUE);
			expect(output(result)).toEqual([expect.objectContaining({ id: 41, recovered: true })]);
			// The newest deliveries whose dropoff is due within a day of the item's (2025-06-12T13:30:00).
			expect(sent.lists[0]).toEqual({
				'order[createdAt]': 'desc',
				'dropoff.before[after]': '2025-06-11T13:30:00',
				'dropoff.before[before]': '2025-06-13T13:30:00',
			});
		},
	);

	it('looks again after a while: CoopCycle may still be saving the delivery', async () => {
		const { api, sent } = unconfirmedCreate('gateway');
		api
			.get('/api/stores/3/deliveries')
			.query(true)
			.reply(200, list([keyed(40, 'another-key')]));
		api
			.get('/api/stores/3/deliveries')
			.query(true)
			.reply(() => [200, list([keyed(41, sent.key), keyed(40, 'another-key')])]);
		const result = await run({ parameters: create() });
		expect(output(result)).toEqual([expect.objectContaining({ id: 41, recovered: true })]);
	});

	it('not found: the item fails saying so, with the key and the time, and to run it again', async () => {
		const { api, sent } = unconfirmedCreate('gateway');
		api
			.get('/api/stores/3/deliveries')
			.query(true)
			.times(2)
			.reply(200, list([keyed(40, 'another-key')]));
		const result = await run({ parameters: create() });
		expect(sent.creates).toBe(1);
		expect(result.error?.message).toMatch(
			new RegExp(
				`^CoopCycle did not confirm the creation of the delivery; no delivery with n8n_item_key "${sent.key}" was found at \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$`,
			),
		);
		expect(result.error?.description).toMatch(/504.*run the item again to create it\.$/);
		expect(`${result.error?.message} ${result.error?.description}`).not.toMatch(/Instance URL/);
	});

	it('reads the whole window when the newest page does not hold the delivery', async () => {
		const { api, sent } = unconfirmedCreate('connection');
		const many = Array.from({ length: 30 }, (_, index) => keyed(100 + index, `other-${index}`));
		// The newest 30 of 31: the one looked for is not among them; then the window, by dropoff time, in one page.
		api
			.get('/api/stores/3/deliveries')
			.query((query) => query['order[createdAt]'] === 'desc')
			.reply(200, { ...list(many), 'hydra:totalItems': 31 });
		api
			.get('/api/stores/3/deliveries')
			.query((query) => query['order[dropoff.before]'] === 'asc')
			.reply(() => [200, list([...many, keyed(41, sent.key)])]);
		const result = await run({ parameters: create() });
		expect(output(result)).toEqual([expect.objectContaining({ id: 41, recovered: true })]);
	});

	it('when the window cannot be read whole, reads the deliveries around the newest ones, one by one', async () => {
		const { api, sent } = unconfirmedCreate('gateway');
		const newest = Array.from({ length: 30 }, (_, index) => keyed(100 + index, `other-${index}`));
		// 100 deliveries in the window, which the answers do not let the reader cut (no task times in them).
		api
			.get('/api/stores/3/deliveries')
			.query(true)
			.times(2)
			.reply(200, { ...list(newest), 'hydra:totalItems': 100 });
		// Above the newest id: not created yet. Below the ids seen: another store's, then the one looked for.
		api.get('/api/deliveries/130').reply(404, { '@type': 'hydra:Error', 'hydra:description': 'Not Found' });
		api.get('/api/deliveries/99').reply(403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		api.get('/api/deliveries/98').reply(() => [200, keyed(98, sent.key)]);
		const result = await run({ parameters: create() });
		expect(output(result)).toEqual([expect.objectContaining({ id: 98, recovered: true })]);
	});

	it('with Item Key in Metadata off: no key sent, nothing looked up, the item fails saying the delivery may exist', async () => {
		const { sent } = unconfirmedCreate('gateway');
		const result = await run({ parameters: create({ itemKey: false }) });
		expect(sent.creates).toBe(1);
		expect(sent.key).toBe('undefined');
		expect(result.error?.message).toBe(
			"CoopCycle did not confirm the creation of the delivery, which may exist (CoopCycle's gateway answered 504 before CoopCycle did)",
		);
		expect(result.error?.description).toMatch(/Get Many before you run this item again/);
	});

	it('keeps the user’s own metadata beside the key', async () => {
		const { api } = coopCycle();
		let body: IDataObject = {};
		api.post('/api/deliveries').reply((_uri, sent) => {
			body = parsed(sent) as IDataObject;
			return [201, delivery(7)];
		});
		await run({ parameters: create({ dropoffDetails: { metadata: { entries: [{ key: 'order', value: 'A-1' }] } } }) });
		expect((body.dropoff as IDataObject).metadata).toEqual({
			order: 'A-1',
			n8n_item_key: expect.stringMatching(ITEM_KEY_VALUE),
		});
	});
});

describe('Delivery → Create, cash on delivery refused', () => {
	it('CoopCycle created the delivery before refusing: the error names the key it carries', async () => {
		const { api } = coopCycle();
		let key = '';
		api.post('/api/deliveries').reply((_uri, body) => {
			key = String(((parsed(body) as IDataObject).dropoff as IDataObject).metadata?.['n8n_item_key' as never]);
			return [400, { '@type': 'hydra:Error', 'hydra:description': 'order.paymentMethod is not valid' }];
		});
		const result = await run({ parameters: create({ paymentMethod: 'cash_on_delivery' }) });
		expect(result.error?.message).toMatch(/most likely created the delivery anyway$/);
		expect(result.error?.description).toMatch(
			new RegExp(`It carries "n8n_item_key": "${key}" in its dropoff’s metadata\\.$`),
		);
		expect(key).toMatch(ITEM_KEY_VALUE);
	});
});

describe('Mark Picked Up / Mark Dropped Off / Cancel, when CoopCycle does not confirm', () => {
	/** Delivery 12 as CoopCycle shows it, its pickup and dropoff in these states. */
	const delivery12 = (pickup: string, dropoff: string) => {
		const json = delivery(12);
		const tasks = [
			{ ...(json.pickup as IDataObject), status: pickup },
			{ ...(json.dropoff as IDataObject), status: dropoff },
		];
		return { ...json, pickup: tasks[0], dropoff: tasks[1], tasks };
	};

	it('Mark Picked Up: the pickup is done after all: the delivery, as recovered, and the PUT sent once', async () => {
		const { api } = coopCycle();
		let puts = 0;
		api.put('/api/deliveries/12/pick').reply(() => {
			puts++;
			return [504, GATEWAY_TIMEOUT];
		});
		api.get('/api/deliveries/12').reply(200, delivery12('DONE', 'TODO'));
		const result = await run({ parameters: { resource: 'delivery', operation: 'markPickedUp', deliveryId: '12' } });
		expect(result.error).toBeUndefined();
		expect(puts).toBe(1);
		expect(output(result)).toEqual([expect.objectContaining({ id: 12, recovered: true })]);
	});

	it('Mark Picked Up: the pickup is still to do: the item fails, saying its state', async () => {
		const { api } = coopCycle();
		api.put('/api/deliveries/12/pick').replyWithError(brokenConnection());
		api.get('/api/deliveries/12').times(2).reply(200, delivery12('TODO', 'TODO'));
		const result = await run({ parameters: { resource: 'delivery', operation: 'markPickedUp', deliveryId: '12' } });
		expect(result.error?.message).toMatch(
			/^CoopCycle did not confirm that it marked the pickup done, and at \S+Z its pickup is TODO$/,
		);
		expect(result.error?.description).toMatch(/connection broke .*Run the item again to mark the pickup\.$/);
	});

	it('Mark Dropped Off: the dropoff is done after all: recovered', async () => {
		const { api } = coopCycle();
		api.put('/api/deliveries/12/drop').reply(502, 'Bad Gateway');
		api.get('/api/deliveries/12').reply(200, delivery12('DONE', 'DONE'));
		const result = await run({ parameters: { resource: 'delivery', operation: 'markDroppedOff', deliveryId: '12' } });
		expect(output(result)).toEqual([expect.objectContaining({ id: 12, recovered: true })]);
	});

	it('Cancel: the delivery is cancelled already: recovered', async () => {
		const { api } = coopCycle();
		api.delete('/api/deliveries/12').reply(504, GATEWAY_TIMEOUT);
		api.get('/api/deliveries/12').reply(200, delivery12('CANCELLED', 'CANCELLED'));
		const result = await run({ parameters: { resource: 'delivery', operation: 'cancel', deliveryId: '12' } });
		expect(output(result)).toEqual([{ '@id': '/api/deliveries/12', id: 12, cancelled: true, recovered: true }]);
	});

	it('Cancel: not cancelled: the item fails, saying the tasks’ state', async () => {
		const { api } = coopCycle();
		api.delete('/api/deliveries/12').reply(504, GATEWAY_TIMEOUT);
		api.get('/api/deliveries/12').times(2).reply(200, delivery12('TODO', 'TODO'));
		const result = await run({ parameters: { resource: 'delivery', operation: 'cancel', deliveryId: '12' } });
		expect(result.error?.message).toMatch(
			/^CoopCycle did not confirm that it cancelled the delivery, and at \S+ its tasks are TODO$/,
		);
	});
});

describe('Confirm Quote: once per quote in an execution, never sent twice', () => {
	const confirm = (quoteId: string) => ({ resource: 'delivery', operation: 'confirmQuote', quoteId });
	const confirmed = (quote: number, deliveryIri: string) => ({
		'@context': '/api/contexts/DeliveryQuote',
		'@id': `/api/deliveries/quotes/${quote}/confirm`,
		'@type': 'DeliveryQuote',
		delivery: deliveryIri,
	});

	it('two items naming the same quote: confirmed once; the other item fails, naming the quote', async () => {
		const { api } = coopCycle();
		let puts = 0;
		api.put('/api/deliveries/quotes/5/confirm').reply(() => {
			puts++;
			return [200, confirmed(5, '/api/deliveries/30')];
		});
		api.put('/api/deliveries/quotes/6/confirm').reply(200, confirmed(6, '/api/deliveries/31'));
		const result = await run({
			parameters: confirm('={{ $json.quote }}'),
			items: [{ quote: '/api/delivery_quotes/5' }, { quote: '5' }, { quote: '6' }],
			continueOnFail: true,
		});
		expect(puts).toBe(1);
		const jsons = output(result);
		expect(jsons).toHaveLength(3);
		const failed = jsons.filter((json) => json.error !== undefined);
		expect(failed).toHaveLength(1);
		expect(String(failed[0].error)).toMatch(
			/^Quote 5 (was already confirmed|was already sent for confirmation) in this execution, by item \d/,
		);
		expect(
			jsons
				.filter((json) => json.delivery)
				.map((json) => json.delivery)
				.sort(),
		).toEqual(['/api/deliveries/30', '/api/deliveries/31']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('the same quote in another execution is confirmed again (as CoopCycle allows)', async () => {
		const { api } = coopCycle();
		api.put('/api/deliveries/quotes/7/confirm').times(2).reply(200, confirmed(7, '/api/deliveries/32'));
		for (let run_ = 0; run_ < 2; run_++) {
			const result = await run({ parameters: confirm('7') });
			expect(result.error).toBeUndefined();
		}
	});

	it('after a 504: not sent again, the item fails saying the delivery may exist', async () => {
		const { api } = coopCycle();
		let puts = 0;
		api.put('/api/deliveries/quotes/9/confirm').reply(() => {
			puts++;
			return [504, GATEWAY_TIMEOUT];
		});
		const result = await run({ parameters: confirm('9') });
		expect(puts).toBe(1);
		expect(result.error?.message).toBe('CoopCycle did not confirm quote 9: its delivery may exist');
		expect(result.error?.description).toMatch(/creates a new delivery each time a quote is confirmed/);
	});
});
