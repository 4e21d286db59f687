import type { IDataObject } from 'n8n-workflow';

import { coopCycle, delivery, INSTANCE, output, run, setUpNock } from './helpers';

setUpNock();

const LD_JSON = 'application/ld+json';

/** nock leaves JSON-LD bodies as text (it parses only application/json). */
function parsed(body: unknown): unknown {
	return typeof body === 'string' && body !== '' ? JSON.parse(body) : body;
}

/** A write route that checks the JSON-LD headers and records the body it got. */
function expectWrite(
	method: 'post' | 'put',
	path: string,
	reply: IDataObject | IDataObject[],
	status = method === 'post' ? 201 : 200,
): { bodies: unknown[] } {
	const { api } = coopCycle();
	const seen = { bodies: [] as unknown[] };
	api[method](path)
		.matchHeader('content-type', LD_JSON)
		.matchHeader('accept', LD_JSON)
		.reply(status, (_uri, body) => {
			seen.bodies.push(parsed(body));
			return reply;
		});
	return seen;
}

/** CoopCycle's 400 answer listing one violation. */
const violationList = (propertyPath: string, message: string) => ({
	'@context': '/api/contexts/ConstraintViolationList',
	'@type': 'ConstraintViolationList',
	'hydra:title': 'An error occurred',
	'hydra:description': `${propertyPath}: ${message}`,
	violations: [{ propertyPath, message, code: null }],
});

const create = (parameters: IDataObject) => ({ resource: 'delivery', operation: 'create', ...parameters });
const update = (parameters: IDataObject) => ({ resource: 'delivery', operation: 'update', ...parameters });

const WINDOW = {
	dropoffAddress: '48 Rue de Rivoli, 75004 Paris',
	dropoffTimeMode: 'window',
	dropoffAfter: '2025-06-12T12:00:00',
	dropoffBefore: '2025-06-12T13:30:00',
};

describe('Delivery → Create', () => {
	test('POSTs the dropoff as JSON-LD; the pickup defaults to the store address', async () => {
		const seen = expectWrite('post', '/api/deliveries', delivery(7));
		const result = await run({ parameters: create(WINDOW) });
		expect(result.error).toBeUndefined();
		expect(seen.bodies).toEqual([
			{
				dropoff: {
					address: '48 Rue de Rivoli, 75004 Paris',
					after: '2025-06-12T12:00:00',
					before: '2025-06-12T13:30:00',
				},
			},
		]);
		expect(output(result)[0]).toMatchObject({ id: 7, '@id': '/api/deliveries/7', trackingUrl: `${INSTANCE}/d/abc7` });
		expect(output(result)[0]['@context']).toBeUndefined();
	});

	test('sends pickup and dropoff with address details, time slot and task details', async () => {
		const seen = expectWrite('post', '/api/deliveries', delivery(8));
		await run({
			parameters: create({
				pickupAddress: '/api/addresses/4',
				pickupTimeMode: 'deadline',
				pickupBefore: '2025-06-12T11:00:00',
				dropoffAddress: '48 Rue de Rivoli, 75004 Paris',
				dropoffTimeMode: 'timeSlot',
				dropoffTimeSlot: '2025-06-12 12:00-14:00',
				dropoffDetails: {
					contactName: 'John Doe',
					telephone: '0612345678',
					description: 'Code 1234, 2nd floor',
					latitude: 48.857127,
					longitude: 2.354766,
					comments: 'Ring twice',
					weight: 2500,
					packages: { package: [{ type: 'XL', quantity: 2 }] },
					tags: 'cold, fragile',
					metadata: { entries: [{ key: 'order', value: 'A-1001' }] },
					timeSlotUrl: 'https://acme.coopcycle.test/api/time_slots/1',
				},
			}),
		});
		expect(seen.bodies).toEqual([
			{
				pickup: { address: '/api/addresses/4', before: '2025-06-12T11:00:00' },
				dropoff: {
					address: {
						streetAddress: '48 Rue de Rivoli, 75004 Paris',
						contactName: 'John Doe',
						telephone: '0612345678',
						description: 'Code 1234, 2nd floor',
						latLng: [48.857127, 2.354766],
					},
					timeSlot: '2025-06-12 12:00-14:00',
					comments: 'Ring twice',
					weight: 2500,
					packages: [{ type: 'XL', quantity: 2 }],
					tags: ['cold', 'fragile'],
					metadata: { order: 'A-1001' },
					timeSlotUrl: '/api/time_slots/1',
				},
			},
		]);
	});

	test('takes an address object from an expression', async () => {
		const seen = expectWrite('post', '/api/deliveries', delivery(9));
		await run({
			parameters: create({ ...WINDOW, dropoffAddress: '={{ $json.address }}' }),
			items: [{ address: { streetAddress: '1 Rue de la Paix, Paris', contactName: 'Ann' } }],
		});
		expect((seen.bodies[0] as IDataObject).dropoff).toMatchObject({
			address: { streetAddress: '1 Rue de la Paix, Paris', contactName: 'Ann' },
		});
	});

	/** A dropoff address as CoopCycle gives it in its answers (Simplify adds the plain id). */
	const SAVED_ADDRESS = {
		'@id': '/api/addresses/4',
		'@type': 'http://schema.org/Place',
		id: 4,
		geo: { '@type': 'GeoCoordinates', latitude: 48.857127, longitude: 2.354766 },
		streetAddress: '48 Rue de Rivoli, 75004 Paris',
		telephone: '+33612345678',
		name: null,
		contactName: 'John Doe',
		description: null,
		provider: null,
	};
	/** What is sent instead: the fields, as a new address; never "@id", which would rewrite address 4. */
	const AS_NEW_ADDRESS = {
		streetAddress: '48 Rue de Rivoli, 75004 Paris',
		telephone: '+33612345678',
		name: null,
		contactName: 'Jane Roe',
		description: null,
		provider: null,
		latLng: [48.857127, 2.354766],
	};
	const addressesSent = (body: unknown) => JSON.stringify(body).match(/"@(id|type|context)"/g) ?? [];

	test('an address object with an @id is sent as a new address, so the saved one is never rewritten', async () => {
		const seen = expectWrite('post', '/api/deliveries', delivery(9));
		await run({
			parameters: create({ ...WINDOW, dropoffAddress: '={{ $json.address }}' }),
			items: [{ address: { ...SAVED_ADDRESS, contactName: 'Jane Roe' } }],
		});
		expect((seen.bodies[0] as IDataObject).dropoff).toMatchObject({ address: AS_NEW_ADDRESS });
		expect(addressesSent(seen.bodies)).toEqual([]);
	});

	test('an address object with an @id in Tasks (JSON) or on Update is sent without it too', async () => {
		const tasks = [
			{
				type: 'pickup',
				address: { '@id': '/api/addresses/2', '@type': 'http://schema.org/Place' },
				before: '2025-06-12 12:00',
			},
			{ type: 'dropoff', address: { ...SAVED_ADDRESS, contactName: 'Jane Roe' }, before: '2025-06-12 13:00' },
		];
		const created = expectWrite('post', '/api/deliveries', delivery(10));
		await run({ parameters: create({ taskMode: 'tasks', tasksJson: JSON.stringify(tasks) }) });
		expect(created.bodies).toEqual([
			{
				tasks: [
					{ type: 'pickup', address: '/api/addresses/2', before: '2025-06-12 12:00' },
					{ type: 'dropoff', address: AS_NEW_ADDRESS, before: '2025-06-12 13:00' },
				],
			},
		]);
		const updated = expectWrite('put', '/api/deliveries/12', delivery(12));
		await run({
			parameters: update({ deliveryId: '12', dropoffAddress: '={{ $json.address }}' }),
			items: [{ address: { ...SAVED_ADDRESS, contactName: 'Jane Roe' } }],
		});
		expect(updated.bodies).toEqual([{ dropoff: { address: AS_NEW_ADDRESS } }]);
	});

	test('Tasks (JSON) accepts pickups without times, and a first pickup without address, as CoopCycle does', async () => {
		// CoopCycle estimates the pickups' times from the dropoff time and the route; the first pickup without an
		// address is the store (features/deliveries_multi.feature, "without time slot for pickups").
		const tasks = [
			{ type: 'pickup' },
			{ type: 'pickup', address: '101 Rue de la Paix, Paris' },
			{ type: 'dropoff', address: '48 Rue de Rivoli, Paris', before: '2025-06-12 13:30' },
		];
		const seen = expectWrite('post', '/api/deliveries', delivery(11));
		const result = await run({ parameters: create({ taskMode: 'tasks', tasksJson: tasks }) });
		expect(result.error).toBeUndefined();
		expect(seen.bodies).toEqual([{ tasks }]);
	});

	test('sends several tasks in the advanced mode', async () => {
		const tasks = [
			{ type: 'pickup', address: '24 Rue de la Paix', before: '2025-06-12 12:00' },
			{ type: 'dropoff', address: '48 Rue de Rivoli', before: '2025-06-12 13:00' },
			{ type: 'DROPOFF', address: '1 Place de la Bastille', timeSlot: '2025-06-12 13:00-14:00' },
		];
		const seen = expectWrite('post', '/api/deliveries', delivery(10));
		await run({ parameters: create({ taskMode: 'tasks', tasksJson: JSON.stringify(tasks) }) });
		expect(seen.bodies).toEqual([{ tasks }]);
	});

	test.each([
		// Required fields left empty are refused by n8n itself; these come empty out of expressions.
		[{ dropoffAddress: '={{ "" }}' }, /^Dropoff Address is empty/],
		[{ dropoffAfter: '={{ "" }}' }, /^Dropoff Earliest Time is empty/],
		[{ dropoffBefore: '={{ $json.missing }}' }, /^Dropoff Latest Time is empty/],
		[{ dropoffAfter: '2025-06-12T14:00:00' }, /^Dropoff Earliest Time .* must be before Dropoff Latest Time/],
		[{ dropoffTimeMode: 'timeSlot', dropoffTimeSlot: 'tomorrow' }, /^Dropoff Time Slot "tomorrow" is not a time slot/],
		[{ dropoffDetails: { latitude: 48.8 } }, /^Dropoff Details: give both Latitude and Longitude/],
		[{ dropoffDetails: { weight: 2.5 } }, /Weight \(Grams\) must be a whole number/],
		[{ dropoffDetails: { packages: { package: [{ type: '', quantity: 1 }] } } }, /a package has no Type/],
		[
			{ dropoffAddress: '/api/addresses/3', dropoffDetails: { contactName: 'Ann' } },
			/^Dropoff Address is a saved address/,
		],
		[{ pickupAddress: '', pickupDetails: { telephone: '0612' } }, /^Pickup Address is empty, but Pickup Details/],
		[{ dropoffDetails: { timeSlotUrl: 'slot one' } }, /Check Against Time Slot "slot one"/],
		[{ taskMode: 'tasks', tasksJson: '[{"type": "pickup"' }, /^Tasks \(JSON\) is not valid JSON/],
		[
			{
				taskMode: 'tasks',
				tasksJson:
					'[{"type": "dropoff", "address": "a", "before": "b"}, {"type": "pickup", "address": "a", "before": "b"}]',
			},
			/first task must be a pickup/,
		],
		[
			{
				taskMode: 'tasks',
				tasksJson: '[{"type": "pickup", "address": "a"}, {"type": "dropoff", "address": "a"}]',
			},
			/^Tasks \(JSON\): task 2 is a dropoff with neither "before" nor "timeSlot"$/,
		],
		[
			{
				taskMode: 'tasks',
				tasksJson: '[{"type": "pickup"}, {"type": "pickup"}, {"type": "dropoff", "address": "b", "before": "c"}]',
			},
			/^Tasks \(JSON\): task 2 has no "address"$/,
		],
	])('checks the fields before sending: %j', async (change, message) => {
		coopCycle(); // nothing may be sent
		const result = await run({ parameters: create({ ...WINDOW, ...change }) });
		expect(result.error?.message).toMatch(message);
	});

	test('shows the 15-minute trap: a notice and a named option', async () => {
		const { CoopCycle } = await import('../../nodes/CoopCycle/CoopCycle.node');
		const properties = new CoopCycle().description.properties;
		const notice = properties.find((property) => property.name === 'dropoffDeadlineNotice');
		expect(notice?.type).toBe('notice');
		expect(notice?.displayName).toMatch(/15-minute window/);
		const modes = properties.find((property) => property.name === 'dropoffTimeMode');
		expect(JSON.stringify(modes?.options)).toMatch(/Latest Time Only \(15-Minute Window\)/);
		expect(modes?.default).toBe('window');
	});
});

describe('Delivery operations that send a delivery body', () => {
	test('Get Price POSTs to /api/retail_prices/calculate, with tax=excluded when asked', async () => {
		const { api } = coopCycle();
		let body: unknown;
		api
			.post('/api/retail_prices/calculate')
			.query({ tax: 'excluded' })
			.matchHeader('content-type', LD_JSON)
			.reply(200, (_uri, requestBody) => {
				body = parsed(requestBody);
				return {
					'@context': '/api/contexts/RetailPrice',
					'@type': 'RetailPrice',
					amount: 416,
					currency: 'EUR',
					tax: { amount: 0, included: false },
				};
			});
		const result = await run({
			parameters: { resource: 'delivery', operation: 'getPrice', ...WINDOW, tax: 'excluded' },
		});
		expect(body).toEqual({
			dropoff: { address: WINDOW.dropoffAddress, after: WINDOW.dropoffAfter, before: WINDOW.dropoffBefore },
		});
		expect(output(result)).toEqual([
			{ '@type': 'RetailPrice', amount: 416, currency: 'EUR', tax: { amount: 0, included: false } },
		]);
	});

	test('Get Price sends no tax parameter when tax is included', async () => {
		const { api } = coopCycle();
		api.post('/api/retail_prices/calculate').query({}).reply(200, { amount: 499, currency: 'EUR' });
		const result = await run({ parameters: { resource: 'delivery', operation: 'getPrice', ...WINDOW } });
		expect(output(result)[0].amount).toBe(499);
	});

	test('Check Feasibility answers feasible: true on 200 []', async () => {
		const seen = expectWrite('post', '/api/deliveries/assert', [], 200);
		const result = await run({ parameters: { resource: 'delivery', operation: 'checkFeasibility', ...WINDOW } });
		expect(seen.bodies).toHaveLength(1);
		expect(output(result)).toEqual([{ feasible: true, violations: [] }]);
	});

	test('Check Feasibility answers feasible: false with the violations, not an error', async () => {
		const { api } = coopCycle();
		api
			.post('/api/deliveries/assert')
			.reply(400, violationList('items', 'Your request is out of the accepted zone or too far'));
		const result = await run({ parameters: { resource: 'delivery', operation: 'checkFeasibility', ...WINDOW } });
		expect(result.error).toBeUndefined();
		expect(output(result)).toEqual([
			{
				feasible: false,
				violations: [
					{ propertyPath: 'items', message: 'Your request is out of the accepted zone or too far', code: null },
				],
				message: 'items: Your request is out of the accepted zone or too far',
			},
		]);
	});

	test('Check Feasibility: a violation on a field is a mistake to fix, named in an error, not "not feasible"', async () => {
		const { api } = coopCycle();
		api
			.post('/api/deliveries/assert')
			.reply(400, violationList('items[1].task.address.streetAddress', 'This value should not be blank.'));
		const result = await run({ parameters: { resource: 'delivery', operation: 'checkFeasibility', ...WINDOW } });
		expect(output(result)).toEqual([]);
		expect(result.error?.message).toBe(
			'CoopCycle rejected the request: items[1].task.address.streetAddress: This value should not be blank.',
		);
	});

	test.each([
		[
			{ pickupTimeMode: 'window', pickupAfter: '2025-06-12T13:00:00', pickupBefore: '2025-06-12T14:00:00' },
			'Pickup Time ends after Dropoff Time: the pickup must be done first',
		],
		[
			{ pickupTimeMode: 'timeSlot', pickupTimeSlot: '2025-06-12 12:00-14:00' },
			'Pickup Time ends after Dropoff Time: the pickup must be done first',
		],
		[
			{
				taskMode: 'tasks',
				tasksJson: [
					{ type: 'pickup', address: 'a', before: '2025-06-12 15:00' },
					{ type: 'dropoff', address: 'b', before: '2025-06-12 16:00' },
					{ type: 'dropoff', address: 'c', before: '2025-06-12 14:00' },
				],
			},
			'Tasks (JSON): task 1 (pickup) ends after task 3 (dropoff): the pickup must be done first',
		],
	])(
		'Check Feasibility and Create refuse a pickup that ends after a dropoff, before sending: %j',
		async (change, message) => {
			coopCycle(); // nothing may be sent
			for (const operation of ['checkFeasibility', 'create']) {
				const result = await run({ parameters: { resource: 'delivery', operation, ...WINDOW, ...change } });
				expect(result.error?.message).toBe(message);
			}
		},
	);

	test('Create Quote POSTs to /api/deliveries/quotes and exposes the quote id', async () => {
		const seen = expectWrite('post', '/api/deliveries/quotes', {
			'@context': '/api/contexts/DeliveryQuote',
			'@id': '/api/delivery_quotes/5',
			'@type': 'DeliveryQuote',
			amount: 499,
			currency: 'EUR',
			expiresAt: '2025-06-13T10:00:00+02:00',
		});
		const result = await run({ parameters: { resource: 'delivery', operation: 'createQuote', ...WINDOW } });
		expect(seen.bodies).toHaveLength(1);
		expect(output(result)[0]).toMatchObject({ '@id': '/api/delivery_quotes/5', id: 5, amount: 499 });
	});

	test('Create Quote sends metadata as key=value words, the only form a confirmed quote keeps', async () => {
		const quote = { '@id': '/api/delivery_quotes/5', '@type': 'DeliveryQuote', amount: 499 };
		const fields = expectWrite('post', '/api/deliveries/quotes', quote);
		await run({
			parameters: {
				resource: 'delivery',
				operation: 'createQuote',
				...WINDOW,
				dropoffDetails: {
					metadata: {
						entries: [
							{ key: 'order', value: 'A-1001' },
							{ key: 'channel', value: 'web' },
						],
					},
				},
			},
		});
		expect((fields.bodies[0] as IDataObject).dropoff).toMatchObject({ metadata: 'order=A-1001 channel=web' });

		const tasks = expectWrite('post', '/api/deliveries/quotes', quote);
		const list = [
			{ type: 'pickup', address: '24 Rue de la Paix', before: '2025-06-12 12:00', metadata: {} },
			{
				type: 'dropoff',
				address: '48 Rue de Rivoli',
				before: '2025-06-12 13:00',
				metadata: { order: 1001, gift: true },
			},
		];
		await run({ parameters: { resource: 'delivery', operation: 'createQuote', taskMode: 'tasks', tasksJson: list } });
		expect(tasks.bodies).toEqual([
			{
				tasks: [
					{ type: 'pickup', address: '24 Rue de la Paix', before: '2025-06-12 12:00' },
					{
						type: 'dropoff',
						address: '48 Rue de Rivoli',
						before: '2025-06-12 13:00',
						metadata: 'order=1001 gift=true',
					},
				],
			},
		]);
	});

	test.each([
		[{ dropoffDetails: { metadata: { entries: [{ key: 'order', value: 'A 1001' }] } } }, 'Dropoff Details'],
		[{ dropoffDetails: { metadata: { entries: [{ key: 'a=b', value: 'c' }] } } }, 'Dropoff Details'],
		[
			{
				taskMode: 'tasks',
				tasksJson: [
					{ type: 'pickup', address: 'a', before: '2025-06-12 12:00' },
					{ type: 'dropoff', address: 'b', before: '2025-06-12 13:00', metadata: { order: { id: 1 } } },
				],
			},
			'Tasks (JSON): task 2',
		],
	])('Create Quote refuses metadata a confirmed quote would lose, before sending: %j', async (change, where) => {
		coopCycle(); // nothing may be sent
		const result = await run({ parameters: { resource: 'delivery', operation: 'createQuote', ...WINDOW, ...change } });
		expect(result.error?.message).toMatch(
			new RegExp(`^${where.replace(/[()]/g, '\\$&')}: the Metadata ".*" cannot be kept by a quote$`),
		);
		expect(result.error?.description).toMatch(/no spaces and no "="/);
	});

	test.each(['5', '/api/delivery_quotes/5', `${INSTANCE}/api/delivery_quotes/5`, '/api/deliveries/quotes/5/confirm'])(
		'Confirm Quote PUTs {} to /api/deliveries/quotes/5/confirm (quote given as %j)',
		async (quoteId) => {
			const seen = expectWrite('put', '/api/deliveries/quotes/5/confirm', {
				'@context': '/api/contexts/DeliveryQuote',
				'@id': '/api/deliveries/quotes/5/confirm',
				'@type': 'DeliveryQuote',
				delivery: '/api/deliveries/12',
			});
			const result = await run({ parameters: { resource: 'delivery', operation: 'confirmQuote', quoteId } });
			expect(seen.bodies).toEqual([{}]);
			expect(output(result)[0]).toMatchObject({ delivery: '/api/deliveries/12', deliveryId: 12 });
		},
	);
});

describe('Delivery operations on one delivery', () => {
	test.each([
		'12',
		' 12 ',
		'/api/deliveries/12',
		`${INSTANCE}/api/deliveries/12`,
		'https://other.example/api/deliveries/12?x=1',
	])('Get accepts the id, IRI or URL %j', async (deliveryId) => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').matchHeader('accept', LD_JSON).reply(200, delivery(12));
		const result = await run({ parameters: { resource: 'delivery', operation: 'get', deliveryId } });
		expect(output(result)[0].id).toBe(12);
	});

	test.each(['abc', '/api/tasks/12', '12a', '={{ "" }}'])(
		'refuses %j as a Delivery ID before sending',
		async (deliveryId) => {
			coopCycle();
			const result = await run({ parameters: { resource: 'delivery', operation: 'get', deliveryId } });
			expect(result.error?.message).toBe(
				`Delivery ID: "${deliveryId.startsWith('=') ? '' : deliveryId}" is not a CoopCycle id`,
			);
			expect(result.error?.description).toMatch(/\/api\/deliveries\/12/);
		},
	);

	test('Get without Simplify keeps the answer as CoopCycle gave it', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').reply(200, delivery(12));
		const result = await run({
			parameters: { resource: 'delivery', operation: 'get', deliveryId: '12', simplify: false },
		});
		expect(output(result)).toEqual([delivery(12)]);
	});

	test('Update PUTs only the changed fields', async () => {
		const seen = expectWrite('put', '/api/deliveries/12', delivery(12));
		await run({
			parameters: update({
				deliveryId: '/api/deliveries/12',
				dropoffDetails: { comments: 'Leave at the reception', tags: 'cold' },
				pickupTimeMode: 'window',
				pickupAfter: '2025-06-12T10:00:00',
				pickupBefore: '2025-06-12T11:00:00',
			}),
		});
		expect(seen.bodies).toEqual([
			{
				pickup: { after: '2025-06-12T10:00:00', before: '2025-06-12T11:00:00' },
				dropoff: { comments: 'Leave at the reception', tags: ['cold'] },
			},
		]);
	});

	test('Update with a latest time only sends just that, and says the earliest time stays', async () => {
		const seen = expectWrite('put', '/api/deliveries/12', delivery(12));
		await run({
			parameters: update({ deliveryId: '12', dropoffTimeMode: 'deadline', dropoffBefore: '2025-06-12T18:00:00' }),
		});
		expect(seen.bodies).toEqual([{ dropoff: { before: '2025-06-12T18:00:00' } }]);
		const { CoopCycle } = await import('../../nodes/CoopCycle/CoopCycle.node');
		const properties = new CoopCycle().description.properties;
		const forUpdate = (name: string) =>
			properties.find(
				(property) => property.name === name && property.displayOptions?.show?.operation?.includes('update') === true,
			);
		const notice = forUpdate('dropoffDeadlineNotice');
		expect(notice?.displayName).toMatch(/^Only the latest time changes: the earliest time stays as it was/);
		expect(notice?.displayName).not.toMatch(/15-minute window ending/);
		expect(JSON.stringify(forUpdate('dropoffTimeMode')?.options)).toMatch(
			/"Latest Time Only \(Earliest Time Unchanged\)"/,
		);
	});

	test('Update with a tasks list sends it, and warns that omitted tasks are cancelled', async () => {
		const tasks = [{ id: 23, comments: 'x' }, { id: 24 }];
		const seen = expectWrite('put', '/api/deliveries/12', delivery(12));
		await run({
			parameters: { resource: 'delivery', operation: 'update', deliveryId: '12', taskMode: 'tasks', tasksJson: tasks },
		});
		expect(seen.bodies).toEqual([{ tasks }]);
		const { CoopCycle } = await import('../../nodes/CoopCycle/CoopCycle.node');
		const notice = new CoopCycle().description.properties.find((property) => property.name === 'tasksUpdateNotice');
		expect(notice?.displayName).toMatch(/cancels every task of the delivery that is not in this list/);
	});

	test('Update with nothing to change is refused before sending', async () => {
		coopCycle();
		const result = await run({ parameters: { resource: 'delivery', operation: 'update', deliveryId: '12' } });
		expect(result.error?.message).toBe('Nothing to update');
	});

	test('Cancel DELETEs the delivery and says which one was cancelled', async () => {
		const { api } = coopCycle();
		api.delete('/api/deliveries/12').reply(204);
		const result = await run({
			parameters: { resource: 'delivery', operation: 'cancel', deliveryId: `${INSTANCE}/api/deliveries/12` },
		});
		expect(output(result)).toEqual([{ '@id': '/api/deliveries/12', id: 12, cancelled: true }]);
	});

	test.each([
		['markPickedUp', 'pick'],
		['markDroppedOff', 'drop'],
	])('%s PUTs to /api/deliveries/12/%s with the notes', async (operation, action) => {
		const seen = expectWrite('put', `/api/deliveries/12/${action}`, {
			...delivery(12),
			'@id': `/api/deliveries/12/${action}`,
		});
		const result = await run({
			parameters: { resource: 'delivery', operation, deliveryId: '12', notes: 'Given to the concierge' },
		});
		expect(seen.bodies).toEqual([{ comments: 'Given to the concierge' }]);
		expect(output(result)[0].id).toBe(12);
	});

	test('Mark Picked Up sends an empty JSON object without notes', async () => {
		const seen = expectWrite('put', '/api/deliveries/12/pick', delivery(12));
		await run({ parameters: { resource: 'delivery', operation: 'markPickedUp', deliveryId: '12' } });
		expect(seen.bodies).toEqual([{}]);
	});
});
