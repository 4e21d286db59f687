import { delivery, expectWrite, output, run } from '../fixtures';

describe('Delivery → Mark Dropped Off', () => {
	it('PUTs to /api/deliveries/12/drop with the notes', async () => {
		const [operation, action] = ['markDroppedOff', 'drop'];
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
});
