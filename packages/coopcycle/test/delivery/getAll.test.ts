import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../../../shared/test/harness/runNode';
import { coopCycle, ME, output, run } from '../fixtures';
import { listedDelivery, storeList, type ListedDelivery, type ListLog } from './listServer';

const getAll = (parameters: IDataObject = {}) => ({ resource: 'delivery', operation: 'getAll', ...parameters });

/** Deliveries 1..count, one every `minutes` from 2025-06-12 08:00 (local time). */
function spread(count: number, minutes: number, firstId = 1): ListedDelivery[] {
	return Array.from({ length: count }, (_value, index) =>
		listedDelivery(
			firstId + index,
			new Date(Date.parse('2025-06-12T08:00:00Z') + index * minutes * 60000).toISOString().slice(0, 19),
		),
	);
}

const idsOf = (result: RunResult) => output(result).map((json) => json.id);
const onlyBracketed = (log: ListLog) =>
	log.queries.every((query) => Object.values(query).every((value) => typeof value === 'object'));

describe('Delivery → Get Many', () => {
	it('Return All reads every delivery exactly once, with bracketed parameters only, though 45 share a dropoff time', async () => {
		// A time slot: 45 deliveries due at 12:00, with pickups estimated at different times.
		const slot = Array.from({ length: 45 }, (_value, index) =>
			listedDelivery(100 + index, '2025-06-12T12:00:00', {
				dropoffAfter: '2025-06-12T10:00:00',
				pickupBefore: `2025-06-12T11:${String(index).padStart(2, '0')}:00`,
			}),
		);
		const deliveries = [...spread(40, 10), ...slot, ...spread(35, 7, 200)];
		const log = storeList(deliveries);
		const result = await run({ parameters: getAll({ returnAll: true }) });
		expect(result.error).toBeUndefined();
		const ids = idsOf(result);
		expect(ids).toHaveLength(deliveries.length);
		expect(new Set(ids).size).toBe(deliveries.length);
		expect(onlyBracketed(log)).toBe(true);
		expect(log.statuses.every((status) => status === 200)).toBe(true);
		// Latest dropoff first (the default), as CoopCycle shows the dropoff time.
		const times = output(result).map((json) => String((json.dropoff as IDataObject).before));
		expect(times).toEqual([...times].sort().reverse());
		expect(output(result)[0]['@context']).toBeUndefined();
	});

	it('deliveries with several dropoffs, across windows, come once each', async () => {
		const deliveries = spread(90, 5).map((delivery, index) =>
			index % 3 === 0
				? listedDelivery(delivery.id, delivery.dropoffs[0].before, {
						extraDropoffs: [
							new Date(Date.parse(`${delivery.dropoffs[0].before}Z`) - 95 * 60000).toISOString().slice(0, 19),
						],
					})
				: delivery,
		);
		const log = storeList(deliveries);
		const result = await run({ parameters: getAll({ returnAll: true, order: 'dropoff.before:asc' }) });
		expect(result.error).toBeUndefined();
		expect([...idsOf(result)].sort((a, b) => Number(a) - Number(b))).toEqual(deliveries.map((delivery) => delivery.id));
		expect(onlyBracketed(log)).toBe(true);
	});

	it('50 deliveries with exactly the same times are read through the oldest and newest 30', async () => {
		const same = Array.from({ length: 50 }, (_value, index) =>
			listedDelivery(index + 1, '2025-06-12T12:00:00', { pickupBefore: '2025-06-12T11:30:00' }),
		);
		storeList(same);
		const result = await run({ parameters: getAll({ returnAll: true }) });
		expect(result.error).toBeUndefined();
		expect(new Set(idsOf(result)).size).toBe(50);
	});

	it('more deliveries with the same times than CoopCycle can list: the item fails and says why', async () => {
		const same = Array.from({ length: 70 }, (_value, index) =>
			listedDelivery(index + 1, '2025-06-12T12:00:00', { pickupBefore: '2025-06-12T11:30:00' }),
		);
		storeList(same);
		const result = await run({ parameters: getAll({ returnAll: true }), continueOnFail: true });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(
			/^Get Many could not read every delivery: 70 deliveries have exactly the same times \(pickup 2025-06-12 11:15:00 to 2025-06-12 11:30:00, dropoff 2025-06-12 11:00:00 to 2025-06-12 12:00:00\), and CoopCycle’s list shows only (6\d) of them$/,
		);
	});

	it('Limit gives the first deliveries in the order asked for, and stops reading early', async () => {
		const deliveries = spread(300, 3);
		const log = storeList(deliveries);
		const result = await run({ parameters: getAll({ limit: 40, order: 'dropoff.before:asc' }) });
		expect(idsOf(result)).toEqual(Array.from({ length: 40 }, (_value, index) => index + 1));
		expect(log.queries.length).toBeLessThanOrEqual(4);
		expect(onlyBracketed(log)).toBe(true);
	});

	it('Limit with the latest first', async () => {
		const log = storeList(spread(100, 3));
		const result = await run({ parameters: getAll({ limit: 5 }) });
		expect(idsOf(result)).toEqual([100, 99, 98, 97, 96]);
		expect(log.queries[0]).toEqual({ order: { 'dropoff.before': 'desc' } });
	});

	it('Sort by creation date beyond one page reads the windows, then sorts', async () => {
		// Created in the reverse order of their dropoff times.
		const deliveries = spread(75, 10).map((delivery) => ({ ...delivery, createdAt: 1000 - delivery.id }));
		const log = storeList(deliveries);
		const result = await run({ parameters: getAll({ limit: 3, order: 'createdAt:desc' }) });
		expect(idsOf(result)).toEqual([75, 74, 73]);
		expect(log.queries[0]).toEqual({ order: { createdAt: 'desc' } });
		expect(onlyBracketed(log)).toBe(true);
	});

	it('one page is one request, with the filters as CoopCycle reads them', async () => {
		const log = storeList(spread(20, 60));
		const result = await run({
			parameters: getAll({
				returnAll: true,
				order: 'createdAt:asc',
				filters: { dropoffFrom: '2025-06-12T10:00:00', pickupUntil: '2025-06-12T20:00:00+02:00' },
			}),
		});
		expect(log.queries).toEqual([
			{
				order: { createdAt: 'asc' },
				'dropoff.before': { after: '2025-06-12T10:00:00' },
				'pickup.before': { before: '2025-06-12T20:00:00' },
			},
		]);
		expect(idsOf(result)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
	});

	it('Dropoff Until given as a day keeps that whole day', async () => {
		const deliveries = [
			listedDelivery(1, '2025-06-11T18:00:00'),
			listedDelivery(2, '2025-06-12T00:00:00'),
			listedDelivery(3, '2025-06-12T18:30:00'),
			listedDelivery(4, '2025-06-13T00:00:00'),
		];
		const log = storeList(deliveries);
		const result = await run({
			parameters: getAll({ returnAll: true, filters: { dropoffFrom: '2025-06-12', dropoffUntil: '2025-06-12' } }),
		});
		expect(idsOf(result)).toEqual([3, 2]);
		expect(log.queries[0]['dropoff.before']).toEqual({
			after: '2025-06-12T00:00:00',
			strictly_before: '2025-06-13T00:00:00',
		});
	});

	it.each([
		[{ dropoffFrom: 'next monday' }, 'Dropoff From "next monday" is not a date'],
		[{ pickupUntil: '2025-02-30' }, 'Pickup Until "2025-02-30" is not a date'],
		[
			{ dropoffFrom: '2025-06-13', dropoffUntil: '2025-06-12' },
			'Dropoff From is after Dropoff Until: no delivery can match',
		],
	])('refuses the filters %j before sending anything', async (filters, message) => {
		coopCycle(); // not even /api/me
		const result = await run({ parameters: getAll({ returnAll: true, filters }) });
		expect(result.error?.message).toBe(message);
	});

	it('looks the store up once for many items', async () => {
		const log = storeList(spread(2, 60));
		const result = await run({ parameters: getAll({ limit: 2 }), items: [{}, {}, {}, {}] });
		expect(output(result)).toHaveLength(8);
		expect(log.queries).toHaveLength(4);
	});

	it('explains an API app without a store', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, { ...ME, store: null });
		const result = await run({ parameters: getAll({ returnAll: true }) });
		expect(result.error?.message).toBe('This CoopCycle API app is not linked to a store');
	});
});
