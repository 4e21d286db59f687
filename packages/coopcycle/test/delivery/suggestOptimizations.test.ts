import type { IDataObject } from 'n8n-workflow';

import { coopCycle, expectWrite, output, parsed, run } from '../fixtures';

const suggest = (parameters: IDataObject) => ({
	resource: 'delivery',
	operation: 'suggestOptimizations',
	...parameters,
});

/** The tasks of features/deliveries_multi.feature "Suggest delivery optimizations with OAuth" (l.581-640). */
const TASKS = [
	{ type: 'pickup', address: '44 Rue de Rivoli, 75004 Paris', after: '2025-06-12 13:00', before: '2025-06-12 13:15' },
	{ type: 'dropoff', address: "45 Rue d'Ulm, 75005 Paris", after: '2025-06-12 13:45', before: '2025-06-12 15:30' },
	{ type: 'dropoff', address: '48 Rue de Rivoli, 75004 Paris', after: '2025-06-12 13:15', before: '2025-06-12 13:30' },
];

/** CoopCycle's answer (src/Api/Dto/OptimizationSuggestions.php). */
const suggestions = (...found: Array<{ amount: number; order: number[] }>) => ({
	'@context': { '@vocab': '/api/docs.jsonld#' },
	'@type': 'OptimizationSuggestions',
	'@id': '/.well-known/genid/1',
	suggestions: found.map(({ amount, order }) => ({
		'@context': { '@vocab': '/api/docs.jsonld#' },
		'@type': 'OptimizationSuggestion',
		'@id': '/.well-known/genid/2',
		gain: { type: 'distance', amount },
		order,
	})),
});

describe('Delivery → Suggest Optimizations', () => {
	it('POSTs the tasks; outputs them in the suggested order, ready for Create, with the distance saved', async () => {
		const seen = expectWrite(
			'post',
			'/api/deliveries/suggest_optimizations',
			suggestions({ amount: 1834, order: [0, 2, 1] }),
			200,
		);
		const result = await run({ parameters: suggest({ tasksJson: JSON.stringify(TASKS) }) });
		expect(seen.bodies).toEqual([{ tasks: TASKS }]);
		expect(output(result)).toEqual([
			{
				improved: true,
				distanceSavedMeters: 1834,
				order: [0, 2, 1],
				tasks: [TASKS[0], TASKS[2], TASKS[1]],
				readyToCreate: true,
				message: 'CoopCycle suggests this order of the tasks: 1.8 km shorter.',
			},
		]);
	});

	it('no suggestion: the tasks as they were, and why', async () => {
		expectWrite('post', '/api/deliveries/suggest_optimizations', suggestions(), 200);
		const result = await run({ parameters: suggest({ tasksJson: TASKS }) });
		expect(output(result)).toEqual([
			expect.objectContaining({ improved: false, distanceSavedMeters: 0, order: [0, 1, 2], tasks: TASKS }),
		]);
		expect(output(result)[0].message).toMatch(/no shorter order that reaches every task within its time window/);
	});

	it('an order that drops off before the pickup is not ready to create: the message says why', async () => {
		expectWrite('post', '/api/deliveries/suggest_optimizations', suggestions({ amount: 500, order: [2, 0, 1] }), 200);
		const result = await run({ parameters: suggest({ tasksJson: TASKS }) });
		expect(output(result)[0]).toMatchObject({ improved: true, readyToCreate: false });
		expect(output(result)[0].message).toMatch(/does not start with a pickup and end with a dropoff/);
	});

	it('From the Input Item reads the item’s tasks; each item its own request', async () => {
		const { api } = coopCycle();
		const bodies: unknown[] = [];
		api
			.post('/api/deliveries/suggest_optimizations')
			.times(2)
			.reply((_uri, body) => {
				bodies.push(parsed(body));
				return [200, suggestions()];
			});
		const result = await run({
			parameters: suggest({ taskMode: 'item' }),
			items: [{ tasks: TASKS, order: 'A-1' }, { tasks: TASKS.slice(0, 2) }],
		});
		expect(bodies).toEqual([{ tasks: TASKS }, { tasks: TASKS.slice(0, 2) }]);
		expect(output(result)[1].message).toBe('With fewer than three tasks there is nothing to reorder.');
	});

	it('without Simplify: CoopCycle’s answer as it is', async () => {
		expectWrite('post', '/api/deliveries/suggest_optimizations', suggestions({ amount: 1834, order: [0, 2, 1] }), 200);
		const result = await run({ parameters: suggest({ tasksJson: TASKS, simplify: false }) });
		expect(output(result)).toEqual([suggestions({ amount: 1834, order: [0, 2, 1] })]);
	});

	it('tasks CoopCycle would fail on are refused before sending, as Create refuses them', async () => {
		coopCycle();
		const result = await run({ parameters: suggest({ tasksJson: [TASKS[0], { type: 'dropoff', address: 'x' }] }) });
		expect(result.error?.message).toMatch(/task 2 is a dropoff with neither "before" nor "timeSlot"/);
	});

	it('a broken connection is sent again: it computes, stores nothing', async () => {
		const { api } = coopCycle();
		api
			.post('/api/deliveries/suggest_optimizations')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		api.post('/api/deliveries/suggest_optimizations').reply(200, suggestions({ amount: 10, order: [0, 2, 1] }));
		const result = await run({ parameters: suggest({ tasksJson: TASKS }) });
		expect(output(result)[0].improved).toBe(true);
	});

	it('500: most likely an address CoopCycle could not find', async () => {
		const { api } = coopCycle();
		api
			.post('/api/deliveries/suggest_optimizations')
			.reply(500, { '@type': 'hydra:Error', 'hydra:description': 'Internal Server Error' });
		const result = await run({ parameters: suggest({ tasksJson: TASKS }) });
		expect(result.error?.message).toMatch(/could not handle an address \(500\)/);
	});
});
