/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into request and response bodies */
import nock from 'nock';

import { Covoiturage } from '../../nodes/Covoiturage/Covoiturage.node';
import { API, REGISTRY, isoHoursAgo, journey, rpcError, runner } from './fixtures';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const ids = (from: number, count: number) =>
	Array.from({ length: count }, (_, index) => ({ operator_journey_id: `j${from + index}` }));

describe('Journey → Get Status', () => {
	it('reads the status and outputs the labels in one shape (server shape)', async () => {
		nock(REGISTRY, { reqheaders: { authorization: 'Bearer app-token-123' } })
			.get(`${API}/journeys/j%2F1`)
			.reply(200, {
				operator_journey_id: 'j/1',
				status: 'fraud_error',
				created_at: '2026-11-22T08:01:02.345Z',
				fraud_error_labels: ['interoperator_overlap'],
				anomaly_error_details: [
					{
						label: 'temporal_overlap_anomaly',
						metas: { conflicting_operator_journey_id: 'other', overlap_duration_ratio: 0.83 },
					},
				],
				terms_violation_details: ['too_close_trips'],
				journey_id: 123456789,
			});

		const { items, error } = await runner().run({
			parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'j/1' },
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			operator_journey_id: 'j/1',
			status: 'fraud_error',
			created_at: '2026-11-22T08:01:02.345Z',
			journey_id: '123456789',
			fraud_error_labels: ['interoperator_overlap'],
			anomaly_error_labels: ['temporal_overlap_anomaly'],
			anomaly_error_details: [
				{ label: 'temporal_overlap_anomaly', conflicting_operator_journey_id: 'other', overlap_duration_ratio: 0.83 },
			],
			terms_violation_labels: ['too_close_trips'],
		});
	});

	it('accepts the documentation shape of the labels', async () => {
		nock(REGISTRY)
			.get(`${API}/journeys/j2`)
			.reply(200, {
				operator_journey_id: 'j2',
				status: 'anomaly_error',
				fraud_error_labels: [{ label: 'interoperator_too_many_trips_by_day' }],
				anomaly_error_details: [
					{
						label: 'temporal_overlap_anomaly',
						metas: { conflicting_journey_id: 'x', temporal_overlap_duration_ratio: 0.7 },
					},
				],
				terms_violation_details: [{ label: 'expired' }],
				journey_id: '42',
			});

		const { items } = await runner().run({
			parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'j2' },
		});

		expect(items[0].json).toMatchObject({
			fraud_error_labels: ['interoperator_too_many_trips_by_day'],
			anomaly_error_details: [
				{ label: 'temporal_overlap_anomaly', conflicting_operator_journey_id: 'x', overlap_duration_ratio: 0.7 },
			],
			terms_violation_labels: ['expired'],
		});
	});

	it('says when the registry has no such journey (404)', async () => {
		nock(REGISTRY).get(`${API}/journeys/nope`).reply(404, rpcError(-32504, 'Not found'));
		const { error } = await runner().run({
			parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'nope' },
		});
		expect(error?.message).toBe('The registry has no journey with this operator_journey_id for your operator (404)');
		expect(error?.httpCode).toBe('404');
	});

	it('says when the API version does not exist (404 with an empty body)', async () => {
		nock(REGISTRY).get(`${API}/journeys/j`).reply(404, '');
		const { error } = await runner().run({
			parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'j' },
		});
		expect(error?.message).toContain('the API version or URL is wrong');
	});

	it('refuses an empty journey id without calling the registry', async () => {
		const { error } = await runner().run({
			parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: '  ' },
		});
		expect(error?.message).toBe(
			'Request not sent: Operator Journey ID must be a text of 1 to 256 characters (got "  ")',
		);
	});
});

describe('Journey → Get Many', () => {
	it('pages by offset until a short page when Return All is on', async () => {
		const seen: string[] = [];
		nock(REGISTRY)
			.get(`${API}/journeys`)
			.query(true)
			.times(3)
			.reply((uri) => {
				seen.push(uri);
				const offset = Number(new URL(uri, REGISTRY).searchParams.get('offset'));
				return [200, offset < 200 ? ids(offset, 100) : ids(offset, 37)];
			});
		const start = isoHoursAgo(48);

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
		expect(items).toHaveLength(237);
		expect(items[236].json).toEqual({ operator_journey_id: 'j236' });
		const params = seen.map((uri) => Object.fromEntries(new URL(uri, REGISTRY).searchParams));
		expect(params).toEqual([
			{ status: 'fraud_error', start, limit: '100', offset: '0' },
			{ status: 'fraud_error', start, limit: '100', offset: '100' },
			{ status: 'fraud_error', start, limit: '100', offset: '200' },
		]);
	});

	it('asks only for what Limit needs', async () => {
		const seen: string[] = [];
		nock(REGISTRY)
			.get(`${API}/journeys`)
			.query(true)
			.times(2)
			.reply((uri) => {
				seen.push(uri);
				const query = new URL(uri, REGISTRY).searchParams;
				return [200, ids(Number(query.get('offset')), Number(query.get('limit')))];
			});

		const { items } = await runner().run({
			parameters: { resource: 'journey', operation: 'getAll', status: 'ok', returnAll: false, limit: 150 },
		});

		expect(items).toHaveLength(150);
		expect(seen.map((uri) => new URL(uri, REGISTRY).search)).toEqual([
			'?status=ok&limit=100&offset=0',
			'?status=ok&limit=50&offset=100',
		]);
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
	const clockAt = (iso: string) =>
		jest.useFakeTimers({
			now: new Date(iso),
			doNotFake: [
				'hrtime',
				'nextTick',
				'performance',
				'queueMicrotask',
				'setImmediate',
				'clearImmediate',
				'setInterval',
				'clearInterval',
				'setTimeout',
				'clearTimeout',
			],
		});
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
		clockAt('2025-09-17T12:00:00Z');
		const { error } = await list({ startedBefore: '={{ $now }}' });
		expect(error?.message).toBe(
			'List not requested: Started Before must be no later than 2025-09-16T22:00:00Z, today 00:00 Paris time: the registry lists no journey that started today (use Get Status for those) (got 2025-09-17T12:00:00Z)',
		);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it("accepts today 00:00 Paris time as the end, and knows that the registry's today follows the UTC date", async () => {
		// 00:30 on 18 September in Paris, still 17 September in UTC: the registry's today is 17 September.
		clockAt('2025-09-17T22:30:00Z');
		let { error } = await list({ startedBefore: '2025-09-17T22:00:00Z' });
		expect(error?.message).toContain('Started Before must be no later than 2025-09-16T22:00:00Z');

		const seen = sentQuery();
		({ error } = await list({ startedBefore: '2025-09-16T22:00:00Z' }));
		expect(error).toBeUndefined();
		expect(seen).toEqual([{ status: 'ok', end: '2025-09-16T22:00:00Z', limit: '50', offset: '0' }]);
	});

	it('counts the 90 days back in Paris calendar days, across a change of summer time', async () => {
		clockAt('2025-01-15T12:00:00Z');
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
		clockAt('2025-09-17T12:00:00Z');
		const { error } = await list({ startedBefore: '2025-09-05T00:00:00Z' });
		expect(error?.message).toBe(
			'List not requested: Started Before must be after 2025-09-09T22:00:00Z, where the list starts when Started After is empty (7 days before today 00:00 Paris time): set Started After too (got 2025-09-05T00:00:00Z)',
		);
	});

	it('refuses a start that is not before the end', async () => {
		clockAt('2025-09-17T12:00:00Z');
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

	it('tells the user, before running, what the window can be and where to find today\'s journeys', () => {
		const notice = new Covoiturage().description.properties.find(
			(property) => property.type === 'notice' && property.displayOptions?.show?.operation?.includes('getAll'),
		);
		expect(notice?.displayName).toContain('today 00:00 (Paris time)');
		expect(notice?.displayName).toContain('Get Status');
	});
});

describe('Journey → Update', () => {
	it('sends a PATCH with the correctable fields only', async () => {
		let sent: unknown;
		nock(REGISTRY)
			.patch(`${API}/journeys/journey-1`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, '');

		const { items, error } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'update',
				operatorJourneyId: 'journey-1',
				inputMode: 'json',
				journeyJson: '={{ $json }}',
			},
			items: [journey('journey-1', { distance: 2500 })],
		});

		expect(error).toBeUndefined();
		const full = journey('journey-1', { distance: 2500 });
		expect(sent).toEqual({
			operator_trip_id: full.operator_trip_id,
			operator_class: full.operator_class,
			start: full.start,
			end: full.end,
			distance: 2500,
			incentives: full.incentives,
		});
		expect(items[0].json).toEqual({ operator_journey_id: 'journey-1', updated: true, status: 'pending' });
	});

	it('sends only what PATCH stores: a whole journey with incentive_counterparts and operator_id', async () => {
		// PatchJourneyAction.convertPayloadToRequest passes every body field to CarpoolRepository.update, which writes
		// incentive_counterparts to a column that does not exist (500); operator_id is replaced by the token's.
		let sent: any;
		nock(REGISTRY)
			.patch(`${API}/journeys/journey-2`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, '');
		const whole = journey('journey-2', {
			operator_id: 42,
			incentive_counterparts: [{ target: 'driver', siret: '11000101300017', amount: 100 }],
			licence_plate: 'AB-123-CD',
		});

		const { error } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'update',
				operatorJourneyId: 'journey-2',
				inputMode: 'json',
				journeyJson: '={{ $json }}',
			},
			items: [whole],
		});

		expect(error).toBeUndefined();
		expect(Object.keys(sent).sort()).toEqual([
			'distance',
			'end',
			'incentives',
			'operator_class',
			'operator_trip_id',
			'start',
		]);
	});

	it('builds the correction from the fields', async () => {
		let sent: any;
		nock(REGISTRY)
			.patch(`${API}/journeys/j9`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, '');
		const startedAt = isoHoursAgo(5);
		const endedAt = isoHoursAgo(4);

		await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'update',
				operatorJourneyId: 'j9',
				inputMode: 'fields',
				operatorClass: 'C',
				startDateTime: startedAt,
				startLatitude: 45.76,
				startLongitude: 4.83,
				endDateTime: endedAt,
				endLatitude: 45.7,
				endLongitude: 4.9,
				distance: 8000,
			},
		});

		expect(sent).toEqual({
			operator_class: 'C',
			start: { datetime: startedAt, lat: 45.76, lon: 4.83 },
			end: { datetime: endedAt, lat: 45.7, lon: 4.9 },
			distance: 8000,
			incentives: [],
		});
	});

	it('says nothing was updated for an unknown journey', async () => {
		nock(REGISTRY)
			.patch(`${API}/journeys/j404`)
			.reply(404, rpcError(-32504, 'Not found', 'No record has been updated'));
		const { error } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'update',
				operatorJourneyId: 'j404',
				inputMode: 'json',
				journeyJson: '={{ $json }}',
			},
			items: [journey('j404')],
		});
		expect(error?.message).toBe('The registry has no journey with this operator_journey_id for your operator (404)');
		expect(error?.description).toBe('The registry says: No record has been updated');
	});
});

describe('Journey → Cancel', () => {
	it('posts the reason code and message', async () => {
		let sent: unknown;
		nock(REGISTRY)
			.post(`${API}/journeys/j7/cancel`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, { jsonrpc: '2.0', id: 1 });

		const { items } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'cancel',
				operatorJourneyId: 'j7',
				cancelCode: 'FRAUD_1',
				cancelMessage: 'Same car twice',
			},
		});

		expect(sent).toEqual({ code: 'FRAUD_1', message: 'Same car twice' });
		expect(items[0].json).toEqual({ operator_journey_id: 'j7', canceled: true });
	});

	it('refuses a code the registry would reject, before sending', async () => {
		const { error } = await runner().run({
			parameters: { resource: 'journey', operation: 'cancel', operatorJourneyId: 'j7', cancelCode: 'not valid!' },
		});
		expect(error?.message).toBe(
			'Cancellation not sent: code must be 1 to 32 letters, digits, "-" or "_" (got "not valid!")',
		);
	});
});

describe('registry errors', () => {
	const getStatus = { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'j1' };

	it('points at the credential on 401, after n8n retried once', async () => {
		const scope = nock(REGISTRY)
			.get(`${API}/journeys/j1`)
			.times(2)
			.reply(401, { id: 1, jsonrpc: '2.0', error: { code: 401, data: 'Error', message: 'Unauthorized Error' } });
		const { error } = await runner().run({ parameters: getStatus });
		expect(scope.isDone()).toBe(true);
		expect(error?.message).toBe('The registry rejected the credential (401)');
		expect(error?.description).toContain('Covoiturage API credential');
		expect(JSON.stringify(error)).not.toContain('app-token-123');
	});

	// accessTokenMiddleware.ts falls back to the application-token check only when jose says the algorithm is not for
	// a key set (an HS256 token); any other failure reaches errorHandlerMiddleware.ts, which answers 500 with the
	// error's class name in `data`.
	it.each([
		['a malformed token', 'JWSInvalid', 'Invalid Compact JWS'],
		['a production application token on pre-production', 'JsonWebTokenError', 'invalid signature'],
		['an access token of the other environment', 'JWKSNoMatchingKey', 'no applicable key found in the JSON Web Key Set'],
	])('points at the credential when the registry cannot verify %s (500), without suggesting to retry', async (_case, name, text) => {
		const scope = nock(REGISTRY)
			.get(`${API}/journeys/j1`)
			.reply(500, { id: 1, jsonrpc: '2.0', error: { code: 500, data: name, message: text } });
		const { items } = await runner().run({ parameters: getStatus, continueOnFail: true });
		expect(scope.isDone()).toBe(true);
		expect(items[0].json.error).toBe(`The registry does not accept the credential's token (500: ${name})`);
		expect(items[0].error?.description).toContain('the other environment');
		expect(items[0].error?.description).toContain('Covoiturage API credential');
		expect(items[0].error?.description).not.toMatch(/again later/);
		expect(JSON.stringify(items)).not.toContain('app-token-123');
	});

	it('keeps other 500 answers for what they are', async () => {
		nock(REGISTRY)
			.get(`${API}/journeys/j1`)
			.reply(500, { jsonrpc: '2.0', id: 1, error: { message: 'Database unavailable' } });
		const { error } = await runner().run({ parameters: getStatus });
		expect(error?.message).toBe('The registry answered with an error (500): Database unavailable');
	});

	it('points at the credential on 403', async () => {
		nock(REGISTRY)
			.get(`${API}/journeys/j1`)
			.reply(403, rpcError(-32503, 'Forbidden Error', 'Invalid permissions'));
		const { error } = await runner().run({ parameters: getStatus });
		expect(error?.message).toBe('The registry refused access (403)');
		expect(error?.description).toContain('The registry says: Invalid permissions');
	});

	it('retries a 429 after Retry-After, then succeeds', async () => {
		const scope = nock(REGISTRY)
			.get(`${API}/journeys/j1`)
			.reply(429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '0' })
			.get(`${API}/journeys/j1`)
			.reply(503, { code: 503, error: 'Service Unavailable' }, { 'Retry-After': '0' })
			.get(`${API}/journeys/j1`)
			.reply(200, { operator_journey_id: 'j1', status: 'ok' });
		const { items, error } = await runner().run({ parameters: getStatus });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(items[0].json.status).toBe('ok');
	});

	it('gives up after 3 retries with a message saying the item can be re-sent', async () => {
		const scope = nock(REGISTRY)
			.post(`${API}/journeys`)
			.times(4)
			.reply(429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '0' });
		const { items } = await runner().run({
			parameters: { resource: 'journey', operation: 'create', inputMode: 'json', journeyJson: '={{ $json }}' },
			items: [journey('rl-1')],
			continueOnFail: true,
		});
		expect(scope.isDone()).toBe(true);
		expect(items[0].json.error).toBe('The registry is limiting requests (429) and still refused after several retries');
		expect(items[0].error?.description).toContain('run it again later. Re-sending journeys is safe');
	});
});
