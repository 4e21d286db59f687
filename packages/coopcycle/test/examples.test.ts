import type { IDataObject } from 'n8n-workflow';

import { setClock } from '../../shared/test/harness/clock';
import newAndCancelled from '../examples/coopcycle-new-and-cancelled-deliveries.json';
import { output, run } from './fixtures';
import { listedDelivery, storeList } from './delivery/listServer';

/** One delivery every 12 hours, `count` of them, the first due at `from` (local wall clock). */
function every12Hours(count: number, from: string, firstId: number) {
	return Array.from({ length: count }, (_value, index) =>
		listedDelivery(
			firstId + index,
			new Date(Date.parse(`${from}Z`) + index * 12 * 3600 * 1000).toISOString().slice(0, 19),
		),
	);
}

describe('Example: new and cancelled deliveries', () => {
	afterEach(() => jest.useRealTimers());

	// Every 15 minutes, the example read the store's whole history (sorted by creation, which CoopCycle's list
	// cannot be read by beyond its first 30): one request per 30 deliveries or so, and a failure past about 60,000.
	it('reads only the deliveries due from two days ago, and stops at its Limit', async () => {
		setClock('2025-06-12T10:00:00Z');
		const history = every12Hours(600, '2024-10-15T12:00:00', 1); // up to 2025-06-11
		const upcoming = every12Hours(300, '2025-06-12T12:00:00', 1001);
		const deliveries = [...history, ...upcoming];
		const log = storeList(deliveries);
		const node = newAndCancelled.nodes.find((candidate) => candidate.type === 'n8n-nodes-coopcycle.coopCycle');
		const result = await run({ parameters: node!.parameters as IDataObject });
		expect(result.error).toBeUndefined();
		const read = output(result);
		expect(read).toHaveLength(Number(node!.parameters.limit));
		// Two days ago in the time zone of the run (this harness's: n8n's default, America/New_York; the example's own,
		// Europe/Paris, gives the same day at this hour): 2025-06-10.
		const dueDates = read.map((json) => String((json.dropoff as IDataObject).before).slice(0, 10));
		expect(dueDates.every((date) => date >= '2025-06-10')).toBe(true);
		for (const query of log.queries) {
			const dropoff = query['dropoff.before'] as Record<string, string>;
			expect(String(dropoff.after ?? dropoff.strictly_after) >= '2025-06-10').toBe(true);
		}
		// About one request per 30 deliveries read (and a few more where windows are cut), not per 30 of the history.
		expect(log.queries.length).toBeLessThanOrEqual(12);
		expect(log.statuses.every((status) => status === 200)).toBe(true);
	});
});
