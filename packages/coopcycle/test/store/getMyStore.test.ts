import { coopCycle, ME, output, run } from '../fixtures';

describe('Store → Get My Store', () => {
	it('reads /api/me, then the store, and says which API app it is', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api.get('/api/stores/3').reply(200, {
			'@context': '/api/contexts/Store',
			'@id': '/api/stores/3',
			'@type': 'http://schema.org/Store',
			id: 3,
			name: 'Bakery',
			timeSlot: '/api/time_slots/1',
			timeSlots: ['/api/time_slots/1', '/api/time_slots/2'],
		});
		const result = await run({ parameters: { resource: 'store', operation: 'getMyStore' } });
		expect(output(result)).toEqual([
			{
				'@id': '/api/stores/3',
				'@type': 'http://schema.org/Store',
				id: 3,
				name: 'Bakery',
				timeSlot: '/api/time_slots/1',
				timeSlotId: 1,
				timeSlots: ['/api/time_slots/1', '/api/time_slots/2'],
				apiApp: { '@id': '/api/api_apps/1', name: 'Bakery app', id: 1 },
			},
		]);
	});
});
