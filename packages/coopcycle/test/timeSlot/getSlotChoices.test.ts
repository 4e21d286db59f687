import { coopCycle, output, run, TIME_SLOT_CHOICES as choices } from '../fixtures';

describe('Time Slot → Get Choices of a Time Slot', () => {
	it('reads /api/time_slots/{id}/choices', async () => {
		const { api } = coopCycle();
		api.get('/api/time_slots/2/choices').reply(200, choices);
		const result = await run({
			parameters: { resource: 'timeSlot', operation: 'getSlotChoices', timeSlotId: '/api/time_slots/2' },
		});
		expect(output(result)).toHaveLength(2);
	});
});
