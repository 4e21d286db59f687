import { coopCycle, output, run } from '../fixtures';

describe('Time Slot → Get', () => {
	it('reads /api/time_slots/{id}', async () => {
		const { api } = coopCycle();
		api.get('/api/time_slots/2').reply(200, { '@id': '/api/time_slots/2', name: 'Morning', interval: '2 hours' });
		const result = await run({ parameters: { resource: 'timeSlot', operation: 'get', timeSlotId: '2' } });
		expect(output(result)).toEqual([{ '@id': '/api/time_slots/2', id: 2, name: 'Morning', interval: '2 hours' }]);
	});
});
