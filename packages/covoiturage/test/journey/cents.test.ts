/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into request bodies */
import nock from 'nock';

import { API, REGISTRY, createFromJson, created, fieldsJourney, journey, rpcError, runner } from '../fixtures';

// The registry stores incentives in an integer column (carpool_v2.operator_incentives.amount) although its schema
// accepts any number: a fraction fails the journey with a 500 (CarpoolRepository.syncIncentives). Euros × 100 in
// JavaScript is often a hair off a whole number: 1.15 * 100 is 114.99999999999999.
const EUROS_TIMES_100 = 1.15 * 100;

/** Answers POST /journeys with 201 for each journey sent, keeping the bodies. */
function acceptJourneys(times = 1): any[] {
	const sent: any[] = [];
	nock(REGISTRY)
		.post(`${API}/journeys`)
		.times(times)
		.reply((_uri, body: any) => {
			sent.push(body);
			return [201, created(body.operator_journey_id)];
		});
	return sent;
}

/** Answers the status read and the PATCH of one journey, keeping the PATCH body. */
function acceptCorrection(id: string): { body?: any } {
	const sent: { body?: any } = {};
	nock(REGISTRY).get(`${API}/journeys/${id}`).reply(200, { operator_journey_id: id, status: 'pending' });
	nock(REGISTRY)
		.patch(`${API}/journeys/${id}`, (body) => {
			sent.body = body;
			return true;
		})
		.reply(200, '');
	return sent;
}

describe('Journey → Create and Update: amounts in whole cents', () => {
	it('rounds an amount a hair off a whole number of cents (euros × 100), in every amount of a JSON journey', async () => {
		expect(EUROS_TIMES_100).toBe(114.99999999999999);
		const sent = acceptJourneys();
		const input = journey('cents-1', { incentives: [{ index: 0, siret: '11000101300017', amount: EUROS_TIMES_100 }] });
		(input.driver as any).revenue = 8.2 * 100; // 819.9999999999999
		(input.passenger as any).contribution = 0.07 * 100; // 7.000000000000001
		(input.passenger as any).payments = [
			{ index: 0, siret: '11000101300017', type: 'titre-mobilite', amount: 0.29 * 100 },
		];

		const { items, error } = await runner().run({ parameters: createFromJson, items: [input] });

		expect(error).toBeUndefined();
		expect(items[0].json.registered).toBe(true);
		expect(sent[0].incentives).toEqual([{ index: 0, siret: '11000101300017', amount: 115 }]);
		expect([sent[0].driver.revenue, sent[0].passenger.contribution, sent[0].passenger.payments[0].amount]).toEqual([
			820, 7, 29,
		]);
		// The input item itself is left as it was.
		expect(input.incentives).toEqual([{ index: 0, siret: '11000101300017', amount: EUROS_TIMES_100 }]);
	});

	it('fails a real fraction of a cent locally, naming the field: nothing is sent', async () => {
		const input = journey('cents-2', { incentives: [{ index: 0, siret: '11000101300017', amount: 114.5 }] });

		const { items } = await runner().run({
			parameters: { ...createFromJson, inputMode: 'item' },
			items: [input],
			continueOnFail: true,
		});

		expect(items[0].json.error).toBe(
			'Journey not sent: incentives[0].amount must be a whole number from 0 to 100000 cents (got 114.5)',
		);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('in the fields mode, rounds an expression giving euros × 100, and refuses a fraction', async () => {
		const sent = acceptJourneys();
		const amount = (value: string) =>
			fieldsJourney({ incentives: { entries: [{ siret: '11000101300017', amount: value }] } });

		let { error } = await runner().run({ parameters: amount('={{ 1.15 * 100 }}') });
		expect(error).toBeUndefined();
		expect(sent[0].incentives[0].amount).toBe(115);

		({ error } = await runner().run({ parameters: amount('={{ 1.155 * 100 }}') }));
		expect(error?.message).toBe(
			'Journey not sent: incentives[0].amount must be a whole number from 0 to 100000 cents (got 115.5)',
		);
	});

	it('Update rounds the incentives of a correction the same way, and refuses a fraction', async () => {
		const sent = acceptCorrection('cents-3');
		const update = (id: string, amount: number) =>
			runner().run({
				parameters: { resource: 'journey', operation: 'update', operatorJourneyId: id, inputMode: 'item' },
				items: [journey(id, { incentives: [{ index: 0, siret: '11000101300017', amount }] })],
			});

		let { error } = await update('cents-3', 0.1 * 3 * 100); // 30.000000000000004
		expect(error).toBeUndefined();
		expect(sent.body.incentives[0].amount).toBe(30);

		({ error } = await update('cents-4', 30.25));
		expect(error?.message).toBe(
			'Update not sent: incentives[0].amount must be a whole number from 0 to 100000 cents (got 30.25)',
		);
	});

	it("says that a 500 for a value the registry's database refuses will not go away by running again", async () => {
		// The registry's own answer when a fraction reaches its integer column (the sandbox models it).
		nock(REGISTRY)
			.post(`${API}/journeys`)
			.reply(500, {
				jsonrpc: '2.0',
				id: 1,
				error: { message: 'invalid input syntax for type integer: "114.99999999999999"' },
			});

		const { items } = await runner().run({
			parameters: createFromJson,
			items: [journey('cents-5')],
			continueOnFail: true,
		});

		expect(items[0].json.error).toBe(
			'The registry could not store a value of this item (500: invalid input syntax for type integer: "114.99999999999999")',
		);
		expect(items[0].error?.description).toContain('running the item again gives the same error');
		expect(items[0].error?.description).not.toMatch(/again later/);
	});

	it('keeps the "run it again later" advice for a 500 that is the registry\'s own trouble', async () => {
		nock(REGISTRY).post(`${API}/journeys`).reply(500, rpcError(-32603, 'Internal error'));
		const { items } = await runner().run({
			parameters: createFromJson,
			items: [journey('cents-6')],
			continueOnFail: true,
		});
		expect(items[0].error?.description).toMatch(/run it again later/);
	});
});
