import nock from 'nock';
import { sleep, type IDataObject } from 'n8n-workflow';

import { registryPacing } from '../nodes/Covoiturage/shared/ratePacing';
import { setClock } from '../../shared/test/harness/clock';
import {
	API,
	created,
	createFromJson,
	isoHoursAgo,
	journey,
	REGISTRY,
	rpcError,
	runner,
	tokenCredential,
} from './fixtures';
import { journeysEvery, registryList } from './listModel';

/**
 * The shared transport as the Covoiturage node uses it: what is sent again after which answer, the bound on
 * requests in flight per registry, the pacing under its rate limits, and the link of every output item to its
 * input item.
 */

const status = (id: string) => ({ operator_journey_id: id, status: 'ok', created_at: '2026-11-22T08:01:02.345Z' });

describe('Registry: what is sent again', () => {
	it('a Create answered 504 is sent again: its repeat gets 409 "already registered", a success', async () => {
		const scope = nock(REGISTRY)
			.post(`${API}/journeys`)
			.reply(504, 'Gateway Time-out', { 'Retry-After': '0' })
			.post(`${API}/journeys`)
			.reply(409, rpcError(-32509, 'Conflict', 'Carpool already registered at 2026-11-22T07:00:00.000Z'));
		const { items, error } = await runner().run({ parameters: createFromJson, items: [journey('gw-1')] });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(items[0].json).toMatchObject({ operator_journey_id: 'gw-1', registered: true, already_registered: true });
	});

	it('a Create answered 429, then 503, is sent again: the registry did nothing', async () => {
		nock(REGISTRY)
			.post(`${API}/journeys`)
			.reply(429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '0' });
		nock(REGISTRY)
			.post(`${API}/journeys`)
			.reply(503, { code: 503, error: 'Service Unavailable' }, { 'Retry-After': '0' });
		nock(REGISTRY).post(`${API}/journeys`).reply(201, created('rl-1'));
		const { items, error } = await runner().run({ parameters: createFromJson, items: [journey('rl-1')] });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ operator_journey_id: 'rl-1', already_registered: false });
	});

	it('Get Status after 429s waited out for 10 minutes says "try later" in words for a read', async () => {
		setClock(new Date().toISOString());
		try {
			// A registry of its own: the refusals hold its limiter's window (pacing), and the clock jumps.
			const slow = 'https://slow-registry.test';
			nock(slow)
				.get(`${API}/journeys/j1`)
				.times(4)
				.reply(() => {
					jest.setSystemTime(Date.now() + 4 * 60_000);
					return [429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '0' }];
				});
			const { error } = await runner({ ...tokenCredential, customUrl: slow }).run({
				parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'j1' },
			});
			expect(error?.message).toBe('The registry is still limiting requests (429) after waiting 10 minutes');
			expect(error?.description).toContain('Nothing was changed: run the item again later.');
			expect(error?.description).not.toContain('Re-sending journeys');
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('Registry: maintenance', () => {
	it('503s are waited out for 10 minutes, then the item says the registry is still unavailable', async () => {
		setClock(new Date().toISOString());
		try {
			const closed = 'https://closed-registry.test';
			nock(closed)
				.get(`${API}/journeys/j1`)
				.times(4)
				.reply(() => {
					jest.setSystemTime(Date.now() + 4 * 60_000);
					return [503, { code: 503, error: 'Service Unavailable' }, { 'Retry-After': '0' }];
				});
			const { error } = await runner({ ...tokenCredential, customUrl: closed }).run({
				parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'j1' },
			});
			expect(error?.message).toBe(
				'The registry is still unavailable (503) after waiting 10 minutes, probably for maintenance',
			);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('Registry: Max Requests at Once', () => {
	it.each([2, 8])('never has more than %i requests in flight to the registry', async (bound) => {
		const ids = Array.from({ length: 12 }, (_, index) => `m${index}`);
		const held: Array<() => void> = [];
		const seen = { arrived: 0, peak: 0 };
		nock(REGISTRY)
			.get(/\/v3\.3\/journeys\/m\d+$/)
			.times(ids.length)
			.reply((uri: string, _body: unknown, callback: (error: Error | null, answer: [number, IDataObject]) => void) => {
				seen.arrived++;
				held.push(() => void sleep(0).then(() => callback(null, [200, status(uri.split('/').pop()!)])));
				seen.peak = Math.max(seen.peak, held.length);
				while (held.length > 0 && (held.length >= bound || seen.arrived === ids.length)) held.shift()!();
			});
		const credential = bound === 8 ? tokenCredential : { ...tokenCredential, maxRequestsAtOnce: bound };
		const { items, error } = await runner(credential).run({
			parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: '={{ $json.id }}' },
			items: ids.map((id) => ({ id })),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.operator_journey_id)).toEqual(ids);
		expect(seen.peak).toBe(bound);
	});
});

describe('Registry: pacing under the rate limits', () => {
	const request = (method: string, url: string) => ({ options: { method, url } }) as never;

	it('costs nothing far from the limit: no wait, no promise', () => {
		expect(registryPacing.before(request('GET', '/journeys/j1'), 'https://paced.test')).toBeUndefined();
		expect(registryPacing.before(request('POST', '/journeys'), 'https://paced.test')).toBeUndefined();
	});

	it('after a 429, the routes of its limiter wait as long as the registry asked, the others do not', () => {
		registryPacing.refused(request('GET', '/journeys/j1'), 'https://held.test', 50);
		// Get Status, Get Many and Update share rl-acquisition-check; Create and Cancel count in rl-acquisition.
		expect(registryPacing.before(request('PATCH', '/journeys/j2'), 'https://held.test')).toBeInstanceOf(Promise);
		expect(registryPacing.before(request('GET', '/journeys'), 'https://held.test')).toBeInstanceOf(Promise);
		expect(registryPacing.before(request('POST', '/journeys'), 'https://held.test')).toBeUndefined();
		expect(registryPacing.before(request('GET', '/journeys/j1'), 'https://other-registry.test')).toBeUndefined();
	});
});

describe('Registry: item linking', () => {
	it('Get Many fed two items: every id carries the input item it was read for', async () => {
		const start = isoHoursAgo(48);
		registryList(journeysEvery('j', 3, Date.parse(start), 60e3), { defaultEnd: isoHoursAgo(0) });
		const { items, error } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'getAll',
				status: 'ok',
				returnAll: true,
				filters: { startedAfter: start },
			},
			items: [{ run: 'a' }, { run: 'b' }],
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.operator_journey_id, item.pairedItem])).toEqual([
			['j0', { item: 0 }],
			['j1', { item: 0 }],
			['j2', { item: 0 }],
			['j0', { item: 1 }],
			['j1', { item: 1 }],
			['j2', { item: 1 }],
		]);
	});

	it('an error item is linked to its input item', async () => {
		nock(REGISTRY).get(`${API}/journeys/a`).reply(200, status('a'));
		nock(REGISTRY).get(`${API}/journeys/b`).reply(404, rpcError(-32504, 'Not found'));
		const { items } = await runner().run({
			parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: '={{ $json.id }}' },
			items: [{ id: 'a' }, { id: 'b' }],
			continueOnFail: true,
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[1].json.error).toContain('no journey with this operator_journey_id');
	});
});
