import { coopCycle, LD_JSON, output, parsed, run, WINDOW } from '../fixtures';

describe('Delivery → Get Price', () => {
	it('POSTs to /api/retail_prices/calculate, with tax=excluded when asked', async () => {
		const { api } = coopCycle();
		let body: unknown;
		api
			.post('/api/retail_prices/calculate')
			.query({ tax: 'excluded' })
			.matchHeader('content-type', LD_JSON)
			.reply(200, (_uri, requestBody) => {
				body = parsed(requestBody);
				return {
					'@context': '/api/contexts/RetailPrice',
					'@type': 'RetailPrice',
					amount: 416,
					currency: 'EUR',
					tax: { amount: 0, included: false },
				};
			});
		const result = await run({
			parameters: { resource: 'delivery', operation: 'getPrice', ...WINDOW, tax: 'excluded' },
		});
		expect(body).toEqual({
			dropoff: { address: WINDOW.dropoffAddress, after: WINDOW.dropoffAfter, before: WINDOW.dropoffBefore },
		});
		expect(output(result)).toEqual([
			{ '@type': 'RetailPrice', amount: 416, currency: 'EUR', tax: { amount: 0, included: false } },
		]);
	});

	it('sends no tax parameter when tax is included', async () => {
		const { api } = coopCycle();
		api.post('/api/retail_prices/calculate').query({}).reply(200, { amount: 499, currency: 'EUR' });
		const result = await run({ parameters: { resource: 'delivery', operation: 'getPrice', ...WINDOW } });
		expect(output(result)[0].amount).toBe(499);
	});
});
