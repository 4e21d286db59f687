import nock from 'nock';

import { Covoiturage } from '../../nodes/Covoiturage/Covoiturage.node';
import { setClock } from '../../../shared/test/harness/clock';
import { API, REGISTRY, isoHoursAgo, runner } from '../fixtures';
import { journeysEvery, registryList } from '../listModel';

describe('Journey → Get Many', () => {
	it('reads a window holding fewer than 100 journeys in one request, when Return All is on', async () => {
		const start = isoHoursAgo(48);
		const list = registryList(journeysEvery('j', 37, Date.parse(start), 60e3), { defaultEnd: isoHoursAgo(0) });

		const { items, error } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'getAll',
				status: 'fraud_error',
				returnAll: true,
				filters: { startedAfter: start },
			},
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(37);
		expect(items[36].json).toEqual({ operator_journey_id: 'j36' });
		expect(list.requests).toEqual([{ status: 'fraud_error', start, limit: '100', offset: '0' }]);
	});

	it('asks only for what Limit needs: one request of Limit ids when Limit is 100 or less', async () => {
		const list = registryList(journeysEvery('j', 300, Date.parse(isoHoursAgo(72)), 60e3), {
			defaultStart: isoHoursAgo(24 * 7),
			defaultEnd: isoHoursAgo(0),
		});

		const { items } = await runner().run({
			parameters: { resource: 'journey', operation: 'getAll', status: 'ok', returnAll: false, limit: 80 },
		});

		expect(items).toHaveLength(80);
		expect(list.requests).toEqual([{ status: 'ok', limit: '80', offset: '0' }]);
	});

	it('refuses a window the registry cannot list, before sending', async () => {
		const { error } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'getAll',
				status: 'ok',
				filters: { startedAfter: isoHoursAgo(24 * 92) },
			},
		});
		expect(error?.message).toMatch(
			/^List not requested: Started After must be no earlier than \S+Z, 90 days before today 00:00 Paris time/,
		);
	});
});

describe("Journey → Get Many: the registry's window ends at today 00:00, Paris time", () => {
	// The registry's "today" is 00:00 in Paris of the current UTC date (its dates.helper.ts today()): the tests
	// freeze the clock (Date only, timers keep running) to check it at chosen instants.
	afterEach(() => jest.useRealTimers());

	const list = (filters: Record<string, unknown>, status = 'ok') =>
		runner().run({ parameters: { resource: 'journey', operation: 'getAll', status, filters } });
	const sentQuery = () => {
		const seen: Array<Record<string, string>> = [];
		nock(REGISTRY)
			.get(`${API}/journeys`)
			.query(true)
			.reply((uri) => {
				seen.push(Object.fromEntries(new URL(uri, REGISTRY).searchParams));
				return [200, []];
			});
		return seen;
	};

	it('refuses an end later than today 00:00 Paris time, such as {{ $now }}, before sending', async () => {
		setClock('2025-09-17T12:00:00Z');
		const { error } = await list({ startedBefore: '={{ $now }}' });
		expect(error?.message).toBe(
			'List not requested: Started Before must be no later than 2025-09-16T22:00:00Z, today 00:00 Paris time: the registry lists no journey that started today (use Get Status for those) (got 2025-09-17T12:00:00Z)',
		);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it("accepts today 00:00 Paris time as the end, and knows that the registry's today follows the UTC date", async () => {
		// 00:30 on 18 September in Paris, still 17 September in UTC: the registry's today is 17 September.
		setClock('2025-09-17T22:30:00Z');
		let { error } = await list({ startedBefore: '2025-09-17T22:00:00Z' });
		expect(error?.message).toContain('Started Before must be no later than 2025-09-16T22:00:00Z');

		const seen = sentQuery();
		({ error } = await list({ startedBefore: '2025-09-16T22:00:00Z' }));
		expect(error).toBeUndefined();
		expect(seen).toEqual([{ status: 'ok', end: '2025-09-16T22:00:00Z', limit: '50', offset: '0' }]);
	});

	it('counts the 90 days back in Paris calendar days, across a change of summer time', async () => {
		setClock('2025-01-15T12:00:00Z');
		let { error } = await list({ startedAfter: '2024-10-16T21:59:59Z' });
		expect(error?.message).toBe(
			'List not requested: Started After must be no earlier than 2024-10-16T22:00:00Z, 90 days before today 00:00 Paris time: the registry lists no older journeys (got 2024-10-16T21:59:59Z)',
		);

		const seen = sentQuery();
		({ error } = await list({ startedAfter: '2024-10-16T22:00:00Z' }));
		expect(error).toBeUndefined();
		expect(seen).toEqual([{ status: 'ok', start: '2024-10-16T22:00:00Z', limit: '50', offset: '0' }]);
	});

	it("says when an end alone is before the registry's default start (7 days before today)", async () => {
		setClock('2025-09-17T12:00:00Z');
		const { error } = await list({ startedBefore: '2025-09-05T00:00:00Z' });
		expect(error?.message).toBe(
			'List not requested: Started Before must be after 2025-09-09T22:00:00Z, where the list starts when Started After is empty (7 days before today 00:00 Paris time): set Started After too (got 2025-09-05T00:00:00Z)',
		);
	});

	it('refuses a start that is not before the end', async () => {
		setClock('2025-09-17T12:00:00Z');
		const { error } = await list({ startedAfter: '2025-09-12T00:00:00Z', startedBefore: '2025-09-12T00:00:00Z' });
		expect(error?.message).toBe(
			'List not requested: Started After must be before Started Before (got 2025-09-12T00:00:00Z and 2025-09-12T00:00:00Z)',
		);
	});

	it.each([
		['expired', 'the registry accepts "expired" but then fails (error 500)'],
		['terms_violation_error', 'the registry cannot list this status'],
	])('refuses the status %s, which the registry cannot list', async (status, reason) => {
		const { error } = await list({}, status);
		expect(error?.message).toContain(`List not requested: Status must be one of`);
		expect(error?.message).toContain(reason);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it("tells the user, before running, what the window can be and where to find today's journeys", () => {
		const notice = new Covoiturage().description.properties.find(
			(property) => property.type === 'notice' && property.displayOptions?.show?.operation?.includes('getAll'),
		);
		expect(notice?.displayName).toContain('today 00:00 (Paris time)');
		expect(notice?.displayName).toContain('Get Status');
	});
});
