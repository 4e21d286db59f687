import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../harness/runNode';
import { deliveryListReply, listedDelivery, type ListedDelivery, type ListLog } from './deliveryList';
import { coopCycle, ME, output, run, setUpNock } from './helpers';

setUpNock();

const getMany = (parameters: IDataObject = {}) => ({ resource: 'delivery', operation: 'getAll', ...parameters });
const LIST = '/api/stores/3/deliveries';

/** The store's list served as CoopCycle serves it (see deliveryList.ts), and what the node asked of it. */
function storeList(deliveries: ListedDelivery[]): ListLog {
	const { api } = coopCycle();
	const log: ListLog = { queries: [], statuses: [] };
	api.get('/api/me').reply(200, ME);
	api
		.get(LIST)
		.query(true)
		.times(1000)
		.optionally()
		.reply(deliveryListReply(LIST, deliveries, log));
	return log;
}

/** Deliveries 1..count, one every `minutes` from 2025-06-12 08:00 (local time). */
function spread(count: number, minutes: number, firstId = 1): ListedDelivery[] {
	return Array.from({ length: count }, (_value, index) =>
		listedDelivery(
			firstId + index,
			new Date(Date.parse('2025-06-12T08:00:00Z') + index * minutes * 60000).toISOString().slice(0, 19),
		),
	);
}

const idsOf = (result: RunResult) => output(result).map((json) => json.id);
const onlyBracketed = (log: ListLog) =>
	log.queries.every((query) => Object.values(query).every((value) => typeof value === 'object'));

describe('Delivery → Get Many', () => {
	test('Return All reads every delivery exactly once, with bracketed parameters only, though 45 share a dropoff time', async () => {
		// A time slot: 45 deliveries due at 12:00, with pickups estimated at different times.
		const slot = Array.from({ length: 45 }, (_value, index) =>
			listedDelivery(100 + index, '2025-06-12T12:00:00', {
				dropoffAfter: '2025-06-12T10:00:00',
				pickupBefore: `2025-06-12T11:${String(index).padStart(2, '0')}:00`,
			}),
		);
		const deliveries = [...spread(40, 10), ...slot, ...spread(35, 7, 200)];
		const log = storeList(deliveries);
		const result = await run({ parameters: getMany({ returnAll: true }) });
		expect(result.error).toBeUndefined();
		const ids = idsOf(result);
		expect(ids).toHaveLength(deliveries.length);
		expect(new Set(ids).size).toBe(deliveries.length);
		expect(onlyBracketed(log)).toBe(true);
		expect(log.statuses.every((status) => status === 200)).toBe(true);
		// Latest dropoff first (the default), as CoopCycle shows the dropoff time.
		const times = output(result).map((json) => String((json.dropoff as IDataObject).before));
		expect(times).toEqual([...times].sort().reverse());
		expect(output(result)[0]['@context']).toBeUndefined();
	});

	test('deliveries with several dropoffs, across windows, come once each', async () => {
		const deliveries = spread(90, 5).map((delivery, index) =>
			index % 3 === 0
				? listedDelivery(delivery.id, delivery.dropoffs[0].before, {
						extraDropoffs: [
							new Date(Date.parse(`${delivery.dropoffs[0].before}Z`) - 95 * 60000).toISOString().slice(0, 19),
						],
					})
				: delivery,
		);
		const log = storeList(deliveries);
		const result = await run({ parameters: getMany({ returnAll: true, order: 'dropoff.before:asc' }) });
		expect(result.error).toBeUndefined();
		expect([...idsOf(result)].sort((a, b) => Number(a) - Number(b))).toEqual(deliveries.map((delivery) => delivery.id));
		expect(onlyBracketed(log)).toBe(true);
	});

	test('50 deliveries with exactly the same times are read through the oldest and newest 30', async () => {
		const same = Array.from({ length: 50 }, (_value, index) =>
			listedDelivery(index + 1, '2025-06-12T12:00:00', { pickupBefore: '2025-06-12T11:30:00' }),
		);
		storeList(same);
		const result = await run({ parameters: getMany({ returnAll: true }) });
		expect(result.error).toBeUndefined();
		expect(new Set(idsOf(result)).size).toBe(50);
	});

	test('more deliveries with the same times than CoopCycle can list: the item fails and says why', async () => {
		const same = Array.from({ length: 70 }, (_value, index) =>
			listedDelivery(index + 1, '2025-06-12T12:00:00', { pickupBefore: '2025-06-12T11:30:00' }),
		);
		storeList(same);
		const result = await run({ parameters: getMany({ returnAll: true }), continueOnFail: true });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(
			/^Get Many could not read every delivery: 70 deliveries have exactly the same times \(pickup 2025-06-12 11:15:00 to 2025-06-12 11:30:00, dropoff 2025-06-12 11:00:00 to 2025-06-12 12:00:00\), and CoopCycle’s list shows only (6\d) of them$/,
		);
	});

	test('Limit gives the first deliveries in the order asked for, and stops reading early', async () => {
		const deliveries = spread(300, 3);
		const log = storeList(deliveries);
		const result = await run({ parameters: getMany({ limit: 40, order: 'dropoff.before:asc' }) });
		expect(idsOf(result)).toEqual(Array.from({ length: 40 }, (_value, index) => index + 1));
		expect(log.queries.length).toBeLessThanOrEqual(4);
		expect(onlyBracketed(log)).toBe(true);
	});

	test('Limit with the latest first', async () => {
		const log = storeList(spread(100, 3));
		const result = await run({ parameters: getMany({ limit: 5 }) });
		expect(idsOf(result)).toEqual([100, 99, 98, 97, 96]);
		expect(log.queries[0]).toEqual({ order: { 'dropoff.before': 'desc' } });
	});

	test('Sort by creation date beyond one page reads the windows, then sorts', async () => {
		// Created in the reverse order of their dropoff times.
		const deliveries = spread(75, 10).map((delivery) => ({ ...delivery, createdAt: 1000 - delivery.id }));
		const log = storeList(deliveries);
		const result = await run({ parameters: getMany({ limit: 3, order: 'createdAt:desc' }) });
		expect(idsOf(result)).toEqual([75, 74, 73]);
		expect(log.queries[0]).toEqual({ order: { createdAt: 'desc' } });
		expect(onlyBracketed(log)).toBe(true);
	});

	test('one page is one request, with the filters as CoopCycle reads them', async () => {
		const log = storeList(spread(20, 60));
		const result = await run({
			parameters: getMany({
				returnAll: true,
				order: 'createdAt:asc',
				filters: { dropoffFrom: '2025-06-12T10:00:00', pickupUntil: '2025-06-12T20:00:00+02:00' },
			}),
		});
		expect(log.queries).toEqual([
			{
				order: { createdAt: 'asc' },
				'dropoff.before': { after: '2025-06-12T10:00:00' },
				'pickup.before': { before: '2025-06-12T20:00:00' },
			},
		]);
		expect(idsOf(result)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
	});

	test('Dropoff Until given as a day keeps that whole day', async () => {
		const deliveries = [
			listedDelivery(1, '2025-06-11T18:00:00'),
			listedDelivery(2, '2025-06-12T00:00:00'),
			listedDelivery(3, '2025-06-12T18:30:00'),
			listedDelivery(4, '2025-06-13T00:00:00'),
		];
		const log = storeList(deliveries);
		const result = await run({
			parameters: getMany({ returnAll: true, filters: { dropoffFrom: '2025-06-12', dropoffUntil: '2025-06-12' } }),
		});
		expect(idsOf(result)).toEqual([3, 2]);
		expect(log.queries[0]['dropoff.before']).toEqual({
			after: '2025-06-12T00:00:00',
			strictly_before: '2025-06-13T00:00:00',
		});
	});

	test.each([
		[{ dropoffFrom: 'next monday' }, 'Dropoff From "next monday" is not a date'],
		[{ pickupUntil: '2025-02-30' }, 'Pickup Until "2025-02-30" is not a date'],
		[
			{ dropoffFrom: '2025-06-13', dropoffUntil: '2025-06-12' },
			'Dropoff From is after Dropoff Until: no delivery can match',
		],
	])('refuses the filters %j before sending anything', async (filters, message) => {
		coopCycle(); // not even /api/me
		const result = await run({ parameters: getMany({ returnAll: true, filters }) });
		expect(result.error?.message).toBe(message);
	});

	test('looks the store up once for many items', async () => {
		const log = storeList(spread(2, 60));
		const result = await run({ parameters: getMany({ limit: 2 }), items: [{}, {}, {}, {}] });
		expect(output(result)).toHaveLength(8);
		expect(log.queries).toHaveLength(4);
	});

	test('explains an API app without a store', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, { ...ME, store: null });
		const result = await run({ parameters: getMany({ returnAll: true }) });
		expect(result.error?.message).toBe('This CoopCycle API app is not linked to a store');
	});
});

describe('Store', () => {
	test('Get My Store reads /api/me, then the store, and says which API app it is', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api.get('/api/stores/3').reply(200, {
			'@context': '/api/contexts/Store',
			'@id': '/api/stores/3',
			'@type': 'http://schema.org/Store',
			id: 3,
			name: 'Bakery',
			timeSlot: '/api/time_slots/1',
			timeSlots: ['/api/time_slots/1', '/api/time_slots/2'],
		});
		const result = await run({ parameters: { resource: 'store', operation: 'getMyStore' } });
		expect(output(result)).toEqual([
			{
				'@id': '/api/stores/3',
				'@type': 'http://schema.org/Store',
				id: 3,
				name: 'Bakery',
				timeSlot: '/api/time_slots/1',
				timeSlotId: 1,
				timeSlots: ['/api/time_slots/1', '/api/time_slots/2'],
				apiApp: { '@id': '/api/api_apps/1', name: 'Bakery app', id: 1 },
			},
		]);
	});

	test('Get Saved Addresses lists /api/stores/{id}/addresses', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api
			.get('/api/stores/3/addresses')
			.query({ itemsPerPage: 50 })
			.reply(200, {
				'hydra:member': [
					{ '@id': '/api/addresses/4', streetAddress: '1 Rue A' },
					{ '@id': '/api/addresses/5', streetAddress: '2 Rue B' },
				],
			});
		const result = await run({ parameters: { resource: 'store', operation: 'getAddresses' } });
		expect(output(result)).toEqual([
			{ '@id': '/api/addresses/4', id: 4, streetAddress: '1 Rue A' },
			{ '@id': '/api/addresses/5', id: 5, streetAddress: '2 Rue B' },
		]);
	});

	/** A saved address as CoopCycle lists it. */
	const place = (id: number, streetAddress: string, extra: IDataObject = {}): IDataObject => ({
		'@id': `/api/addresses/${id}`,
		'@type': 'http://schema.org/Place',
		geo: { '@type': 'GeoCoordinates', latitude: 48.8559, longitude: 2.3601 },
		streetAddress,
		telephone: null,
		name: null,
		contactName: null,
		description: null,
		provider: null,
		...extra,
	});
	const addAddress = {
		resource: 'store',
		operation: 'addAddress',
		streetAddress: '1 Rue A, 75001 Paris',
		latitude: 48.8559,
		longitude: 2.3601,
		addressDetails: { name: 'Client SARL', contactName: 'Ann', telephone: '0612345678' },
	};

	test('Add Address saves the Place with its position, then outputs the new address with its @id', async () => {
		const { api } = coopCycle();
		let body: unknown;
		api.get('/api/me').reply(200, ME);
		// CoopCycle answers with the Store, not with the address.
		api
			.post('/api/stores/3/addresses')
			.matchHeader('content-type', 'application/ld+json')
			.reply(201, (_uri, requestBody) => {
				body = JSON.parse(String(requestBody));
				return { '@context': '/api/contexts/Store', '@id': '/api/stores/3', '@type': 'http://schema.org/Store', id: 3 };
			});
		// 130 saved addresses, by creation: the new one is the last, after an older one at the same place.
		const saved = { name: 'Client SARL', contactName: 'Ann', telephone: '+33612345678' };
		api
			.get('/api/stores/3/addresses')
			.query({ itemsPerPage: 100 })
			.reply(200, {
				'hydra:member': Array.from({ length: 100 }, (_value, index) => place(index + 1, `${index} Rue B`)),
				'hydra:totalItems': 130,
			});
		api
			.get('/api/stores/3/addresses')
			.query({ itemsPerPage: 100, page: 2 })
			.reply(200, {
				'hydra:member': [
					...Array.from({ length: 28 }, (_value, index) => place(index + 101, `${index} Rue C`)),
					place(129, '1 Rue A, 75001 Paris', saved),
					place(130, '1 Rue A, 75001 Paris', saved),
				],
				'hydra:totalItems': 130,
			});
		const result = await run({ parameters: addAddress });
		expect(result.error).toBeUndefined();
		expect(body).toEqual({
			streetAddress: '1 Rue A, 75001 Paris',
			geo: { latitude: 48.8559, longitude: 2.3601 },
			name: 'Client SARL',
			contactName: 'Ann',
			telephone: '0612345678',
		});
		expect(output(result)).toEqual([{ ...place(130, '1 Rue A, 75001 Paris', saved), id: 130 }]);
	});

	test.each([
		[{ latitude: 0, longitude: 0 }, 'Latitude and Longitude are required'],
		[{ latitude: 148.8, longitude: 2.3 }, 'Latitude must be between -90 and 90 and Longitude between -180 and 180'],
		[{ streetAddress: '={{ "" }}' }, 'Street Address is empty: give the full address (number, street, postcode, city)'],
	])('Add Address refuses %j before sending anything', async (change, message) => {
		coopCycle(); // not even /api/me
		const result = await run({ parameters: { ...addAddress, ...change } });
		expect(result.error?.message).toBe(message);
		if (message.startsWith('Latitude')) expect(result.error?.description).toMatch(/does not look saved addresses up/);
	});
});

describe('Time Slot', () => {
	const choices = {
		'@context': '/api/contexts/TimeSlotChoices',
		'@type': 'TimeSlotChoices',
		choices: [
			{ '@type': 'TimeSlotChoice', value: '2025-06-12T08:00:00Z/2025-06-12T10:00:00Z', label: 'Today 10:00-12:00' },
			{ '@type': 'TimeSlotChoice', value: '2025-06-12T10:00:00Z/2025-06-12T12:00:00Z', label: 'Today 12:00-14:00' },
		],
	};

	test('Get Choices gives one item per choice of the store’s default slot', async () => {
		const { api } = coopCycle();
		api.get('/api/time_slots/choices').reply(200, choices);
		const result = await run({ parameters: { resource: 'timeSlot', operation: 'getChoices' } });
		expect(output(result)).toEqual(choices.choices);
	});

	test('Get Choices explains the 500 of a store without a default time slot', async () => {
		const { api } = coopCycle();
		api.get('/api/time_slots/choices').reply(500, {
			'@context': '/api/contexts/Error',
			'@type': 'hydra:Error',
			'hydra:title': 'An error occurred',
			'hydra:description': 'Internal Server Error',
		});
		const result = await run({ parameters: { resource: 'timeSlot', operation: 'getChoices' } });
		expect(result.error?.message).toBe(
			'CoopCycle could not list the time slot choices (500): most likely your store has no default time slot',
		);
		expect(result.error?.description).toMatch(/Get Choices of a Time Slot/);
	});

	test('Get Choices of a Time Slot reads /api/time_slots/{id}/choices', async () => {
		const { api } = coopCycle();
		api.get('/api/time_slots/2/choices').reply(200, choices);
		const result = await run({
			parameters: { resource: 'timeSlot', operation: 'getSlotChoices', timeSlotId: '/api/time_slots/2' },
		});
		expect(output(result)).toHaveLength(2);
	});

	test('Get reads /api/time_slots/{id}', async () => {
		const { api } = coopCycle();
		api.get('/api/time_slots/2').reply(200, { '@id': '/api/time_slots/2', name: 'Morning', interval: '2 hours' });
		const result = await run({ parameters: { resource: 'timeSlot', operation: 'get', timeSlotId: '2' } });
		expect(output(result)).toEqual([{ '@id': '/api/time_slots/2', id: 2, name: 'Morning', interval: '2 hours' }]);
	});

	test('the Create time slot dropdown loads the store’s choices', async () => {
		const { CoopCycle } = await import('../../nodes/CoopCycle/CoopCycle.node');
		const field = new CoopCycle().description.properties.find((property) => property.name === 'dropoffTimeSlot');
		expect(JSON.stringify(field?.typeOptions?.loadOptions)).toContain('/api/time_slots/choices');
	});
});

describe('Task', () => {
	test('Get reads /api/tasks/{id}', async () => {
		const { api } = coopCycle();
		api.get('/api/tasks/24').reply(200, { '@id': '/api/tasks/24', id: 24, status: 'DONE' });
		const result = await run({
			parameters: { resource: 'task', operation: 'get', taskId: `https://acme.coopcycle.test/api/tasks/24` },
		});
		expect(output(result)[0].status).toBe('DONE');
	});

	test('Get Events lists the status history', async () => {
		const { api } = coopCycle();
		api.get('/api/tasks/24/events').reply(200, {
			'hydra:member': [
				{ '@id': '/api/task_events/1', name: 'task:created', createdAt: '2025-06-12T09:00:00+02:00' },
				{ '@id': '/api/task_events/2', name: 'task:done', createdAt: '2025-06-12T12:00:00+02:00' },
			],
		});
		const result = await run({ parameters: { resource: 'task', operation: 'getEvents', taskId: '24' } });
		expect(output(result).map((json) => json.name)).toEqual(['task:created', 'task:done']);
	});

	test('Get Courier Lists sends the day as YYYY-MM-DD', async () => {
		const { api } = coopCycle();
		api
			.get('/api/task_lists')
			.query({ date: '2025-06-12' })
			.reply(200, { 'hydra:member': [{ '@id': '/api/task_lists/1', username: 'bob', items: [] }] });
		const result = await run({
			parameters: { resource: 'task', operation: 'getCourierLists', date: '2025-06-12T00:00:00' },
		});
		expect(output(result)[0].username).toBe('bob');
	});

	test('Get Many pages /api/tasks of a day', async () => {
		const { api } = coopCycle();
		api
			.get('/api/tasks')
			.query({ date: '2025-06-12', pagination: 'true' })
			.reply(200, {
				'hydra:member': [{ id: 1 }],
				'hydra:view': { 'hydra:next': '/api/tasks?date=2025-06-12&pagination=true&page=2' },
			});
		api.get('/api/tasks?date=2025-06-12&pagination=true&page=2').reply(200, { 'hydra:member': [{ id: 2 }] });
		const result = await run({
			parameters: { resource: 'task', operation: 'getAll', date: '2025-06-12', returnAll: true },
		});
		expect(output(result).map((json) => json.id)).toEqual([1, 2]);
	});

	test('refuses a date that is not a day', async () => {
		coopCycle();
		const result = await run({ parameters: { resource: 'task', operation: 'getAll', date: 'next monday' } });
		expect(result.error?.message).toBe('Date "next monday" is not a date');
	});
});
