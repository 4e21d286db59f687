import { setClock } from '../../../shared/test/harness/clock';
import { runner } from '../fixtures';
import { journeysEvery, registryList, type Listed } from '../listModel';

// The registry's list pages with LIMIT/OFFSET and no ORDER BY (CarpoolStatusRepository.getOperatorJourneyIdByStatus),
// and journeys leave `pending` while it is read: Get Many reads it by windows that each fit in one request
// (shared/listReading.ts). The clock is frozen: the registry's today is then 2026-11-23T23:00:00Z.
const NOW = '2026-11-24T09:00:00Z';
const TODAY = Date.parse('2026-11-23T23:00:00Z');
const HOUR = 3600e3;
const WEEK_BEFORE = '2026-11-16T23:00:00Z';
const DEFAULTS = { defaultStart: WEEK_BEFORE, defaultEnd: '2026-11-23T23:00:00Z' };

afterEach(() => jest.useRealTimers());

const getMany = (parameters: Record<string, unknown> = {}) =>
	runner().run({
		parameters: { resource: 'journey', operation: 'getAll', status: 'pending', returnAll: true, ...parameters },
	});
const idsOf = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => String(item.json.operator_journey_id));

describe('Journey → Get Many: every journey once, whatever order the registry gives', () => {
	it('Return All over 150 journeys whose order changes at each request gives each journey once', async () => {
		setClock(NOW);
		const journeys = journeysEvery('j', 150, TODAY - 6 * 24 * HOUR, 50 * 60e3);
		registryList(journeys, { ...DEFAULTS, shuffle: true });

		const { items, error } = await getMany();

		expect(error).toBeUndefined();
		expect(idsOf(items).sort()).toEqual(journeys.map((journey) => journey.id).sort());
	});

	it('misses no journey still pending when others leave the list between requests', async () => {
		setClock(NOW);
		const journeys = journeysEvery('j', 250, TODAY - 5 * 24 * HOUR, 20 * 60e3);
		const list = registryList(journeys, { ...DEFAULTS, leaveAfterEachRequest: 10 });

		const ids = idsOf((await getMany()).items);

		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expect.arrayContaining(list.listed()));
		expect(list.listed().length).toBeGreaterThan(0);
	});

	it('halves a full window until each part fits in one request, the earlier part first', async () => {
		setClock(NOW);
		const from = TODAY - 2 * HOUR;
		const journeys = [...journeysEvery('a', 60, from, 60e3), ...journeysEvery('b', 60, from + HOUR, 60e3)];
		const list = registryList(journeys, { shuffle: true });
		const start = '2026-11-23T21:00:00Z';
		const end = '2026-11-23T23:00:00Z';

		const { items } = await getMany({ filters: { startedAfter: start, startedBefore: end } });

		expect(items).toHaveLength(120);
		expect(list.requests).toEqual([
			{ status: 'pending', start, end, limit: '100', offset: '0' },
			{ status: 'pending', start, end: '2026-11-23T22:00:00Z', limit: '100', offset: '0' },
			{ status: 'pending', start: '2026-11-23T22:00:00Z', end, limit: '100', offset: '0' },
		]);
	});

	it("gives a window left empty the registry's own bounds when it must be halved", async () => {
		setClock(NOW);
		const list = registryList(journeysEvery('j', 120, TODAY - 2 * 24 * HOUR, 60e3), DEFAULTS);

		const { items } = await getMany();

		expect(items).toHaveLength(120);
		expect(list.requests.slice(0, 2)).toEqual([
			{ status: 'pending', limit: '100', offset: '0' },
			{ status: 'pending', start: WEEK_BEFORE, end: '2026-11-20T11:00:00Z', limit: '100', offset: '0' },
		]);
	});

	it('stops once Limit journeys are read', async () => {
		setClock(NOW);
		const list = registryList(journeysEvery('j', 400, TODAY - 4 * 24 * HOUR, 10 * 60e3), {
			...DEFAULTS,
			shuffle: true,
		});

		const { items } = await getMany({ returnAll: false, limit: 150 });

		expect(items).toHaveLength(150);
		expect(new Set(idsOf(items)).size).toBe(150);
		// The last request asks only for the journeys still missing, and nothing is read after it.
		expect(Number(list.requests.at(-1)?.limit)).toBeLessThan(100);
	});

	it('reads over 100 journeys that started at the same instant by offset pages, each once', async () => {
		setClock(NOW);
		const instant = TODAY - 10 * HOUR;
		const together: Listed[] = Array.from({ length: 130 }, (_, index) => ({ id: `same-${index}`, start: instant }));
		const list = registryList([...together, ...journeysEvery('other', 20, TODAY - 30 * HOUR, HOUR)], DEFAULTS);

		const { items } = await getMany();

		const expected = [...together, ...journeysEvery('other', 20, 0, 0)].map((journey) => journey.id);
		expect(idsOf(items).sort()).toEqual(expected.sort());
		const instantPages = list.requests.filter((query) => Date.parse(query.end) - Date.parse(query.start) === 1);
		expect(instantPages.map((query) => [query.start, query.offset])).toEqual([
			['2026-11-23T13:00:00Z', '0'],
			['2026-11-23T13:00:00Z', '100'],
		]);
	});
});
