import { createHash } from 'crypto';

import nock from 'nock';

import { API, REGISTRY, runner } from '../fixtures';

const DAY = 24 * 3600e3;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const short = {
	resource: 'ceeApplication',
	operation: 'register',
	journeyType: 'short',
	operatorJourneyId: 'journey-1',
	drivingLicense: '051227308989',
	identityMode: 'compute',
	phone: '07 01 02 03 04',
	lastName: "D'Hérûg-de-l'Hérault",
	applicationDate: daysAgo(20),
};

const long = {
	resource: 'ceeApplication',
	operation: 'register',
	journeyType: 'long',
	drivingLicense: '99-X23836',
	identityMode: 'provided',
	identityKey: 'c'.repeat(64),
	lastNameTrunc: 'TO',
	phoneTrunc: '+336010203',
	costSharingDate: daysAgo(10),
	applicationDate: daysAgo(30),
};

/** Answers one POST /policies/cee and keeps the body the node sent. */
function answerRegistration(status: number, answer?: unknown): { body?: unknown } {
	const sent: { body?: unknown } = {};
	nock(REGISTRY)
		.post(`${API}/policies/cee`, (body) => {
			sent.body = body;
			return true;
		})
		.reply(status, answer === undefined ? undefined : JSON.stringify(answer), { 'Content-Type': 'application/json' });
	return sent;
}

describe('CEE Application → Register', () => {
	it('sends a short-distance application with the identity fields computed as for journeys', async () => {
		const sent = answerRegistration(201, {
			uuid: '8a9d2da9-39e3-4db7-be8e-12b4d2179fda',
			datetime: '2026-11-20T08:15:00.000Z',
			token: 'c2lnbmF0dXJl',
			journey_id: 42,
			status: 'ok',
		});
		const { items, error } = await runner().run({ parameters: short });
		expect(error).toBeUndefined();
		expect(sent.body).toEqual({
			journey_type: 'short',
			operator_journey_id: 'journey-1',
			driving_license: '051227308989',
			last_name_trunc: 'D H',
			identity_key: sha256('+33701020304-D HERUG DE L HERAULT'),
			application_timestamp: short.applicationDate,
		});
		expect(items[0].json).toEqual({
			journey_type: 'short',
			registered: true,
			already_applied: false,
			uuid: '8a9d2da9-39e3-4db7-be8e-12b4d2179fda',
			datetime: '2026-11-20T08:15:00.000Z',
			token: 'c2lnbmF0dXJl',
			journey_id: 42,
			status: 'ok',
		});
	});

	it('sends a long-distance application with the date the costs were shared, a short last name padded', async () => {
		const sent = answerRegistration(201, { uuid: 'u', datetime: '2026-11-23T00:00:00.000Z', token: 't' });
		const { items } = await runner().run({ parameters: long });
		expect(sent.body).toEqual({
			journey_type: 'long',
			phone_trunc: '+336010203',
			datetime: long.costSharingDate,
			driving_license: '99-X23836',
			last_name_trunc: 'TO ',
			identity_key: 'c'.repeat(64),
			application_timestamp: long.applicationDate,
		});
		expect(items[0].json).toMatchObject({ journey_type: 'long', registered: true, uuid: 'u' });
	});

	it('outputs an earlier application of yours (409 with its uuid) as already applied', async () => {
		answerRegistration(409, {
			uuid: '11111111-2222-4333-8444-555555555555',
			datetime: '2026-10-01T10:00:00.000Z',
			journey_id: 41,
			status: 'processed',
		});
		const { items } = await runner().run({ parameters: short });
		expect(items[0].json).toEqual({
			journey_type: 'short',
			registered: false,
			already_applied: true,
			by_another_operator: false,
			uuid: '11111111-2222-4333-8444-555555555555',
			datetime: '2026-10-01T10:00:00.000Z',
			journey_id: 41,
			status: 'processed',
			message:
				'You already have a CEE application for this driver (11111111-2222-4333-8444-555555555555, operation date 2026-10-01T10:00:00.000Z): nothing new was registered.',
		});
	});

	it("outputs another operator's application (409 with its date only)", async () => {
		answerRegistration(409, { datetime: '2025-06-01T10:00:00.000Z' });
		const { items } = await runner().run({ parameters: long });
		expect(items[0].json).toEqual({
			journey_type: 'long',
			registered: false,
			already_applied: true,
			by_another_operator: true,
			datetime: '2025-06-01T10:00:00.000Z',
			message:
				'Another operator already has a CEE application for this driver (operation date 2025-06-01T10:00:00.000Z): the registry counts a new one as a duplicate, and nothing was registered.',
		});
	});

	it('fails the item on a 409 when the option says so', async () => {
		answerRegistration(409, { datetime: '2025-06-01T10:00:00.000Z' });
		const { error } = await runner().run({ parameters: { ...long, options: { onConflict: 'fail' } } });
		expect(error?.message).toBe(
			'The registry already has a CEE application for this driver (409). Another operator already has a CEE application for this driver (operation date 2025-06-01T10:00:00.000Z): the registry counts a new one as a duplicate, and nothing was registered.',
		);
	});

	it('says when the journey ended less than 7 days ago (400, a bare text)', async () => {
		answerRegistration(400, 'Date should be before 7 days from now');
		const { error } = await runner().run({ parameters: short });
		expect(error?.message).toBe('The registry refused the application: the journey ended less than 7 days ago');
		expect(error?.description).toContain('from 7 days after the end of the journey (J+7)');
		expect(error?.description).toContain('The registry says: "Date should be before 7 days from now".');
	});

	it('says when the costs were shared less than 7 days ago (long distance)', async () => {
		answerRegistration(400, 'Date should be before 7 days from now');
		const { error } = await runner().run({ parameters: long });
		expect(error?.message).toBe('The registry refused the application: the costs were shared less than 7 days ago');
	});

	it("gives the programme's dates the registry checked (long distance outside them)", async () => {
		answerRegistration(400, 'Date should be before between 2023-01-01T00:00:00.000Z and 2025-01-01T00:00:00.000Z');
		const { error } = await runner().run({ parameters: long });
		expect(error?.message).toBe(
			'The registry refused the application: the costs must have been shared between 2023-01-01T00:00:00.000Z and 2025-01-01T00:00:00.000Z',
		);
		expect(error?.description).toContain("the dates of the CEE programme set on the registry's server");
	});

	it('says what the registry refuses when n8n does not pass on its words (n8n 1.x: a 400 without its body)', async () => {
		answerRegistration(400);
		const shortRefusal = await runner().run({ parameters: short });
		expect(shortRefusal.error?.message).toBe('The registry refused the application (400)');
		expect(shortRefusal.error?.description).toContain('a journey that ended less than 7 days ago (J+7)');
		answerRegistration(400);
		const longRefusal = await runner().run({ parameters: long });
		expect(longRefusal.error?.description).toContain('a date of cost sharing outside the CEE programme’s dates');
	});

	it("reads the validator's list of problems (400)", async () => {
		answerRegistration(400, ['/driving_license: must be a valid driving_license_id', ': must match "then" schema']);
		const { error } = await runner().run({ parameters: short });
		expect(error?.message).toBe(
			'The registry rejected the request: driving_license: must be a valid driving_license_id',
		);
		expect(error?.description).toBe(
			'All problems: driving_license: must be a valid driving_license_id; : must match "then" schema',
		);
	});

	it('says what the registry checked when it finds no eligible journey (404)', async () => {
		answerRegistration(404, { error: 'Not found' });
		const { error } = await runner().run({ parameters: short });
		expect(error?.message).toBe('The registry found no eligible journey with this Operator Journey ID (404)');
		expect(error?.description).toContain('of class C, at most 80 km long, starts or ends in France');
		expect(error?.description).toContain("the CEE programme's dates");
	});

	it("explains the registry's 500 when the journey has an application made with another licence", async () => {
		answerRegistration(500, { error: 'Boum' });
		const { error } = await runner().run({ parameters: short });
		expect(error?.message).toBe(
			'The registry already has a CEE application for this journey, but could not say which (500)',
		);
	});

	it('says when the registry has switched applications off (405)', async () => {
		answerRegistration(405, {});
		const { error } = await runner().run({ parameters: short });
		expect(error?.message).toBe('The registry has switched CEE applications off for now (405)');
	});

	it('is not sent again after a broken connection, and says how to find out', async () => {
		nock(REGISTRY)
			.post(`${API}/policies/cee`)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const { error } = await runner().run({ parameters: short });
		expect(error?.message).toBe(
			'The registry did not confirm that it registered the application: it may have done it; check before running the item again',
		);
		expect(error?.description).toContain(
			'the connection broke after the request went out (ECONNRESET). Run Simulate for this driver',
		);
	});

	it('is sent once when its gateway answers 504, and says the registry may have registered it', async () => {
		const scope = nock(REGISTRY).post(`${API}/policies/cee`).once().reply(504, '', { 'Retry-After': '0' });
		const { error } = await runner().run({ parameters: short });
		expect(scope.isDone()).toBe(true);
		expect(error?.message).toBe(
			'The registry did not confirm that it registered the application: it may have done it; check before running the item again',
		);
		expect(error?.description).toContain('its gateway answered 504');
		expect(error?.description).toContain('Run Simulate for this driver');
	});

	it('checks the fields before sending, naming them', async () => {
		const { items } = await runner().run({
			parameters: {
				...short,
				drivingLicense: 'ab-12',
				phone: '12',
				applicationDate: new Date(Date.now() + DAY).toISOString(),
			},
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe(
			'CEE application not sent: driver.phone must be a valid phone number, e.g. 06 01 02 03 04 or +33601020304 (got "12")',
		);
		const description = String(items[0].error?.description);
		expect(description).toContain('driving_license must be a driving licence number');
		expect(description).toContain('application_timestamp (when the driver signed up) must be in the past');
	});

	it('checks identity fields given as they are', async () => {
		const { error } = await runner().run({
			parameters: { ...long, identityKey: 'ABC', lastNameTrunc: 'Tô', phoneTrunc: '+33690123' },
		});
		expect(error?.message).toBe(
			'CEE application not sent: identity_key must be 64 lowercase hex characters (got "ABC")',
		);
		expect(error?.description).toContain('last_name_trunc must be the first 3 letters of the last name in capitals');
		expect(error?.description).toContain('phone_trunc "+33690123" is a number of Guadeloupe');
	});

	it('refuses a cost-sharing date in the future before sending', async () => {
		const { error } = await runner().run({
			parameters: { ...long, costSharingDate: new Date(Date.now() + DAY).toISOString() },
		});
		expect(error?.message).toMatch(
			/^CEE application not sent: datetime \(the date the costs were shared\) must be in the past/,
		);
	});
});
