import nock from 'nock';

import { API, REGISTRY, rpcError, runner } from '../fixtures';

const getStatus = { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'j1' };

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

describe('Journey → Get Status: registry errors', () => {
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
		[
			'an access token of the other environment',
			'JWKSNoMatchingKey',
			'no applicable key found in the JSON Web Key Set',
		],
	])(
		'points at the credential when the registry cannot verify %s (500), without suggesting to retry',
		async (_case, name, text) => {
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
		},
	);

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

	it('retries a 429 and a 503 after Retry-After, then succeeds', async () => {
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

	it('sends a read again when the connection broke before the answer', async () => {
		const scope = nock(REGISTRY)
			.get(`${API}/journeys/j1`)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.get(`${API}/journeys/j1`)
			.reply(200, { operator_journey_id: 'j1', status: 'ok' });
		const { items, error } = await runner().run({ parameters: getStatus });
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(items[0].json.status).toBe('ok');
	});
});
