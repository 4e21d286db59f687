import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { CovoiturageApi } from '../../credentials/CovoiturageApi.credentials';
import { CovoiturageTrigger } from '../../nodes/Covoiturage/CovoiturageTrigger.node';
import { setClock } from '../../../shared/test/harness/clock';
import { PollRunner } from '../../../shared/test/harness/runPoll';
import { API, REGISTRY, keyPairCredential, tokenCredential } from '../fixtures';
import { journeysEvery, registryList } from '../listModel';

afterEach(() => jest.useRealTimers());

// 10:00 in Paris: the registry's today is 2026-11-24 00:00 Paris = 2026-11-23T23:00:00Z.
const MORNING = '2026-11-24T09:00:00Z';
const TODAY = '2026-11-23T23:00:00Z';
const WEEK_BEFORE = '2026-11-16T23:00:00Z';

const trigger = (parameters: IDataObject = {}, credential: ICredentialDataDecryptedObject = tokenCredential) =>
	new PollRunner(new CovoiturageTrigger(), new CovoiturageApi(), credential, parameters);

const ids = (...names: string[]) => names.map((operator_journey_id) => ({ operator_journey_id }));

/** The list route answering `rows` for one status, in one request, of the default window. */
function list(status: string, rows: IDataObject[], { start = WEEK_BEFORE, end = TODAY, limit = 100 } = {}) {
	return nock(REGISTRY)
		.get(`${API}/journeys`)
		.query({ status, start, end, limit: String(limit), offset: '0' })
		.reply(200, rows);
}

function statusOf(id: string, status: string) {
	return nock(REGISTRY)
		.get(`${API}/journeys/${encodeURIComponent(id)}`)
		.reply(200, {
			operator_journey_id: id,
			status,
			created_at: '2026-11-20T08:01:02.345Z',
			fraud_error_labels: status === 'fraud_error' ? ['interoperator_overlap'] : [],
			anomaly_error_details:
				status === 'anomaly_error'
					? [
							{
								label: 'temporal_overlap_anomaly',
								metas: { conflicting_operator_journey_id: 'theirs-9', overlap_duration_ratio: 0.83 },
							},
						]
					: [],
			terms_violation_details: [],
			journey_id: 4242,
		});
}

describe('Covoiturage Trigger', () => {
	it('remembers the journeys already flagged at activation without emitting them', async () => {
		setClock(MORNING);
		list('fraud_error', ids('f1', 'f2'));
		list('anomaly_error', ids('a1'));
		const watcher = trigger();

		expect(await watcher.activate()).toBeNull();
		expect(watcher.saved).toEqual({
			'node:Trigger': {
				seen: {
					fraud_error: { f1: '2026-11-24', f2: '2026-11-24' },
					anomaly_error: { a1: '2026-11-24' },
				},
			},
		});
	});

	it('emits the journeys already flagged at activation when asked', async () => {
		setClock(MORNING);
		list('fraud_error', ids('f1'));
		statusOf('f1', 'fraud_error');
		const watcher = trigger({ statuses: ['fraud_error'], options: { emitExisting: true } });

		const items = await watcher.activate();

		expect(items).toEqual([expect.objectContaining({ operator_journey_id: 'f1', watched_status: 'fraud_error' })]);
	});

	it('emits a journey whose status changed, once, with its full status as Get Status gives it', async () => {
		setClock(MORNING);
		list('fraud_error', ids('f1'));
		list('anomaly_error', []);
		const watcher = trigger();
		await watcher.activate();

		// The next morning's poll: a1 was pending, the anomaly check flagged it. f1 is still there: not read again.
		setClock('2026-11-25T09:00:00Z');
		const window = { start: '2026-11-17T23:00:00Z', end: '2026-11-24T23:00:00Z' };
		list('fraud_error', ids('f1'), window);
		list('anomaly_error', ids('a1'), window);
		statusOf('a1', 'anomaly_error');
		expect(await watcher.poll()).toEqual([
			{
				operator_journey_id: 'a1',
				status: 'anomaly_error',
				created_at: '2026-11-20T08:01:02.345Z',
				journey_id: '4242',
				fraud_error_labels: [],
				anomaly_error_labels: ['temporal_overlap_anomaly'],
				anomaly_error_details: [
					{
						label: 'temporal_overlap_anomaly',
						conflicting_operator_journey_id: 'theirs-9',
						overlap_duration_ratio: 0.83,
					},
				],
				terms_violation_labels: [],
				watched_status: 'anomaly_error',
			},
		]);

		// And the poll after: nothing new, no status read.
		list('fraud_error', ids('f1'), window);
		list('anomaly_error', ids('a1'), window);
		expect(await watcher.poll()).toBeNull();
	});

	it('reads a full window by halves as Get Many does: each journey once, though the list has no order', async () => {
		setClock(MORNING);
		list('fraud_error', []);
		const watcher = trigger({ statuses: ['fraud_error'] });
		await watcher.activate();

		const flagged = journeysEvery('j', 150, Date.parse(WEEK_BEFORE), 3600e3);
		const registry = registryList(flagged, { shuffle: true });
		for (const journey of flagged) statusOf(journey.id, 'fraud_error');
		const items = await watcher.poll();

		expect(items).toHaveLength(150);
		expect(new Set(items!.map((item) => item.operator_journey_id)).size).toBe(150);
		expect(registry.requests[0]).toEqual({
			status: 'fraud_error',
			start: WEEK_BEFORE,
			end: TODAY,
			limit: '100',
			offset: '0',
		});
		expect(registry.requests[1]).toEqual({
			status: 'fraud_error',
			start: WEEK_BEFORE,
			end: '2026-11-20T11:00:00Z',
			limit: '100',
			offset: '0',
		});
	});

	it('emits a journey flagged by both checks once per status, and reads its status once', async () => {
		setClock(MORNING);
		list('fraud_error', []);
		list('anomaly_error', []);
		const watcher = trigger();
		await watcher.activate();

		list('fraud_error', ids('both'));
		list('anomaly_error', ids('both'));
		statusOf('both', 'fraud_error');
		const items = await watcher.poll();

		expect(items!.map((item) => [item.operator_journey_id, item.watched_status])).toEqual([
			['both', 'fraud_error'],
			['both', 'anomaly_error'],
		]);
	});

	it('treats a status added to the watch list like a first activation: no flood', async () => {
		setClock(MORNING);
		list('fraud_error', ids('f1'));
		const watcher = trigger({ statuses: ['fraud_error'] });
		await watcher.activate();

		const widened = trigger({ statuses: ['fraud_error', 'canceled'] });
		widened.saved = watcher.saved;
		widened.restart();
		list('fraud_error', ids('f1', 'f2'));
		list('canceled', ids('c1', 'c2'));
		statusOf('f2', 'fraud_error');
		const items = await widened.poll();

		expect(items!.map((item) => item.operator_journey_id)).toEqual(['f2']);
		expect(Object.keys(widened.memory.seen as IDataObject)).toEqual(['fraud_error', 'canceled']);
	});

	describe('the window', () => {
		it.each([
			// 00:30 in Paris on the 24th, but the UTC date is still the 23rd: so is the registry's today.
			['2026-11-23T23:30:00Z', 7, '2026-11-15T23:00:00Z', '2026-11-22T23:00:00Z'],
			// 01:00 in Paris: the UTC date is the 24th.
			['2026-11-24T00:00:00Z', 7, '2026-11-16T23:00:00Z', '2026-11-23T23:00:00Z'],
			// Summer time: midnight in Paris is 22:00 UTC.
			['2026-07-01T06:00:00Z', 3, '2026-06-27T22:00:00Z', '2026-06-30T22:00:00Z'],
			// 90 days, as far back as the registry lists (the clocks changed in between).
			['2026-11-24T09:00:00Z', 90, '2026-08-25T22:00:00Z', '2026-11-23T23:00:00Z'],
		])('at %s with %d days of look-back, lists from %s to %s', async (now, lookBackDays, start, end) => {
			setClock(now);
			list('fraud_error', [], { start, end });
			expect(await trigger({ statuses: ['fraud_error'], options: { lookBackDays } }).activate()).toBeNull();
		});

		it('refuses a look-back the registry cannot list, before sending anything', async () => {
			setClock(MORNING);
			await expect(trigger({ options: { lookBackDays: 91 } }).poll()).rejects.toThrow(
				'Look-Back (Days) must be a whole number from 1 to 90 (got 91)',
			);
			await expect(trigger({ statuses: [] }).poll()).rejects.toThrow(
				'Trigger On is empty: choose at least one status to watch',
			);
		});
	});

	describe('what it remembers', () => {
		it('forgets a journey 90 days after it was last listed, when no list can give it any more', async () => {
			setClock(MORNING);
			list('fraud_error', ids('old', 'kept'), { start: '2026-08-25T22:00:00Z' });
			const watcher = trigger({ statuses: ['fraud_error'], options: { lookBackDays: 90 } });
			await watcher.activate();

			// 90 days later: "old" is no longer listed, but is still remembered (it started at most 90 days ago).
			setClock('2027-02-22T09:00:00Z');
			list('fraud_error', ids('kept'), { start: '2026-11-23T23:00:00Z', end: '2027-02-21T23:00:00Z' });
			expect(await watcher.poll()).toBeNull();
			expect(Object.keys((watcher.memory.seen as IDataObject).fraud_error as IDataObject)).toEqual(['old', 'kept']);

			// A day later it is forgotten.
			setClock('2027-02-23T09:00:00Z');
			list('fraud_error', ids('kept'), { start: '2026-11-24T23:00:00Z', end: '2027-02-22T23:00:00Z' });
			expect(await watcher.poll()).toBeNull();
			expect((watcher.memory.seen as IDataObject).fraud_error).toEqual({ kept: '2027-02-23' });
		});

		it('survives a restart: what n8n saved is what the next poll compares with', async () => {
			setClock(MORNING);
			list('fraud_error', ids('f1'));
			const watcher = trigger({ statuses: ['fraud_error'] });
			await watcher.activate();
			list('fraud_error', ids('f1', 'f2'));
			statusOf('f2', 'fraud_error');
			expect((await watcher.poll())!.map((item) => item.operator_journey_id)).toEqual(['f2']);

			watcher.restart();
			list('fraud_error', ids('f1', 'f2'));
			expect(await watcher.poll()).toBeNull();
		});

		it('remembers nothing of a poll that failed: the next poll emits what it could not', async () => {
			setClock(MORNING);
			list('fraud_error', []);
			const watcher = trigger({ statuses: ['fraud_error'] });
			await watcher.activate();

			list('fraud_error', ids('f1'));
			nock(REGISTRY)
				.get(`${API}/journeys/f1`)
				.reply(500, { jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'Internal error' } });
			await expect(watcher.poll()).rejects.toThrow('The registry answered with an error (500): Internal error');
			expect(watcher.memory).toEqual({ seen: { fraud_error: {} } });

			list('fraud_error', ids('f1'));
			statusOf('f1', 'fraud_error');
			expect((await watcher.poll())!.map((item) => item.operator_journey_id)).toEqual(['f1']);
		});

		it('a manual test returns journeys that have a watched status now, and changes nothing remembered', async () => {
			setClock(MORNING);
			list('fraud_error', ids('f1'));
			list('anomaly_error', []);
			const watcher = trigger();
			await watcher.activate();
			const before = watcher.memory;

			// At most 5 journeys are shown: the list is asked for no more.
			list('fraud_error', ids('f1', 'f2'), { limit: 5 });
			list('anomaly_error', ids('a1'), { limit: 5 });
			statusOf('f1', 'fraud_error');
			statusOf('f2', 'fraud_error');
			statusOf('a1', 'anomaly_error');
			const items = await watcher.poll('manual');

			expect(items!.map((item) => item.operator_journey_id)).toEqual(['f1', 'f2', 'a1']);
			expect(watcher.memory).toEqual(before);
		});

		it('a manual test that finds nothing says what it looked for and what to do, and changes nothing remembered', async () => {
			setClock(MORNING);
			list('fraud_error', []);
			const watcher = trigger({ statuses: ['fraud_error'] });
			await watcher.activate();
			const before = watcher.memory;

			list('fraud_error', [], { limit: 5 });
			const test = watcher.poll('manual');

			await expect(test).rejects.toThrow(
				'No journey has one of the statuses of Trigger On (Fraud Error) among the journeys that started in the 7 days before today 00:00 (Paris time)',
			);
			await expect(test).rejects.toMatchObject({
				description: expect.stringContaining('raise Look-Back (Days) in Options (up to 90)'),
			});
			expect(watcher.memory).toEqual(before);
		});
	});

	describe('the registry’s limits', () => {
		it('waits out a 429 and a 503 (maintenance) and goes on', async () => {
			setClock(MORNING);
			nock(REGISTRY)
				.get(`${API}/journeys`)
				.query(true)
				.reply(429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '0' });
			nock(REGISTRY).get(`${API}/journeys`).query(true).reply(503, { code: 503, error: 'Service Unavailable' });
			list('fraud_error', ids('f1'));
			statusOf('f1', 'fraud_error');

			const items = await trigger({ statuses: ['fraud_error'], options: { emitExisting: true } }).activate();

			expect(items!.map((item) => item.operator_journey_id)).toEqual(['f1']);
		});

		it('gets one access token for a whole poll, whatever the number of requests', async () => {
			setClock(MORNING);
			const tokenRoute = nock(REGISTRY)
				.post(`${API}/auth/access_token`)
				.times(1)
				.reply(200, { access_token: 'token-of-the-poll' });
			const authorised = { reqheaders: { authorization: 'Bearer token-of-the-poll' } };
			for (const status of ['fraud_error', 'anomaly_error']) {
				nock(REGISTRY, authorised)
					.get(`${API}/journeys`)
					.query({ status, start: WEEK_BEFORE, end: TODAY, limit: '100', offset: '0' })
					.reply(200, ids(`${status}-1`, `${status}-2`));
			}
			for (const id of ['fraud_error-1', 'fraud_error-2', 'anomaly_error-1', 'anomaly_error-2']) {
				nock(REGISTRY, authorised).get(`${API}/journeys/${id}`).reply(200, { operator_journey_id: id, status: 'x' });
			}

			const items = await trigger({ options: { emitExisting: true } }, keyPairCredential()).activate();

			expect(items).toHaveLength(4);
			expect(tokenRoute.isDone()).toBe(true);
		});

		it('says which credential setting to check when the registry refuses the token', async () => {
			setClock(MORNING);
			// n8n sends a request again once after a 401, with the credential's new token (here the same one).
			nock(REGISTRY)
				.get(`${API}/journeys`)
				.query(true)
				.times(2)
				.reply(401, { error: { code: 401, message: 'Unauthorized' } });

			await expect(trigger({ statuses: ['fraud_error'] }).poll()).rejects.toThrow(
				'The registry rejected the credential (401)',
			);
		});
	});
});
