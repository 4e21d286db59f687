/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into request and response bodies */
import nock from 'nock';

import { API, REGISTRY, isoHoursAgo, journey, rpcError, runner } from '../fixtures';

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

	it('Journey Source "Input Item" corrects with the incoming item, sending only what PATCH stores', async () => {
		let sent: any;
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
