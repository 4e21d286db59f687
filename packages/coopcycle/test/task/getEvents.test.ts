import { coopCycle, output, run } from '../fixtures';

describe('Task → Get Events', () => {
	it('lists the status history', async () => {
		const { api } = coopCycle();
		api.get('/api/tasks/24/events').reply(200, {
			'hydra:member': [
				{ '@id': '/api/task_events/1', name: 'task:created', createdAt: '2025-06-12T09:00:00+02:00' },
				{ '@id': '/api/task_events/2', name: 'task:done', createdAt: '2025-06-12T12:00:00+02:00' },
			],
		});
		const result = await run({ parameters: { resource: 'task', operation: 'getEvents', taskId: '24' } });
		expect(output(result).map((json) => json.name)).toEqual(['task:created', 'task:done']);
	});
});
