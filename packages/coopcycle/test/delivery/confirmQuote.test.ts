import { expectWrite, INSTANCE, output, run } from '../fixtures';

describe('Delivery → Confirm Quote', () => {
	it.each(['5', '/api/delivery_quotes/5', `${INSTANCE}/api/delivery_quotes/5`, '/api/deliveries/quotes/5/confirm'])(
		'PUTs {} to /api/deliveries/quotes/5/confirm (quote given as %j)',
		async (quoteId) => {
			const seen = expectWrite('put', '/api/deliveries/quotes/5/confirm', {
				'@context': '/api/contexts/DeliveryQuote',
				'@id': '/api/deliveries/quotes/5/confirm',
				'@type': 'DeliveryQuote',
				delivery: '/api/deliveries/12',
			});
			const result = await run({ parameters: { resource: 'delivery', operation: 'confirmQuote', quoteId } });
			expect(seen.bodies).toEqual([{}]);
			expect(output(result)[0]).toMatchObject({ delivery: '/api/deliveries/12', deliveryId: 12 });
		},
	);
});
