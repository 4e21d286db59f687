/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into request and response bodies */
import { createHash } from 'crypto';
import nock from 'nock';

import { setClock } from '../../../shared/test/harness/clock';
import {
	API,
	REGISTRY,
	acceptOneJourney,
	createFromJson,
	created,
	fieldsJourney,
	isoHoursAgo,
	journey,
	rpcError,
	runner,
	tokenCredential,
} from '../fixtures';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A national number of each range of the French 10-digit plan, and the E.164 form the identity key must use.
 * The overseas ranges belong to their own country code (ARCEP's plan; libphonenumber's metadata for GP, BL, MF,
 * GF, MQ, RE, YT and PM): a +33 there gives a key that no other operator computes for that person.
 */
const RANGES: Array<[string, string, string]> = [
	// Metropolitan France
	['Paris fixed', '01 42 68 53 00', '+33142685300'],
	['North-West fixed', '02 99 12 34 56', '+33299123456'],
	['North-West fixed next to Réunion', '02 61 12 34 56', '+33261123456'],
	['North-East fixed', '03 88 12 34 56', '+33388123456'],
	['South-East fixed', '04 91 12 34 56', '+33491123456'],
	['South-West fixed', '05 56 12 34 56', '+33556123456'],
	['South-West fixed next to the Antilles', '05 98 01 23 45', '+33598012345'],
	['mobile 06', '06 01 02 03 04', '+33601020304'],
	['mobile 0638, next to Mayotte', '06 38 12 34 56', '+33638123456'],
	['mobile 0695, between the overseas ones', '06 95 12 34 56', '+33695123456'],
	['mobile 07 (the registry example)', '07 01 02 03 04', '+33701020304'],
	['mobile 0708, next to Saint-Pierre', '07 08 30 12 34', '+33708301234'],
	['mobile 0709, after the overseas blocks', '07 09 40 12 34', '+33709401234'],
	['mobile 07', '07 81 12 34 56', '+33781123456'],
	['free phone', '08 00 12 34 56', '+33800123456'],
	['special rate, same across France', '08 92 12 34 56', '+33892123456'],
	['VoIP 09', '09 70 12 34 56', '+33970123456'],
	['VoIP 0939, before the overseas blocks', '09 39 41 23 45', '+33939412345'],
	// Guadeloupe, Saint-Barthélemy, Saint-Martin (+590)
	['Guadeloupe fixed', '05 90 27 12 34', '+590590271234'],
	['Guadeloupe fixed 05 98 7', '05 98 71 23 45', '+590598712345'],
	['Guadeloupe mobile 0690', '06 90 12 34 56', '+590690123456'],
	['Guadeloupe mobile 0691', '06 91 22 34 56', '+590691223456'],
	['Guadeloupe mobile 07 09 0', '07 09 00 12 34', '+590709001234'],
	['Guadeloupe VoIP 09 39 5', '09 39 51 23 45', '+590939512345'],
	['Guadeloupe VoIP 09 47 5', '09 47 50 12 34', '+590947501234'],
	['Guadeloupe VoIP 09 76 0', '09 76 01 23 45', '+590976012345'],
	['Guadeloupe VoIP 09 76 1', '09 76 11 23 45', '+590976112345'],
	['Guadeloupe VoIP 09 76 8', '09 76 81 23 45', '+590976812345'],
	// French Guiana (+594)
	['Guiana fixed', '05 94 10 12 34', '+594594101234'],
	['Guiana fixed 05 98 8', '05 98 81 23 45', '+594598812345'],
	['Guiana mobile', '06 94 20 12 34', '+594694201234'],
	['Guiana mobile 07 09 3', '07 09 30 12 34', '+594709301234'],
	['Guiana VoIP 09 39 6', '09 39 61 23 45', '+594939612345'],
	['Guiana VoIP 09 47 6', '09 47 60 12 34', '+594947601234'],
	['Guiana VoIP 09 76 4', '09 76 41 23 45', '+594976412345'],
	['Guiana VoIP 09 76 5', '09 76 51 23 45', '+594976512345'],
	// Martinique (+596)
	['Martinique fixed', '05 96 30 12 34', '+596596301234'],
	['Martinique fixed 05 98 9', '05 98 91 23 45', '+596598912345'],
	['Martinique mobile 0696', '06 96 20 12 34', '+596696201234'],
	['Martinique mobile 0697', '06 97 12 34 56', '+596697123456'],
	['Martinique mobile 07 09 1', '07 09 10 12 34', '+596709101234'],
	['Martinique VoIP 09 39 7', '09 39 70 12 34', '+596939701234'],
	['Martinique VoIP 09 47 7', '09 47 70 12 34', '+596947701234'],
	['Martinique VoIP 09 76 6', '09 76 61 23 45', '+596976612345'],
	['Martinique 09 76 7', '09 76 74 12 34', '+596976741234'],
	// Réunion (+262)
	['Réunion fixed 0262', '02 62 16 12 34', '+262262161234'],
	['Réunion fixed 0263', '02 63 10 12 34', '+262263101234'],
	['Réunion fixed 02 68 8', '02 68 81 23 45', '+262268812345'],
	['Réunion mobile 0692', '06 92 12 34 56', '+262692123456'],
	['Réunion mobile 0693', '06 93 01 23 45', '+262693012345'],
	['Réunion mobile 07 09 2', '07 09 20 12 34', '+262709201234'],
	['Réunion VoIP 09 39 9', '09 39 90 12 34', '+262939901234'],
	['Réunion VoIP 09 47 9', '09 47 90 12 34', '+262947901234'],
	['Réunion VoIP 09 76 2', '09 76 22 12 34', '+262976221234'],
	['Réunion VoIP 09 76 3', '09 76 30 12 34', '+262976301234'],
	// Mayotte (+262)
	['Mayotte fixed 0269', '02 69 60 12 34', '+262269601234'],
	['Mayotte fixed 02 68 9', '02 68 91 23 45', '+262268912345'],
	['Mayotte mobile 0639', '06 39 01 23 45', '+262639012345'],
	['Mayotte mobile 07 09 3 5', '07 09 35 12 34', '+262709351234'],
	['Mayotte VoIP 09 39 8', '09 39 80 12 34', '+262939801234'],
	['Mayotte VoIP 09 47 8', '09 47 80 12 34', '+262947801234'],
	['Mayotte VoIP 09 76 9', '09 76 91 23 45', '+262976912345'],
	// Saint-Pierre-et-Miquelon (+508)
	['Saint-Pierre mobile 07 08 4', '07 08 41 23 45', '+508708412345'],
	['Saint-Pierre mobile 07 08 5', '07 08 51 23 45', '+508708512345'],
];

describe('Journey → Create', () => {
	it('sends a JSON journey from the input item as it is, with the application token', async () => {
		let sent: unknown;
		const scope = nock(REGISTRY, {
			reqheaders: {
				authorization: 'Bearer app-token-123',
				'content-type': /application\/json/,
				accept: /application\/json/,
			},
		})
			.post(`${API}/journeys`, (body) => {
				sent = body;
				return true;
			})
			.reply(201, created('journey-1'));

		const { items, error } = await runner().run({ parameters: createFromJson, items: [journey()] });

		expect(error).toBeUndefined();
		expect(sent).toEqual(journey());
		expect(items.map((item) => item.json)).toEqual([
			{
				operator_journey_id: 'journey-1',
				created_at: '2026-11-23T08:01:02.345Z',
				registered: true,
				already_registered: false,
			},
		]);
		expect(scope.isDone()).toBe(true);
	});

	it('Journey Source "Input Item" sends each incoming item as its journey, nothing mapped', async () => {
		const sent: any[] = [];
		nock(REGISTRY)
			.post(`${API}/journeys`, (body) => {
				sent.push(body);
				return true;
			})
			.times(2)
			.reply(201, (_uri, body: any) => created(body.operator_journey_id));

		const { items, error } = await runner().run({
			parameters: { resource: 'journey', operation: 'create', inputMode: 'item' },
			items: [journey('journey-a'), journey('journey-b')],
		});

		expect(error).toBeUndefined();
		expect(sent).toEqual([journey('journey-a'), journey('journey-b')]);
		expect(items.map((item) => item.json.operator_journey_id)).toEqual(['journey-a', 'journey-b']);
	});

	it('Journey Source "Input Item" checks the item as the JSON mode does, naming the field', async () => {
		const { error } = await runner().run({
			parameters: { resource: 'journey', operation: 'create', inputMode: 'item' },
			items: [journey('journey-c', { distance: -5 })],
		});
		expect(error?.message).toMatch(/distance/);
	});

	it('builds the journey from the fields, computing identity keys and truncated phones locally', async () => {
		let sent: any;
		nock(REGISTRY)
			.post(`${API}/journeys`, (body) => {
				sent = body;
				return true;
			})
			.reply(201, created('j-fields'));
		const startedAt = isoHoursAgo(3);
		const endedAt = isoHoursAgo(2);

		const { error } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'create',
				inputMode: 'fields',
				operatorJourneyId: 'j-fields',
				operatorTripId: 'trip-9',
				operatorClass: 'B',
				startDateTime: startedAt,
				startLatitude: 48.8566,
				startLongitude: 2.3522,
				endDateTime: endedAt,
				endLatitude: '48.8049',
				endLongitude: 2.1204,
				distance: 21500,
				incentives: {
					entries: [
						{ siret: '110 001 013 00017', amount: 150 },
						{ siret: '12345678901234', amount: 50 },
					],
				},
				identityMode: 'compute',
				driverOperatorUserId: 'drv-42',
				driverPhone: '07 01 02 03 04',
				driverLastName: "D'Hérûg-de-l'Hérault",
				driverRevenue: 320,
				passengerOperatorUserId: 'pax-77',
				passengerPhone: '+33611121314',
				passengerLastName: 'Lefèvre',
				passengerContribution: 170,
				passengerSeats: 2,
				passengerOver18: false,
				passengerPayments: { entries: [{ siret: '11000101300017', type: 'titre-mobilite', amount: 100 }] },
				additionalFields: { licencePlate: 'AB-123-CD', passengerTravelPass: 'NAV123' },
			},
		});

		expect(error).toBeUndefined();
		expect(sent).toEqual({
			operator_journey_id: 'j-fields',
			operator_trip_id: 'trip-9',
			operator_class: 'B',
			start: { datetime: startedAt, lat: 48.8566, lon: 2.3522 },
			end: { datetime: endedAt, lat: 48.8049, lon: 2.1204 },
			distance: 21500,
			incentives: [
				{ index: 0, siret: '11000101300017', amount: 150 },
				{ index: 1, siret: '12345678901234', amount: 50 },
			],
			licence_plate: 'AB-123-CD',
			driver: {
				// The registry's own example of the normalisation.
				identity: {
					operator_user_id: 'drv-42',
					identity_key: sha256('+33701020304-D HERUG DE L HERAULT'),
					phone_trunc: '+337010203',
					over_18: true,
				},
				revenue: 320,
			},
			passenger: {
				identity: {
					operator_user_id: 'pax-77',
					identity_key: sha256('+33611121314-LEFEVRE'),
					phone_trunc: '+336111213',
					travel_pass: { name: 'navigo', user_id: 'NAV123' },
					over_18: false,
				},
				contribution: 170,
				seats: 2,
				payments: [{ index: 0, siret: '11000101300017', type: 'titre-mobilite', amount: 100 }],
			},
		});
	});

	it('reads dates without a time zone in the workflow time zone', async () => {
		let sent: any;
		nock(REGISTRY)
			.post(`${API}/journeys`, (body) => {
				sent = body;
				return true;
			})
			.reply(201, created('j-tz'));
		// JSON mode sends dates as given (and validates them); the fields mode converts.
		const { error } = await runner().run({
			parameters: fieldsJourney({
				operatorJourneyId: 'j-tz',
				startDateTime: '2026-01-15T08:00:00',
				endDateTime: '2026-01-15T08:30', // without seconds: they are sent all the same
			}),
		});
		expect(error).toBeUndefined();
		// n8n's default time zone in tests is America/New_York (UTC-5 in January).
		expect(sent.start.datetime).toBe('2026-01-15T13:00:00Z');
		expect(sent.end.datetime).toBe('2026-01-15T13:30:00Z');
		expect(sent.passenger.identity).toEqual({
			operator_user_id: 'p',
			identity_key: 'b'.repeat(64),
			phone_trunc: '+336010204',
			over_18: true,
		});
	});

	it('names an impossible date of the fields mode, before sending', async () => {
		// A date mapped from another node may not exist: it is reported with the field, not as "Invalid time value".
		const { error } = await runner().run({
			parameters: fieldsJourney({ operatorJourneyId: 'j-impossible', startDateTime: '={{ "2026-13-45T08:00:00" }}' }),
		});
		expect(error?.message).toBe(
			'Journey not sent: start.datetime must be an ISO 8601 date-time with a time zone, e.g. 2025-09-18T06:45:00Z (got "2026-13-45T08:00:00")',
		);
	});

	it('adds the seconds a JSON date-time lacks (the registry refuses "2025-01-01T10:00Z"), keeping its time zone', async () => {
		const sent = acceptOneJourney('j-minutes');
		const input = journey('j-minutes');
		const minutes = (iso: string) => iso.replace(/:\d{2}Z$/, 'Z');
		(input.start as any).datetime = minutes((input.start as any).datetime);
		(input.end as any).datetime = minutes((input.end as any).datetime).replace('Z', '+00:00');

		const { error } = await runner().run({ parameters: createFromJson, items: [input] });

		expect(error).toBeUndefined();
		expect((sent.body as any).start.datetime).toBe(`${(input.start as any).datetime.slice(0, -1)}:00Z`);
		expect((sent.body as any).end.datetime).toBe(`${(input.end as any).datetime.slice(0, -6)}:00+00:00`);
	});

	it('computes identities given as phone + last_name in a JSON journey', async () => {
		let sent: any;
		nock(REGISTRY)
			.post(`${API}/journeys`, (body) => {
				sent = body;
				return true;
			})
			.reply(201, created('j-json-identity'));
		const input = journey('j-json-identity');
		(input.driver as any).identity = { operator_user_id: 'drv', phone: '0601020304', last_name: 'Dupont' };

		const { error } = await runner().run({ parameters: createFromJson, items: [input] });

		expect(error).toBeUndefined();
		expect(sent.driver.identity).toEqual({
			operator_user_id: 'drv',
			identity_key: sha256('+33601020304-DUPONT'),
			phone_trunc: '+336010203',
		});
	});

	describe('validation before sending: nothing is sent, the error names the field and the rule', () => {
		const cases: Array<[string, (j: any) => void, string]> = [
			[
				'identity key',
				(j) => (j.passenger.identity.identity_key = 'ABC'),
				'passenger.identity.identity_key must be 64 lowercase hex characters',
			],
			[
				'end in the future',
				(j) => (j.end.datetime = new Date(Date.now() + 3600e3).toISOString()),
				'end.datetime must not be in the future',
			],
			[
				'start after end',
				(j) => {
					j.start.datetime = isoHoursAgo(1);
					j.end.datetime = isoHoursAgo(2);
				},
				'start.datetime must be before end.datetime',
			],
			['distance', (j) => (j.distance = 0), 'distance must be a whole number from 1 to 1000000 metres'],
			['class', (j) => (j.operator_class = 'D'), 'operator_class must be A, B or C'],
			['latitude', (j) => (j.start.lat = 91), 'start.lat must be a latitude'],
			['date format', (j) => (j.start.datetime = '18/09/2025 06:45'), 'start.datetime must be an ISO 8601 date-time'],
			[
				'a day that does not exist',
				(j) => (j.start.datetime = '2025-02-30T10:00:00Z'),
				'start.datetime must be an ISO 8601 date-time with a time zone, e.g. 2025-09-18T06:45:00Z (got "2025-02-30T10:00:00Z")',
			],
			['24:00', (j) => (j.end.datetime = '2025-02-27T24:00:00Z'), 'end.datetime must be an ISO 8601 date-time'],
			[
				'a travel pass number longer than the registry stores',
				(j) => (j.passenger.identity.travel_pass = { name: 'navigo', user_id: '1'.repeat(129) }),
				'passenger.identity.travel_pass.user_id must be a text of 1 to 128 characters',
			],
			['siret', (j) => (j.incentives[0].siret = '123'), 'incentives[0].siret must be a SIRET number of 14 digits'],
			[
				'incentive amount',
				(j) => (j.incentives[0].amount = 100001),
				'incentives[0].amount must be a whole number from 0 to 100000 cents',
			],
			[
				'over_18 missing',
				(j) => delete j.passenger.identity.over_18,
				'passenger.identity.over_18 must be true or false',
			],
			[
				'phone missing',
				(j) => delete j.driver.identity.phone_trunc,
				'driver.identity must have a phone or a phone_trunc',
			],
			[
				'bad phone_trunc',
				(j) => (j.driver.identity.phone_trunc = '12'),
				'driver.identity.phone_trunc must be a phone number',
			],
			['revenue', (j) => (j.driver.revenue = -1), 'driver.revenue must be a whole number from 0 to 1000000 cents'],
			['seats', (j) => (j.passenger.seats = 9), 'passenger.seats must be a whole number from 1 to 8'],
			[
				'unknown identity field',
				(j) => (j.driver.identity.driving_license = 'X'),
				'driver.identity.driving_license is not a field',
			],
			['missing trip id', (j) => delete j.operator_trip_id, 'operator_trip_id must be a text of 1 to 256 characters'],
			[
				'licence plate',
				(j) => (j.licence_plate = 'X'.repeat(33)),
				'licence_plate must be a text of 1 to 32 characters',
			],
			[
				'travel pass',
				(j) => (j.driver.identity.travel_pass = { name: 'oyster', user_id: '1' }),
				'driver.identity.travel_pass.name must be "navigo"',
			],
		];

		it.each(cases)('%s', async (_name, breakIt, expected) => {
			const input = journey();
			breakIt(input);
			const { error } = await runner().run({ parameters: createFromJson, items: [input] });
			expect(error?.message).toContain(expected);
			expect(error?.message).toMatch(/^Journey not sent: /);
			// nock has no interceptor and refuses any connection: reaching here without a network error means nothing was sent.
			expect(nock.pendingMocks()).toEqual([]);
		});

		it('lists every problem of a journey in the description', async () => {
			const input = journey();
			(input as any).distance = 0;
			(input as any).operator_class = 'Z';
			const { error } = await runner().run({ parameters: createFromJson, items: [input] });
			expect(error?.description).toMatch(/^2 problems: .*operator_class.*distance/);
		});

		it('in the fields mode, says which position is missing and that the phone is invalid', async () => {
			const { error } = await runner().run({
				parameters: {
					resource: 'journey',
					operation: 'create',
					operatorJourneyId: 'j',
					operatorTripId: 't',
					startDateTime: isoHoursAgo(2),
					endDateTime: isoHoursAgo(1),
					endLatitude: 48.8,
					endLongitude: 2.1,
					distance: 3000,
					driverOperatorUserId: 'd',
					driverPhone: '12',
					driverLastName: 'X',
					passengerOperatorUserId: 'p',
					passengerPhone: '0601020304',
					passengerLastName: 'Y',
				},
			});
			expect(error?.message).toContain('start position is missing');
			expect(error?.description).toContain('driver.identity.phone must be a valid phone number');
		});

		it('in the fields mode, names each empty required field once: positions, distance and trip ID have no default', async () => {
			// Left empty (n8n itself stops a run whose required text is empty; an expression can still give nothing).
			const parameters = fieldsJourney({ operatorTripId: '={{ $json.missing ?? "" }}' });
			for (const name of ['startLatitude', 'startLongitude', 'endLatitude', 'endLongitude', 'distance']) {
				delete parameters[name];
			}
			const { error } = await runner().run({ parameters });
			expect(error?.message).toBe('Journey not sent: start position is missing: enter Start Latitude and Longitude');
			expect(error?.description).toBe(
				'4 problems: start position is missing: enter Start Latitude and Longitude; end position is missing: enter End Latitude and Longitude; distance is missing: enter Distance (Meters); operator_trip_id is missing: enter Operator Trip ID',
			);
		});
	});

	it('outputs a journey the registry already has (409) as already registered, with its date', async () => {
		// The registry writes the date with Date.toString() (CarpoolAcquisitionService.registerRequest).
		nock(REGISTRY)
			.post(`${API}/journeys`)
			.reply(
				409,
				rpcError(
					-32509,
					'Conflict',
					'Carpool already registered at Sun Nov 22 2026 08:00:00 GMT+0100 (Central European Standard Time)',
				),
			);

		const { items, error } = await runner().run({ parameters: createFromJson, items: [journey('dup-1')] });

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			operator_journey_id: 'dup-1',
			registered: true,
			already_registered: true,
			created_at: '2026-11-22T07:00:00.000Z',
			message: 'The registry already had this journey (registered at 2026-11-22T07:00:00.000Z): nothing was changed.',
		});
	});

	it('fails on 409 when asked to', async () => {
		nock(REGISTRY)
			.post(`${API}/journeys`)
			.reply(409, rpcError(-32509, 'Conflict', 'Carpool already registered at 2026-11-22T07:00:00.000Z'));

		const { error } = await runner().run({
			parameters: { ...createFromJson, options: { onDuplicate: 'fail' } },
			items: [journey('dup-2')],
		});

		expect(error?.message).toBe(
			'The registry already has this journey: Carpool already registered at 2026-11-22T07:00:00.000Z',
		);
		expect(error?.httpCode).toBe('409');
	});

	it('outputs a 422 terms violation with its labels, saying the registry stored the journey', async () => {
		nock(REGISTRY)
			.post(`${API}/journeys`)
			.reply(422, rpcError(-32422, 'Unprocessable Request', { terms_violation_labels: ['distance_too_short'] }));

		const { items, error } = await runner().run({ parameters: createFromJson, items: [journey('short-1')] });

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			operator_journey_id: 'short-1',
			registered: true,
			status: 'terms_violation_error',
			terms_violation_labels: ['distance_too_short'],
		});
		expect(items[0].json.message).toContain('The registry stored this journey');
		expect(items[0].json.message).toContain('shorter than 2 km');
	});

	it('fails on a 422 terms violation when asked to, still saying the journey is stored', async () => {
		nock(REGISTRY)
			.post(`${API}/journeys`)
			.reply(
				422,
				rpcError(-32422, 'Unprocessable Request', { terms_violation_labels: ['expired', 'too_close_trips'] }),
			);

		const { error } = await runner().run({
			parameters: { ...createFromJson, options: { onTermsViolation: 'fail' } },
			items: [journey('late-1')],
		});

		expect(error?.message).toContain('The registry stored the journey but it breaks the terms of use: expired');
		expect(error?.message).toContain('too_close_trips');
	});

	it('lists the Ajv messages of a 400 with readable field paths', async () => {
		nock(REGISTRY)
			.post(`${API}/journeys`)
			.reply(
				400,
				rpcError(-32602, 'Invalid params', [
					'/driver/identity/phone_trunc: must match format "phonetrunc"',
					'/incentives/0/siret: must match pattern "^[0-9]{14}$"',
				]),
			);

		const { error } = await runner().run({ parameters: createFromJson, items: [journey()] });

		expect(error?.message).toBe(
			'The registry rejected the request: driver.identity.phone_trunc: must match format "phonetrunc"',
		);
		expect(error?.description).toContain('incentives[0].siret: must match pattern');
	});

	it('gives every input item one output or error item with continue-on-fail', async () => {
		nock(REGISTRY)
			.post(`${API}/journeys`, (body) => body.operator_journey_id === 'ok-1')
			.reply(201, created('ok-1'))
			.post(`${API}/journeys`, (body) => body.operator_journey_id === 'dup-1')
			.reply(409, rpcError(-32509, 'Conflict', 'Carpool already registered at 2026-11-22T07:00:00.000Z'))
			.post(`${API}/journeys`, (body) => body.operator_journey_id === 'bad-remote')
			.reply(400, rpcError(-32600, 'Invalid Request', 'passenger.identity should have a phone or phone_trunc'));
		const invalid = journey('bad-local');
		(invalid as any).distance = -5;

		const { items, error } = await runner().run({
			parameters: createFromJson,
			items: [journey('ok-1'), invalid, journey('dup-1'), journey('bad-remote')],
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items[0].json).toMatchObject({ operator_journey_id: 'ok-1', already_registered: false });
		expect(items[1].json.error).toContain('distance must be a whole number');
		expect(items[2].json).toMatchObject({ operator_journey_id: 'dup-1', already_registered: true });
		expect(items[3].json.error).toBe(
			'The registry rejected the request: passenger.identity should have a phone or phone_trunc',
		);
	});

	it('gives up once 429s have been waited out for 10 minutes, with a message saying the item can be re-sent', async () => {
		setClock(new Date().toISOString());
		try {
			// Each refusal 4 minutes after the one before (the budget is time, not a count): the fourth is past it.
			// A registry of its own: the refusals hold its limiter's window (pacing), and the clock jumps.
			const slow = 'https://slow-registry.test';
			const scope = nock(slow)
				.post(`${API}/journeys`)
				.times(4)
				.reply(() => {
					jest.setSystemTime(Date.now() + 4 * 60_000);
					return [429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '0' }];
				});
			const { items } = await runner({ ...tokenCredential, customUrl: slow }).run({
				parameters: { resource: 'journey', operation: 'create', inputMode: 'json', journeyJson: '={{ $json }}' },
				items: [journey('rl-1')],
				continueOnFail: true,
			});
			expect(scope.isDone()).toBe(true);
			expect(items[0].json.error).toBe('The registry is still limiting requests (429) after waiting 10 minutes');
			expect(items[0].error?.description).toContain('run it again later. Re-sending journeys is safe');
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('Journey → Create: identity keys of every range of the French numbering plan', () => {
	it('gives each national number its own country code, in identity_key and phone_trunc', async () => {
		const sent: any[] = [];
		nock(REGISTRY)
			.post(`${API}/journeys`)
			.times(RANGES.length)
			.reply((_uri, body: any) => {
				sent.push(body);
				return [201, created(body.operator_journey_id)];
			});
		const items = RANGES.map(([name, phone]) => {
			const input = journey(name);
			(input.driver as any).identity = { operator_user_id: 'drv', phone, last_name: 'Payet' };
			return input;
		});

		const { items: output, error } = await runner().run({ parameters: createFromJson, items });

		expect(error).toBeUndefined();
		expect(output).toHaveLength(RANGES.length);
		const byName = Object.fromEntries(sent.map((body) => [body.operator_journey_id, body.driver.identity]));
		for (const [name, , e164] of RANGES) {
			expect({ name, identity: byName[name] }).toEqual({
				name,
				identity: { operator_user_id: 'drv', identity_key: sha256(`${e164}-PAYET`), phone_trunc: e164.slice(0, -2) },
			});
		}
	});

	it("keeps the registry's own example key", async () => {
		const sent = acceptOneJourney('example');
		const input = journey('example');
		(input.driver as any).identity = {
			operator_user_id: 'drv',
			phone: '07 01 02 03 04',
			last_name: "D'Hérûg-de-l'Hérault",
		};
		await runner().run({ parameters: createFromJson, items: [input] });
		expect((sent.body as any).driver.identity.identity_key).toBe(sha256('+33701020304-D HERUG DE L HERAULT'));
	});

	it('corrects an overseas number written with +33 or 0033', async () => {
		const sent = acceptOneJourney('plus33');
		const input = journey('plus33');
		(input.driver as any).identity = { operator_user_id: 'drv', phone: '+33 6 92 12 34 56', last_name: 'Payet' };
		(input.passenger as any).identity = {
			operator_user_id: 'pax',
			phone: '0033 590 27 12 34',
			last_name: 'Hoarau',
			over_18: true,
		};
		await runner().run({ parameters: createFromJson, items: [input] });
		const { driver, passenger } = sent.body as any;
		expect(driver.identity.identity_key).toBe(sha256('+262692123456-PAYET'));
		expect(passenger.identity.phone_trunc).toBe('+5905902712');
	});

	describe('identities given already computed: an overseas number with +33 is refused, nothing is sent', () => {
		it.each([
			['a truncated phone with +33', { phone_trunc: '+336901234' }, 'driver.identity.phone_trunc'],
			['a truncated phone written nationally', { phone_trunc: '06961234' }, 'driver.identity.phone_trunc'],
			['a full phone written nationally', { phone: '0639 01 23 45' }, 'driver.identity.phone'],
		])('%s', async (_name, phoneFields, field) => {
			const input = journey('given');
			(input.driver as any).identity = { identity_key: 'a'.repeat(64), operator_user_id: 'drv', ...phoneFields };
			const { error } = await runner().run({ parameters: createFromJson, items: [input] });
			expect(error?.message).toMatch(
				new RegExp(`^Journey not sent: ${field.replace(/\./g, '\\.')} .* is a number of `),
			);
			expect(error?.message).toMatch(/its country code is \+(590|596|262), not \+33/);
		});

		it('in the fields mode too, naming the territory and the right form', async () => {
			const { error } = await runner().run({
				parameters: fieldsJourney({
					startLatitude: 16.24,
					startLongitude: -61.53,
					endLatitude: 16.27,
					endLongitude: -61.5,
					driverPhoneTrunc: '+33 6 90 12 34',
					passengerPhoneTrunc: '+5906901235',
				}),
			});
			expect(error?.message).toBe(
				'Journey not sent: driver.identity.phone_trunc "+336901234" is a number of Guadeloupe, Saint-Barthélemy or Saint-Martin: its country code is +590, not +33. Write it +5906901234, and compute identity_key with that code (or give the phone and last name and let the node compute both)',
			);
		});
	});
});
