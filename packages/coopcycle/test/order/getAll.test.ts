import { coopCycle, output, run } from '../fixtures';
import { hydraError } from './orderFixtures';

const getAll = { resource: 'order', operation: 'getAll' };

/** A member of GET /api/orders (group order:list, features/orders.feature "Retrieve all orders via OAuth"). */
const listed = (id: number, client = '/api/restaurants/1') => ({
	'@id': `/api/orders/${id}`,
	'@type': 'http://schema.org/Order',
	shippingAddress: `/api/addresses/${id + 10}`,
	shippingTimeRange: ['2025-06-12T12:30:00+02:00', '2025-06-12T12:40:00+02:00'],
	number: `A${id}`,
	total: 3250,
	state: 'new',
	createdAt: '2025-06-12T11:58:00+02:00',
	client,
	paymentGateway: 'stripe',
	assignedTo: null,
});

/** One page of the list, with the hydra:next API Platform gives (it keeps the request's filters). */
const page = (ids: number[], next?: string) => ({
	'@context': '/api/contexts/Order',
	'@id': '/api/orders',
	'@type': 'hydra:Collection',
	'hydra:member': ids.map((id) => listed(id)),
	'hydra:totalItems': 100,
	'hydra:view': {
		'@id': '/api/orders?page=1',
		'@type': 'hydra:PartialCollectionView',
		...(next ? { 'hydra:next': next } : {}),
	},
});

describe('Order → Get Many', () => {
	it('lists /api/orders, asking for no more than Limit, each order flat', async () => {
		const { api } = coopCycle();
		api
			.get('/api/orders')
			.query({ itemsPerPage: 2 })
			.reply(200, page([1, 2], '/api/orders?itemsPerPage=2&page=2'));
		const result = await run({ parameters: { ...getAll, limit: 2 } });
		expect(output(result)).toEqual([
			{
				id: 1,
				number: 'A1',
				state: 'new',
				createdAt: '2025-06-12T11:58:00+02:00',
				client: '/api/restaurants/1',
				shippingTimeFrom: '2025-06-12T12:30:00+02:00',
				shippingTimeUntil: '2025-06-12T12:40:00+02:00',
				total: 3250,
				courier: null,
			},
			expect.objectContaining({ id: 2 }),
		]);
	});

	it('Return All follows hydra:next, which the order list can be paged by (unlike the store’s deliveries)', async () => {
		const { api } = coopCycle();
		api
			.get('/api/orders')
			.query({ state: 'new' })
			.reply(200, page([1, 2], '/api/orders?state=new&page=2'));
		api
			.get('/api/orders')
			.query({ state: 'new', page: 2 })
			.reply(200, page([3]));
		const result = await run({ parameters: { ...getAll, returnAll: true, filters: { states: ['new'] } } });
		expect(output(result).map((order) => order.id)).toEqual([1, 2, 3]);
	});

	it.each([
		[{ states: ['new', 'accepted'] }, { 'state[0]': 'new', 'state[1]': 'accepted' }],
		[{ shippingDay: '2025-06-12T10:00:00' }, { date: '2025-06-12' }],
		[
			{ shippingDay: '2025-06-12', shippingDayUntil: '2025-06-14' },
			{ 'date[after]': '2025-06-12', 'date[before]': '2025-06-14' },
		],
		[{ shippingDay: '2025-06-12', shippingDayUntil: '2025-06-12' }, { date: '2025-06-12' }],
	])('Filters %j are sent as %j', async (filters, query) => {
		const { api } = coopCycle();
		api
			.get('/api/orders')
			.query({ ...query, itemsPerPage: 50 })
			.reply(200, page([]));
		const result = await run({ parameters: { ...getAll, filters } });
		expect(result.error).toBeUndefined();
	});

	it.each([
		[{ shippingDayUntil: '2025-06-14' }, 'Shipping Day Until needs a Shipping Day'],
		[{ shippingDay: 'tomorrow' }, 'Shipping Day "tomorrow" is not a date'],
		[
			{ shippingDay: '2025-06-14', shippingDayUntil: '2025-06-12' },
			'Shipping Day Until is before Shipping Day: no order can match',
		],
	])('Filters %j fail before anything is sent: %s', async (filters, message) => {
		coopCycle();
		const result = await run({ parameters: { ...getAll, filters } });
		expect(result.error?.message).toBe(message);
	});

	it('403 says that the list needs orders:all, which a restaurant’s app does not have', async () => {
		const { api } = coopCycle();
		api.get('/api/orders').query(true).reply(403, hydraError('Access Denied.'));
		const result = await run({ parameters: getAll });
		expect(result.error?.message).toBe('CoopCycle refused access (403): Access Denied.');
		expect(result.error?.description).toMatch(/"orders:all" scope.*Administration → API/);
	});
});
