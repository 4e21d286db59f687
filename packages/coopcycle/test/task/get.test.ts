import { coopCycle, output, run } from '../fixtures';

describe('Task → Get', () => {
	it('reads /api/tasks/{id}', async () => {
		const { api } = coopCycle();
		api.get('/api/tasks/24').reply(200, { '@id': '/api/tasks/24', id: 24, status: 'DONE' });
		const result = await run({
			parameters: { resource: 'task', operation: 'get', taskId: `https://acme.coopcycle.test/api/tasks/24` },
		});
		expect(output(result)[0].status).toBe('DONE');
	});
});
