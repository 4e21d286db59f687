import type { IDataObject } from 'n8n-workflow';

import { coopCycle, expectWrite, ME, output, run, WINDOW } from '../fixtures';

/** The API app of the credential (GET /api/me), asked once per execution for the store's IRI. */
function apiApp(times = 1) {
	const { api } = coopCycle();
	api.get('/api/me').times(times).reply(200, ME);
}

describe('Delivery → Create Quote', () => {
	it('POSTs to /api/deliveries/quotes with the store’s IRI and exposes the quote id', async () => {
		const seen = expectWrite('post', '/api/deliveries/quotes', {
			'@context': '/api/contexts/DeliveryQuote',
			'@id': '/api/delivery_quotes/5',
			'@type': 'DeliveryQuote',
			amount: 499,
			currency: 'EUR',
			expiresAt: '2025-06-13T10:00:00+02:00',
		});
		apiApp();
		const result = await run({ parameters: { resource: 'delivery', operation: 'createQuote', ...WINDOW } });
		// The quote's body is stored, and read again on confirmation by coopcycle-web's legacy
		// src/Serializer/DeliveryNormalizer.php, which looks package names up in the body's store only, and without
		// one in every store (src/Entity/PackageRepository.php l.10-22).
		expect(seen.bodies).toEqual([expect.objectContaining({ store: '/api/stores/3' })]);
		expect(output(result)[0]).toMatchObject({ '@id': '/api/delivery_quotes/5', id: 5, amount: 499 });
	});

	it('sends metadata as key=value words, the only form a confirmed quote keeps', async () => {
		const quote = { '@id': '/api/delivery_quotes/5', '@type': 'DeliveryQuote', amount: 499 };
		const fields = expectWrite('post', '/api/deliveries/quotes', quote);
		apiApp();
		await run({
			parameters: {
				resource: 'delivery',
				operation: 'createQuote',
				...WINDOW,
				dropoffDetails: {
					metadata: {
						entries: [
							{ key: 'order', value: 'A-1001' },
							{ key: 'channel', value: 'web' },
						],
					},
				},
			},
		});
		expect((fields.bodies[0] as IDataObject).dropoff).toMatchObject({ metadata: 'order=A-1001 channel=web' });

		const tasks = expectWrite('post', '/api/deliveries/quotes', quote);
		apiApp();
		const list = [
			{ type: 'pickup', address: '24 Rue de la Paix', before: '2025-06-12 12:00', metadata: {} },
			{
				type: 'dropoff',
				address: '48 Rue de Rivoli',
				before: '2025-06-12 13:00',
				metadata: { order: 1001, gift: true },
			},
		];
		await run({ parameters: { resource: 'delivery', operation: 'createQuote', taskMode: 'tasks', tasksJson: list } });
		expect(tasks.bodies).toEqual([
			{
				store: '/api/stores/3',
				tasks: [
					{ type: 'pickup', address: '24 Rue de la Paix', before: '2025-06-12 12:00' },
					{
						type: 'dropoff',
						address: '48 Rue de Rivoli',
						before: '2025-06-12 13:00',
						metadata: 'order=1001 gift=true',
					},
				],
			},
		]);
	});

	it.each([
		[{ dropoffDetails: { metadata: { entries: [{ key: 'order', value: 'A 1001' }] } } }, 'Dropoff Details'],
		[{ dropoffDetails: { metadata: { entries: [{ key: 'a=b', value: 'c' }] } } }, 'Dropoff Details'],
		[
			{
				taskMode: 'tasks',
				tasksJson: [
					{ type: 'pickup', address: 'a', before: '2025-06-12 12:00' },
					{ type: 'dropoff', address: 'b', before: '2025-06-12 13:00', metadata: { order: { id: 1 } } },
				],
			},
			'Tasks (JSON): task 2',
		],
	])('refuses metadata a confirmed quote would lose, before sending: %j', async (change, where) => {
		coopCycle(); // nothing may be sent
		const result = await run({ parameters: { resource: 'delivery', operation: 'createQuote', ...WINDOW, ...change } });
		expect(result.error?.message).toMatch(
			new RegExp(`^${where.replace(/[()]/g, '\\$&')}: the Metadata ".*" cannot be kept by a quote$`),
		);
		expect(result.error?.description).toMatch(/no spaces and no "="/);
	});
});
