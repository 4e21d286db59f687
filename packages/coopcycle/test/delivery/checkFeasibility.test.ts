import type { IDataObject } from 'n8n-workflow';

import {
	coopCycle,
	expectWrite,
	LD_JSON,
	ME,
	output,
	parsed,
	PICKUP_AFTER_DROPOFF,
	run,
	violationList,
	WINDOW,
} from '../fixtures';

const checkFeasibility = (parameters: IDataObject = {}) => ({
	resource: 'delivery',
	operation: 'checkFeasibility',
	...WINDOW,
	...parameters,
});

/** A dropoff in a time slot, to be checked against time slot 2. */
const SLOT = {
	dropoffTimeMode: 'timeSlot',
	dropoffTimeSlot: '2025-06-12T08:00:00Z/2025-06-12T10:00:00Z',
	dropoffDetails: { timeSlotUrl: '2' },
};

describe('Delivery → Check Feasibility', () => {
	it('answers feasible: true on 200 [], and names the store in the body', async () => {
		const seen = expectWrite('post', '/api/deliveries/assert', [], 200);
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		const result = await run({ parameters: checkFeasibility() });
		// coopcycle-web src/Serializer/DeliveryNormalizer.php reads package names in the body's store only, and
		// without one in every store's package set (src/Entity/PackageRepository.php l.10-22).
		expect(seen.bodies).toEqual([expect.objectContaining({ store: '/api/stores/3' })]);
		expect(output(result)).toEqual([{ feasible: true, violations: [] }]);
	});

	it('answers feasible: false with the violations, not an error', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api
			.post('/api/deliveries/assert')
			.reply(400, violationList('items', 'Your request is out of the accepted zone or too far'));
		const result = await run({ parameters: checkFeasibility() });
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
		api.get('/api/me').reply(200, ME);
		api
			.post('/api/deliveries/assert')
			.reply(400, violationList('items[1].task.address.streetAddress', 'This value should not be blank.'));
		const result = await run({ parameters: checkFeasibility() });
		expect(output(result)).toEqual([]);
		expect(result.error?.message).toBe(
			'CoopCycle rejected the request: items[1].task.address.streetAddress: This value should not be blank.',
		);
	});

	// /api/deliveries/assert ignores timeSlotUrl, while Create refuses a range that is not one of the slot's choices
	// (src/Api/State/DeliveryProcessor.php l.289-299): the same check runs in Get Price's route first.
	describe('Check Against Time Slot', () => {
		function checkedBy(slotAnswer: [number, IDataObject], assert?: [number, unknown]) {
			const { api } = coopCycle();
			api.get('/api/me').reply(200, ME);
			const bodies: Record<string, unknown[]> = { price: [], assert: [] };
			api
				.post('/api/retail_prices/calculate')
				.matchHeader('content-type', LD_JSON)
				.reply(slotAnswer[0], (_uri, body) => {
					bodies.price.push(parsed(body));
					return slotAnswer[1];
				});
			if (assert) {
				api.post('/api/deliveries/assert').reply(assert[0], (_uri, body) => {
					bodies.assert.push(parsed(body));
					return assert[1] as IDataObject;
				});
			}
			return bodies;
		}

		it('a slot that is not one of the choices: feasible: false, naming the task, without asking assert', async () => {
			const bodies = checkedBy([
				400,
				{ '@type': 'hydra:Error', 'hydra:title': 'An error occurred', 'hydra:description': 'task.timeSlot.invalid' },
			]);
			const result = await run({ parameters: checkFeasibility(SLOT) });
			expect(result.error).toBeUndefined();
			expect(bodies.price).toEqual([
				expect.objectContaining({
					store: '/api/stores/3',
					dropoff: expect.objectContaining({
						timeSlot: '2025-06-12T08:00:00Z/2025-06-12T10:00:00Z',
						timeSlotUrl: '/api/time_slots/2',
					}),
				}),
			]);
			expect(output(result)).toEqual([
				{
					feasible: false,
					violations: [{ propertyPath: 'items[1].task.timeSlot', message: 'task.timeSlot.invalid' }],
					message: expect.stringMatching(/not one of the choices of its Check Against Time Slot/),
				},
			]);
		});

		it('a slot that is one of the choices: then the feasibility check itself', async () => {
			const bodies = checkedBy([200, { '@type': 'RetailPrice', amount: 499 }], [200, []]);
			const result = await run({ parameters: checkFeasibility(SLOT) });
			expect(output(result)).toEqual([{ feasible: true, violations: [] }]);
			expect(bodies.assert).toHaveLength(1);
		});

		it('a price CoopCycle cannot compute (the slot check passed): the feasibility check goes on', async () => {
			const bodies = checkedBy(
				[400, { '@type': 'hydra:Error', 'hydra:description': 'The price could not be calculated' }],
				[400, violationList('items', 'Your request is out of the accepted zone or too far')],
			);
			const result = await run({ parameters: checkFeasibility(SLOT) });
			expect(output(result)).toMatchObject([{ feasible: false, violations: [{ propertyPath: 'items' }] }]);
			expect(bodies.assert).toHaveLength(1);
		});

		it('an unknown slot: an error in CoopCycle’s words', async () => {
			checkedBy([400, { '@type': 'hydra:Error', 'hydra:description': 'Item not found for "/api/time_slots/2".' }]);
			const result = await run({ parameters: checkFeasibility(SLOT) });
			expect(result.error?.message).toBe('CoopCycle rejected the request: Item not found for "/api/time_slots/2".');
		});

		it('a latest time alone is no range: CoopCycle checks nothing, nor does the node', async () => {
			const seen = expectWrite('post', '/api/deliveries/assert', [], 200);
			const { api } = coopCycle();
			api.get('/api/me').reply(200, ME);
			const result = await run({
				parameters: checkFeasibility({ dropoffTimeMode: 'deadline', dropoffDetails: { timeSlotUrl: '2' } }),
			});
			expect(output(result)).toEqual([{ feasible: true, violations: [] }]);
			expect(seen.bodies).toHaveLength(1);
		});
	});

	it.each(PICKUP_AFTER_DROPOFF)(
		'refuses a pickup that ends after a dropoff, before sending: %j',
		async (change, message) => {
			coopCycle(); // nothing may be sent
			const result = await run({
				parameters: checkFeasibility(change),
			});
			expect(result.error?.message).toBe(message);
		},
	);
});
