import type { IDataObject } from 'n8n-workflow';

import { CoopCycleOAuth2Api } from '../../credentials/CoopCycleOAuth2Api.credentials';
import { CoopCycle } from '../../nodes/CoopCycle/CoopCycle.node';
import { loadOptions } from '../../../shared/test/harness/loadOptions';
import {
	AS_NEW_ADDRESS,
	coopCycle,
	delivery,
	expectWrite,
	failure,
	INSTANCE,
	jsonLdKeysIn,
	newCredential,
	output,
	PICKUP_AFTER_DROPOFF,
	run,
	SAVED_ADDRESS,
	TIME_SLOT_CHOICES,
	WINDOW,
} from '../fixtures';

const create = (parameters: IDataObject) => ({ resource: 'delivery', operation: 'create', ...parameters });
/** An address CoopCycle cannot find on the map (the sandbox answers 500 to it, as CoopCycle does). */
const NOWHERE = { ...WINDOW, dropoffAddress: '1 Nowhere Lane' };

describe('Delivery → Create', () => {
	it('POSTs the dropoff as JSON-LD; the pickup defaults to the store address', async () => {
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

	it('is not sent twice when the connection broke: CoopCycle may have created it already', async () => {
		const { api } = coopCycle();
		api.post('/api/deliveries').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const result = await run({ parameters: create(WINDOW) });
		expect(result.error?.message).toBe(
			'CoopCycle did not confirm that it created the delivery: it may have done it; check before running the item again',
		);
		expect(result.error?.description).toContain(
			'It was not sent again: the connection broke after the request went out (ECONNRESET)',
		);
		expect(result.error?.description).not.toContain('Instance URL');
	});

	it('sends pickup and dropoff with address details, time slot and task details', async () => {
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

	it('takes an address object from an expression', async () => {
		const seen = expectWrite('post', '/api/deliveries', delivery(9));
		await run({
			parameters: create({ ...WINDOW, dropoffAddress: '={{ $json.address }}' }),
			items: [{ address: { streetAddress: '1 Rue de la Paix, Paris', contactName: 'Ann' } }],
		});
		expect((seen.bodies[0] as IDataObject).dropoff).toMatchObject({
			address: { streetAddress: '1 Rue de la Paix, Paris', contactName: 'Ann' },
		});
	});

	it('an address object with an @id is sent as a new address, so the saved one is never rewritten', async () => {
		const seen = expectWrite('post', '/api/deliveries', delivery(9));
		await run({
			parameters: create({ ...WINDOW, dropoffAddress: '={{ $json.address }}' }),
			items: [{ address: { ...SAVED_ADDRESS, contactName: 'Jane Roe' } }],
		});
		expect((seen.bodies[0] as IDataObject).dropoff).toMatchObject({ address: AS_NEW_ADDRESS });
		expect(jsonLdKeysIn(seen.bodies)).toEqual([]);
	});

	it('Tasks "From the Input Item" sends each incoming item as its delivery, nothing mapped', async () => {
		const seen = expectWrite('post', '/api/deliveries', delivery(9));
		const item = {
			pickup: { address: { ...SAVED_ADDRESS, contactName: 'Jane Roe' }, before: '2025-06-12T11:30:00' },
			dropoff: {
				address: '48 Rue de Rivoli, 75004 Paris',
				after: '2025-06-12T12:00:00',
				before: '2025-06-12T13:30:00',
			},
			orderNumber: 'A-1001',
		};
		const result = await run({ parameters: create({ taskMode: 'item' }), items: [item] });
		expect(result.error).toBeUndefined();
		// Only the delivery is sent (the item's other data stays in the workflow); a saved address object goes as new.
		expect(seen.bodies).toEqual([
			{ pickup: { address: AS_NEW_ADDRESS, before: '2025-06-12T11:30:00' }, dropoff: item.dropoff },
		]);
	});

	it('Tasks "From the Input Item" takes a "tasks" list, checked as Tasks (JSON) is', async () => {
		const seen = expectWrite('post', '/api/deliveries', delivery(9));
		const tasks = [
			{ type: 'pickup', address: '24 Rue de la Paix, Paris' },
			{ type: 'dropoff', address: '48 Rue de Rivoli, Paris', before: '2025-06-12 13:00' },
		];
		await run({ parameters: create({ taskMode: 'item' }), items: [{ tasks }] });
		expect(seen.bodies).toEqual([{ tasks }]);
	});

	it.each([
		[{ address: '48 Rue de Rivoli' }, 'The input item has no "dropoff"'],
		[{ dropoff: 'Rue de Rivoli' }, 'The input item’s "dropoff" is not an object'],
		[{ dropoff: { before: '2025-06-12 13:00' } }, 'The input item’s dropoff has no "address"'],
		[{ dropoff: { address: '48 Rue de Rivoli' } }, 'The input item’s dropoff has neither "before" nor "timeSlot"'],
		[
			{ tasks: [{ type: 'dropoff', address: 'x', before: '2025-06-12 13:00' }] },
			'The input item’s "tasks" needs at least two tasks',
		],
	])('Tasks "From the Input Item" refuses %j before sending', async (item, message) => {
		const result = await run({ parameters: create({ taskMode: 'item' }), items: [item] });
		expect(result.error?.message).toContain(message);
	});

	it('an address object with an @id in Tasks (JSON) is sent without it too', async () => {
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
	});

	it('Tasks (JSON) accepts pickups without times, and a first pickup without address, as CoopCycle does', async () => {
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

	it('sends several tasks in the advanced mode', async () => {
		const tasks = [
			{ type: 'pickup', address: '24 Rue de la Paix', before: '2025-06-12 12:00' },
			{ type: 'dropoff', address: '48 Rue de Rivoli', before: '2025-06-12 13:00' },
			{ type: 'DROPOFF', address: '1 Place de la Bastille', timeSlot: '2025-06-12 13:00-14:00' },
		];
		const seen = expectWrite('post', '/api/deliveries', delivery(10));
		await run({ parameters: create({ taskMode: 'tasks', tasksJson: JSON.stringify(tasks) }) });
		expect(seen.bodies).toEqual([{ tasks }]);
	});

	it.each([
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

	it.each(PICKUP_AFTER_DROPOFF)(
		'refuses a pickup that ends after a dropoff, before sending: %j',
		async (change, message) => {
			coopCycle(); // nothing may be sent
			const result = await run({ parameters: create({ ...WINDOW, ...change }) });
			expect(result.error?.message).toBe(message);
		},
	);

	it('shows the 15-minute trap: a notice and a named option', async () => {
		const properties = new CoopCycle().description.properties.filter(
			(property) => property.displayOptions?.show?.operation?.includes('create') === true,
		);
		const notice = properties.find((property) => property.name === 'dropoffDeadlineNotice');
		expect(notice?.type).toBe('notice');
		expect(notice?.displayName).toMatch(/15-minute window/);
		const modes = properties.find((property) => property.name === 'dropoffTimeMode');
		expect(JSON.stringify(modes?.options)).toMatch(/Latest Time Only \(15-Minute Window\)/);
		expect(modes?.default).toBe('window');
	});

	it('the Create time slot dropdown loads the store’s choices', async () => {
		const { api } = coopCycle();
		api.get('/api/time_slots/choices').matchHeader('accept', 'application/ld+json').reply(200, TIME_SLOT_CHOICES);
		const choices = await loadOptions(new CoopCycle(), new CoopCycleOAuth2Api(), newCredential(), 'dropoffTimeSlot', {
			resource: 'delivery',
			operation: 'create',
			dropoffTimeMode: 'timeSlot',
		});
		expect(choices).toEqual([
			{
				name: 'Today 10:00-12:00',
				value: '2025-06-12T08:00:00Z/2025-06-12T10:00:00Z',
				description: '2025-06-12T08:00:00Z/2025-06-12T10:00:00Z',
			},
			{
				name: 'Today 12:00-14:00',
				value: '2025-06-12T10:00:00Z/2025-06-12T12:00:00Z',
				description: '2025-06-12T10:00:00Z/2025-06-12T12:00:00Z',
			},
		]);
	});
});

describe('Delivery → Create: errors', () => {
	it('400 ConstraintViolationList lists each propertyPath: message', async () => {
		const error = await failure(create(NOWHERE), 400, {
			'@context': '/api/contexts/ConstraintViolationList',
			'@type': 'ConstraintViolationList',
			'hydra:title': 'An error occurred',
			'hydra:description': 'items[0].task.doneBefore: This value should not be blank.',
			violations: [
				{ propertyPath: 'items[0].task.doneBefore', message: 'This value should not be blank.', code: 'c1' },
				{ propertyPath: 'items[1].task.doneBefore', message: 'This value should not be blank.', code: 'c1' },
			],
		});
		expect(error?.message).toBe(
			'CoopCycle rejected the request: items[0].task.doneBefore: This value should not be blank.; items[1].task.doneBefore: This value should not be blank.',
		);
		expect(error?.httpCode).toBe('400');
	});

	it('400 hydra:Error gives the hydra:description', async () => {
		const error = await failure(create(NOWHERE), 400, {
			'@context': '/api/contexts/Error',
			'@type': 'hydra:Error',
			'hydra:title': 'An error occurred',
			'hydra:description': 'The string supplied did not seem to be a phone number.',
		});
		expect(error?.message).toBe(
			'CoopCycle rejected the request: The string supplied did not seem to be a phone number.',
		);
	});

	it('415 explains the JSON-LD requirement', async () => {
		const error = await failure(create(NOWHERE), 415, {
			'@type': 'hydra:Error',
			'hydra:description': 'The content-type "application/json" is not supported.',
		});
		expect(error?.message).toBe('CoopCycle did not accept the format of the request (415)');
		expect(error?.description).toMatch(/application\/ld\+json/);
	});

	it('500 on an address suggests a fuller address or coordinates', async () => {
		const error = await failure(create(NOWHERE), 500, {
			'@type': 'hydra:Error',
			'hydra:description': 'Internal Server Error',
		});
		expect(error?.message).toMatch(/could not handle an address \(500\).*map/);
		expect(error?.description).toMatch(/full address .* latitude and longitude/);
	});

	it('a create that fails for one item does not stop the others', async () => {
		const { api } = coopCycle();
		let created = 0;
		api
			.post('/api/deliveries')
			.times(3)
			.reply((_uri, body) => {
				if (String(body).includes('Nowhere'))
					return [500, { '@type': 'hydra:Error', 'hydra:description': 'Internal Server Error' }];
				created++;
				return [201, delivery(created)];
			});
		const result = await run({
			parameters: create({ ...NOWHERE, dropoffAddress: '={{ $json.address }}' }),
			items: [{ address: '1 Rue A, Paris' }, { address: '1 Nowhere Lane' }, { address: '2 Rue B, Paris' }],
			continueOnFail: true,
		});
		const items = output(result);
		expect(items).toHaveLength(3);
		expect(items[1].error).toMatch(/could not handle an address/);
		expect([items[0].id, items[2].id].sort()).toEqual([1, 2]);
	});
});

/**
 * Cash on delivery: coopcycle-web src/Api/State/DeliveryCreateOrUpdateProcessor.php, "Handle payment method"
 * (the body's order.paymentMethod, src/Api/Dto/DeliveryOrderDto.php), features/deliveries.feature.
 */
describe('Delivery → Create: Payment Method', () => {
	const tasks = [
		{ type: 'pickup', address: '1 Rue A, Paris', before: '2025-06-12 11:00' },
		{ type: 'dropoff', address: '2 Rue B, Paris', before: '2025-06-12 12:00' },
	];

	it.each([
		['the fields', WINDOW, []],
		['Several Tasks (JSON)', { taskMode: 'tasks', tasksJson: tasks }, []],
		['From the Input Item', { taskMode: 'item' }, [{ tasks }]],
	])('Cash on Delivery, with %s, is sent as order.paymentMethod', async (_mode, parameters, items) => {
		const seen = expectWrite('post', '/api/deliveries', delivery(7));
		const result = await run({
			parameters: create({ ...parameters, paymentMethod: 'cash_on_delivery' }),
			...(items.length ? { items } : {}),
		});
		expect(result.error).toBeUndefined();
		expect((seen.bodies[0] as IDataObject).order).toEqual({ paymentMethod: 'cash_on_delivery' });
	});

	it('the usual payment sends no order', async () => {
		const seen = expectWrite('post', '/api/deliveries', delivery(7));
		await run({ parameters: create({ ...WINDOW, paymentMethod: '' }) });
		expect(Object.keys(seen.bodies[0] as IDataObject)).toEqual(['dropoff']);
	});

	it('a store without cash on delivery: the error says the delivery was most likely created all the same', async () => {
		const error = await failure(create({ ...WINDOW, paymentMethod: 'cash_on_delivery' }), 400, {
			'@context': '/api/contexts/Error',
			'@type': 'hydra:Error',
			'hydra:title': 'An error occurred',
			'hydra:description': 'order.paymentMethod is not valid',
		});
		expect(error?.message).toBe(
			'CoopCycle refused cash on delivery for your store (order.paymentMethod is not valid), but it has most likely created the delivery anyway',
		);
		expect(error?.description).toMatch(/Do not run this item again: look for the delivery with Delivery → Get Many/);
	});
});
