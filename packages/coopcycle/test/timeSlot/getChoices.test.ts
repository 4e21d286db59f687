import { coopCycle, output, run, TIME_SLOT_CHOICES as choices } from '../fixtures';

describe('Time Slot → Get Choices', () => {
	it('gives one item per choice of the store’s default slot', async () => {
		const { api } = coopCycle();
		api.get('/api/time_slots/choices').reply(200, choices);
		const result = await run({ parameters: { resource: 'timeSlot', operation: 'getChoices' } });
		expect(output(result)).toEqual(choices.choices);
	});

	it('explains the 500 of a store without a default time slot', async () => {
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
});
