/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into request bodies */
import { createHash } from 'crypto';
import nock from 'nock';

import { API, REGISTRY, acceptOneJourney, created, createFromJson, journey, runner } from './fixtures';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

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

describe('identity keys of every range of the French numbering plan', () => {
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
		(input.driver as any).identity = { operator_user_id: 'drv', phone: '07 01 02 03 04', last_name: "D'Hérûg-de-l'Hérault" };
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
			expect(error?.message).toMatch(new RegExp(`^Journey not sent: ${field.replace(/\./g, '\\.')} .* is a number of `));
			expect(error?.message).toMatch(/its country code is \+(590|596|262), not \+33/);
		});

		it('in the fields mode too, naming the territory and the right form', async () => {
			const { error } = await runner().run({
				parameters: {
					resource: 'journey',
					operation: 'create',
					inputMode: 'fields',
					operatorJourneyId: 'j',
					operatorTripId: 't',
					startDateTime: journey().start && (journey().start as any).datetime,
					startLatitude: 16.24,
					startLongitude: -61.53,
					endDateTime: (journey().end as any).datetime,
					endLatitude: 16.27,
					endLongitude: -61.5,
					distance: 5000,
					identityMode: 'provided',
					driverOperatorUserId: 'd',
					driverIdentityKey: 'a'.repeat(64),
					driverPhoneTrunc: '+33 6 90 12 34',
					passengerOperatorUserId: 'p',
					passengerIdentityKey: 'b'.repeat(64),
					passengerPhoneTrunc: '+5906901235',
				},
			});
			expect(error?.message).toBe(
				'Journey not sent: driver.identity.phone_trunc "+336901234" is a number of Guadeloupe, Saint-Barthélemy or Saint-Martin: its country code is +590, not +33. Write it +5906901234, and compute identity_key with that code (or give the phone and last name and let the node compute both)',
			);
		});
	});
});
