import type { IDataObject } from 'n8n-workflow';

import { coopCycle, delivery, ME, output, run, setUpNock } from './helpers';

setUpNock();

/** A hydra page of deliveries `from..to`, linking to `next` when given. */
function page(path: string, from: number, to: number, next?: string): IDataObject {
	const members = [];
	for (let id = from; id <= to; id++) members.push(delivery(id));
	return {
		'@context': '/api/contexts/Delivery',
		'@id': path,
		'@type': 'hydra:Collection',
		'hydra:member': members,
		'hydra:totalItems': 70,
		'hydra:view': { '@id': path, '@type': 'hydra:PartialCollectionView', ...(next ? { 'hydra:next': next } : {}) },
	};
}

const getMany = (parameters: IDataObject = {}) => ({ resource: 'delivery', operation: 'getAll', ...parameters });

describe('Delivery → Get Many', () => {
	test('Return All lists the store’s deliveries over 3 pages, following hydra:next', async () => {
		const { api } = coopCycle();
		const base = '/api/stores/3/deliveries';
		const filters = 'order%5Bdropoff.before%5D=desc&dropoff.before%5Bafter%5D=2025-06-01';
		api.get('/api/me').reply(200, ME);
		api
			.get(base)
			.query({ 'order[dropoff.before]': 'desc', 'dropoff.before[after]': '2025-06-01' })
			.reply(200, page(base, 1, 30, `${base}?${filters}&page=2`));
		api.get(`${base}?${filters}&page=2`).reply(200, page(base, 31, 60, `${base}?${filters}&page=3`));
		api.get(`${base}?${filters}&page=3`).reply(200, page(base, 61, 70));
		const result = await run({ parameters: getMany({ returnAll: true, filters: { dropoffFrom: '2025-06-01' } }) });
		expect(result.error).toBeUndefined();
		expect(output(result).map((json) => json.id)).toEqual(Array.from({ length: 70 }, (_value, index) => index + 1));
		expect(output(result)[0]['@context']).toBeUndefined();
		expect(api.isDone()).toBe(true);
	});

	test('Limit is sent as itemsPerPage and caps the output', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api
			.get('/api/stores/3/deliveries')
			.query({ 'order[createdAt]': 'asc', itemsPerPage: 5 })
			.reply(200, page('/api/stores/3/deliveries', 1, 5, '/api/stores/3/deliveries?page=2'));
		const result = await run({ parameters: getMany({ limit: 5, order: 'createdAt:asc' }) });
		expect(output(result)).toHaveLength(5);
	});

	test('a Limit above 100 asks for pages of 100 and stops once it has enough', async () => {
		const { api } = coopCycle();
		const base = '/api/stores/3/deliveries';
		api.get('/api/me').reply(200, ME);
		api
			.get(base)
			.query(true)
			.reply(200, page(base, 1, 100, `${base}?itemsPerPage=100&page=2`));
		api.get(`${base}?itemsPerPage=100&page=2`).reply(200, page(base, 101, 200, `${base}?itemsPerPage=100&page=3`));
		const result = await run({ parameters: getMany({ limit: 150 }) });
		expect(output(result)).toHaveLength(150);
		expect(api.pendingMocks().filter((mock) => !mock.includes('oauth2'))).toEqual([]);
	});

	test('looks the store up once for many items', async () => {
		const { api } = coopCycle();
		api.get('/api/me').once().reply(200, ME);
		api
			.get('/api/stores/3/deliveries')
			.query(true)
			.times(4)
			.reply(200, page('/api/stores/3/deliveries', 1, 2));
		const result = await run({ parameters: getMany({ limit: 2 }), items: [{}, {}, {}, {}] });
		expect(output(result)).toHaveLength(8);
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

	test('Add Address POSTs a Place to the store', async () => {
		const { api } = coopCycle();
		let body: unknown;
		api.get('/api/me').reply(200, ME);
		api
			.post('/api/stores/3/addresses')
			.matchHeader('content-type', 'application/ld+json')
			.reply(201, (_uri, requestBody) => {
				body = JSON.parse(String(requestBody));
				return { '@id': '/api/addresses/9', streetAddress: '1 Rue A' };
			});
		const result = await run({
			parameters: {
				resource: 'store',
				operation: 'addAddress',
				streetAddress: '1 Rue A, 75001 Paris',
				addressDetails: {
					name: 'Client SARL',
					contactName: 'Ann',
					telephone: '0612345678',
					latitude: 48.86,
					longitude: 2.33,
				},
			},
		});
		expect(body).toEqual({
			streetAddress: '1 Rue A, 75001 Paris',
			name: 'Client SARL',
			contactName: 'Ann',
			telephone: '0612345678',
			geo: { latitude: 48.86, longitude: 2.33 },
		});
		expect(output(result)[0].id).toBe(9);
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
