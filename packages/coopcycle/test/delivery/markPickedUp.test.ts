import { delivery, expectWrite, output, run } from '../fixtures';

describe('Delivery → Mark Picked Up', () => {
	it('PUTs to /api/deliveries/12/pick with the notes', async () => {
		const [operation, action] = ['markPickedUp', 'pick'];
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

	it('sends an empty JSON object without notes', async () => {
		const seen = expectWrite('put', '/api/deliveries/12/pick', delivery(12));
		await run({ parameters: { resource: 'delivery', operation: 'markPickedUp', deliveryId: '12' } });
		expect(seen.bodies).toEqual([{}]);
	});
});
