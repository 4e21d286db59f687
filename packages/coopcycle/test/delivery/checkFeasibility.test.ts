import { coopCycle, expectWrite, output, PICKUP_AFTER_DROPOFF, run, violationList, WINDOW } from '../fixtures';

describe('Delivery → Check Feasibility', () => {
	it('answers feasible: true on 200 []', async () => {
		const seen = expectWrite('post', '/api/deliveries/assert', [], 200);
		const result = await run({ parameters: { resource: 'delivery', operation: 'checkFeasibility', ...WINDOW } });
		expect(seen.bodies).toHaveLength(1);
		expect(output(result)).toEqual([{ feasible: true, violations: [] }]);
	});

	it('answers feasible: false with the violations, not an error', async () => {
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

	it('a violation on a field is a mistake to fix, named in an error, not "not feasible"', async () => {
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

	it.each(PICKUP_AFTER_DROPOFF)(
		'refuses a pickup that ends after a dropoff, before sending: %j',
		async (change, message) => {
			coopCycle(); // nothing may be sent
			const result = await run({
				parameters: { resource: 'delivery', operation: 'checkFeasibility', ...WINDOW, ...change },
			});
			expect(result.error?.message).toBe(message);
		},
	);
});
