/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into request and response bodies */
import nock from 'nock';

import { API, REGISTRY, isoHoursAgo, journey, rpcError, runner } from '../fixtures';

/** GET /journeys/{id}: the journey's status as the registry answers it (StatusJourneyAction), read before the PATCH. */
function currentStatus(id: string, status = 'pending', termsViolations: string[] = []) {
	return nock(REGISTRY).get(`${API}/journeys/${id}`).reply(200, {
		operator_journey_id: id,
		status,
		created_at: '2026-11-23T08:01:02.345Z',
		fraud_error_labels: [],
		anomaly_error_details: [],
		terms_violation_details: termsViolations,
		journey_id: '100001',
	});
}

describe('Journey → Update', () => {
	it('sends a PATCH with the correctable fields only', async () => {
		let sent: unknown;
		currentStatus('journey-1');
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
		expect(items[0].json).toEqual({
			operator_journey_id: 'journey-1',
			updated: true,
			status: 'pending',
			previous_status: 'pending',
		});
	});

	it('sends only what PATCH stores: a whole journey with incentive_counterparts and operator_id', async () => {
		// PatchJourneyAction.convertPayloadToRequest passes every body field to CarpoolRepository.update, which writes
		// incentive_counterparts to a column that does not exist (500); operator_id is replaced by the token's.
		let sent: any;
		currentStatus('journey-2');
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

	it('Journey Source "Input Item" corrects with the incoming item, sending only what PATCH stores', async () => {
		let sent: any;
		currentStatus('journey-3');
		nock(REGISTRY)
			.patch(`${API}/journeys/journey-3`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, '');
		const { error } = await runner().run({
			parameters: { resource: 'journey', operation: 'update', operatorJourneyId: 'journey-3', inputMode: 'item' },
			items: [journey('journey-3', { distance: 22000 })],
		});
		expect(error).toBeUndefined();
		expect(sent.distance).toBe(22000);
		expect(sent.driver).toBeUndefined();
	});

	it('builds the correction from the fields', async () => {
		let sent: any;
		currentStatus('j9');
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

	it('says the registry has no such journey when the status read finds none, and sends no PATCH', async () => {
		nock(REGISTRY).get(`${API}/journeys/j404`).reply(404, rpcError(-32504, 'Not found'));
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
	});

	it('says nothing was updated when the PATCH finds no journey', async () => {
		currentStatus('j405');
		nock(REGISTRY)
			.patch(`${API}/journeys/j405`)
			.reply(404, rpcError(-32504, 'Not found', 'No record has been updated'));
		const { error } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'update',
				operatorJourneyId: 'j405',
				inputMode: 'json',
				journeyJson: '={{ $json }}',
			},
			items: [journey('j405')],
		});
		expect(error?.message).toBe('The registry has no journey with this operator_journey_id for your operator (404)');
		expect(error?.description).toBe('The registry says: No record has been updated');
	});
});

describe('Journey → Update: what the registry does to the status (CarpoolAcquisitionService.patchCarpool)', () => {
	const update = (id: string, options: Record<string, unknown> = {}) =>
		runner().run({
			parameters: { resource: 'journey', operation: 'update', operatorJourneyId: id, inputMode: 'item', options },
			items: [journey(id)],
			continueOnFail: true,
		});

	it('refuses to update a canceled journey, which the PATCH would bring back: nothing is sent', async () => {
		currentStatus('canceled-1', 'canceled');

		const { items } = await update('canceled-1');

		expect(items[0].json.error).toBe(
			'Update not sent: the registry has this journey as canceled, and an Update would bring it back',
		);
		expect(items[0].error?.description).toContain('Options → Update Canceled Journeys');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('updates a canceled journey when the option allows it, and says it is back', async () => {
		currentStatus('canceled-2', 'canceled');
		const patch = nock(REGISTRY).patch(`${API}/journeys/canceled-2`).reply(200, '');

		const { items } = await update('canceled-2', { updateCanceled: true });

		expect(patch.isDone()).toBe(true);
		expect(items[0].json).toMatchObject({
			operator_journey_id: 'canceled-2',
			updated: true,
			status: 'pending',
			previous_status: 'canceled',
		});
		expect(items[0].json.message).toMatch(/was canceled: the update brought it back/);
	});

	it('says which terms-of-use labels an Update cannot correct, and that they stay', async () => {
		currentStatus('late-1', 'terms_violation_error', ['expired', 'distance_too_short']);
		nock(REGISTRY).patch(`${API}/journeys/late-1`).reply(200, '');

		const { items } = await update('late-1');

		expect(items[0].json).toMatchObject({
			updated: true,
			previous_status: 'terms_violation_error',
			terms_violation_labels: ['expired', 'distance_too_short'],
		});
		expect(items[0].json.message).toBe(
			'The registry does not check the terms of use again after an Update: the journey keeps its labels (expired, distance_too_short), which Get Status shows beside its new status. An Update cannot correct expired: it depends on when the journey was sent and on your other trips.',
		);
	});
});
