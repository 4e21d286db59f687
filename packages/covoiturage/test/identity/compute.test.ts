import { createHash } from 'crypto';

import nock from 'nock';

import { keyPairCredential, runner } from '../fixtures';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const compute = {
	resource: 'identity',
	operation: 'compute',
	phone: '={{ $json.phone }}',
	lastName: '={{ $json.name }}',
};

/** Every request that left the node during `run` (nock sees each one; none is answered). */
async function requestsDuring(run: () => Promise<unknown>): Promise<string[]> {
	const seen: string[] = [];
	const record = (request: { method?: string; path?: string }) => seen.push(`${request.method} ${request.path}`);
	nock.emitter.on('no match', record);
	try {
		await run();
	} finally {
		nock.emitter.removeListener('no match', record);
	}
	return seen;
}

describe('Identity → Compute', () => {
	it('computes identity_key, phone_trunc and last_name_trunc as Create does, and sends nothing', async () => {
		let result: Awaited<ReturnType<ReturnType<typeof runner>['run']>> | undefined;
		const requests = await requestsDuring(async () => {
			// A key pair: a request would first ask for an access token.
			result = await runner(keyPairCredential()).run({
				parameters: compute,
				items: [
					{ id: 1, phone: '07 01 02 03 04', name: "D'Hérûg-de-l'Hérault" },
					{ id: 2, phone: '0690 12 34 56', name: 'Tô' },
				],
			});
		});
		expect(requests).toEqual([]);
		expect(result?.error).toBeUndefined();
		expect(result?.items.map((item) => item.json)).toEqual([
			{
				id: 1,
				phone: '07 01 02 03 04',
				name: "D'Hérûg-de-l'Hérault",
				identity_key: sha256('+33701020304-D HERUG DE L HERAULT'),
				phone_trunc: '+337010203',
				last_name_trunc: 'D H',
			},
			{
				id: 2,
				phone: '0690 12 34 56',
				name: 'Tô',
				identity_key: sha256('+590690123456-TO'),
				phone_trunc: '+5906901234',
				last_name_trunc: 'TO ',
			},
		]);
		expect(result?.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('the check above would see a request: an operation that sends one is seen', async () => {
		const requests = await requestsDuring(() =>
			runner().run({ parameters: { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'j1' }, continueOnFail: true }),
		);
		expect(requests.length).toBeGreaterThan(0);
	});

	it('outputs only the three fields when asked, and fails an item whose phone is not a number', async () => {
		const requests = await requestsDuring(async () => {
			const { items } = await runner().run({
				parameters: { ...compute, options: { keepInputFields: false } },
				items: [{ phone: '+33601020304', name: 'Martin' }, { phone: '12', name: 'Martin' }, { phone: '0601020304', name: '123' }],
				continueOnFail: true,
			});
			expect(items[0].json).toEqual({
				identity_key: sha256('+33601020304-MARTIN'),
				phone_trunc: '+336010203',
				last_name_trunc: 'MAR',
			});
			expect(items[1].json.error).toBe(
				'Identity not computed: identity.phone must be a valid phone number, e.g. 06 01 02 03 04 or +33601020304 (got "12")',
			);
			expect(items[2].json.error).toBe('Identity not computed: identity last name must hold at least one letter (got "123")');
		});
		expect(requests).toEqual([]);
	});
});
