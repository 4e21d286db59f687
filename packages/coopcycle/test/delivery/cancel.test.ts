import { coopCycle, failure, INSTANCE, output, run } from '../fixtures';

describe('Delivery → Cancel', () => {
	it('DELETEs the delivery and says which one was cancelled', async () => {
		const { api } = coopCycle();
		api.delete('/api/deliveries/12').reply(204);
		const result = await run({
			parameters: { resource: 'delivery', operation: 'cancel', deliveryId: `${INSTANCE}/api/deliveries/12` },
		});
		expect(output(result)).toEqual([{ '@id': '/api/deliveries/12', id: 12, cancelled: true }]);
	});

	it('a 400 says that only the cooperative can cancel an assigned delivery', async () => {
		const error = await failure({ resource: 'delivery', operation: 'cancel', deliveryId: '12' }, 400, {
			'@type': 'hydra:Error',
			'hydra:description': 'Tasks have already been assigned',
		});
		expect(error?.message).toBe('CoopCycle rejected the request: Tasks have already been assigned');
		expect(error?.description).toMatch(/only the cooperative can cancel/);
	});
});
