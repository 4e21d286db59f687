import { coopCycle, failure, INSTANCE, LD_JSON, output, run } from '../fixtures';
import { foodOrder, hydraError, simplifiedFoodOrder } from './orderFixtures';

const get = { resource: 'order', operation: 'get', orderId: '1001' };

describe('Order → Get', () => {
	it.each(['1001', '/api/orders/1001', `${INSTANCE}/api/orders/1001`])(
		'reads the order %j, simplified to a flat order',
		async (orderId) => {
			const { api } = coopCycle();
			api.get('/api/orders/1001').matchHeader('accept', LD_JSON).reply(200, foodOrder(1001));
			const result = await run({ parameters: { ...get, orderId } });
			expect(output(result)).toEqual([simplifiedFoodOrder(1001)]);
		},
	);

	it('without Simplify keeps CoopCycle’s answer as it is', async () => {
		const { api } = coopCycle();
		api.get('/api/orders/1001').reply(200, foodOrder(1001));
		const result = await run({ parameters: { ...get, simplify: false } });
		expect(output(result)).toEqual([foodOrder(1001)]);
	});

	it('refuses an id that is not an order’s before sending', async () => {
		coopCycle();
		const result = await run({ parameters: { ...get, orderId: '/api/deliveries/4' } });
		expect(result.error?.message).toBe('Order ID: "/api/deliveries/4" is not a CoopCycle id');
	});

	it('403 says which API app may read an order', async () => {
		const error = await failure(get, 403, hydraError('Access Denied.'));
		expect(error?.message).toBe('CoopCycle refused access (403): Access Denied.');
		expect(error?.description).toMatch(/API app of its restaurant, with the "orders" scope/);
	});

	it('404 names the Order ID', async () => {
		const error = await failure(get, 404, hydraError('Not Found'));
		expect(error?.description).toBe('Check the Order ID: no such order.');
	});
});
