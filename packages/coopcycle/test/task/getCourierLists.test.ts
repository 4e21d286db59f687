import { coopCycle, output, run } from '../fixtures';

describe('Task → Get Courier Lists', () => {
	it('sends the day as YYYY-MM-DD', async () => {
		const { api } = coopCycle();
		api
			.get('/api/task_lists')
			.query({ date: '2025-06-12' })
			.reply(200, { 'hydra:member': [{ '@id': '/api/task_lists/1', username: 'bob', items: [] }] });
		const result = await run({
			parameters: { resource: 'task', operation: 'getCourierLists', date: '2025-06-12T00:00:00' },
		});
		expect(output(result)[0].username).toBe('bob');
	});
});
