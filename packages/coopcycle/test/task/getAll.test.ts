import { coopCycle, failure, output, run } from '../fixtures';

describe('Task → Get Many', () => {
	it('pages /api/tasks of a day', async () => {
		const { api } = coopCycle();
		api
			.get('/api/tasks')
			.query({ date: '2025-06-12', pagination: 'true' })
			.reply(200, {
				'hydra:member': [{ id: 1 }],
				'hydra:view': { 'hydra:next': '/api/tasks?date=2025-06-12&pagination=true&page=2' },
			});
		api.get('/api/tasks?date=2025-06-12&pagination=true&page=2').reply(200, { 'hydra:member': [{ id: 2 }] });
		const result = await run({
			parameters: { resource: 'task', operation: 'getAll', date: '2025-06-12', returnAll: true },
		});
		expect(output(result).map((json) => json.id)).toEqual([1, 2]);
	});

	it('refuses a date that is not a day', async () => {
		coopCycle();
		const result = await run({ parameters: { resource: 'task', operation: 'getAll', date: 'next monday' } });
		expect(result.error?.message).toBe('Date "next monday" is not a date');
	});

	it('a 403 names the tasks:all scope', async () => {
		const error = await failure({ resource: 'task', operation: 'getAll', date: '2025-06-12', returnAll: true }, 403, {
			'@type': 'hydra:Error',
			'hydra:description': 'Access Denied.',
		});
		expect(error?.description).toMatch(/"tasks:all" scope/);
	});
});
