import { coopCycle, ME, output, run } from '../fixtures';

describe('Store → Get Saved Addresses', () => {
	it('lists /api/stores/{id}/addresses', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api
			.get('/api/stores/3/addresses')
			.query({ itemsPerPage: 50 })
			.reply(200, {
				'hydra:member': [
					{ '@id': '/api/addresses/4', streetAddress: '1 Rue A' },
					{ '@id': '/api/addresses/5', streetAddress: '2 Rue B' },
				],
			});
		const result = await run({ parameters: { resource: 'store', operation: 'getAddresses' } });
		expect(output(result)).toEqual([
			{ '@id': '/api/addresses/4', id: 4, streetAddress: '1 Rue A' },
			{ '@id': '/api/addresses/5', id: 5, streetAddress: '2 Rue B' },
		]);
	});
});
