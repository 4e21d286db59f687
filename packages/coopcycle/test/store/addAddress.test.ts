import type { IDataObject } from 'n8n-workflow';

import { coopCycle, ME, output, run } from '../fixtures';

/** A saved address as CoopCycle lists it. */
const place = (id: number, streetAddress: string, extra: IDataObject = {}): IDataObject => ({
	'@id': `/api/addresses/${id}`,
	'@type': 'http://schema.org/Place',
	geo: { '@type': 'GeoCoordinates', latitude: 48.8559, longitude: 2.3601 },
	streetAddress,
	telephone: null,
	name: null,
	contactName: null,
	description: null,
	provider: null,
	...extra,
});

const addAddress = {
	resource: 'store',
	operation: 'addAddress',
	streetAddress: '1 Rue A, 75001 Paris',
	latitude: 48.8559,
	longitude: 2.3601,
	addressDetails: { name: 'Client SARL', contactName: 'Ann', telephone: '0612345678' },
};

describe('Store → Add Address', () => {
	it('saves the Place with its position, then outputs the new address with its @id', async () => {
		const { api } = coopCycle();
		let body: unknown;
		api.get('/api/me').reply(200, ME);
		// CoopCycle answers with the Store, not with the address.
		api
			.post('/api/stores/3/addresses')
			.matchHeader('content-type', 'application/ld+json')
			.reply(201, (_uri, requestBody) => {
				body = JSON.parse(String(requestBody));
				return { '@context': '/api/contexts/Store', '@id': '/api/stores/3', '@type': 'http://schema.org/Store', id: 3 };
			});
		// 130 saved addresses, by creation: the new one is the last, after an older one at the same place.
		const saved = { name: 'Client SARL', contactName: 'Ann', telephone: '+33612345678' };
		api
			.get('/api/stores/3/addresses')
			.query({ itemsPerPage: 100 })
			.reply(200, {
				'hydra:member': Array.from({ length: 100 }, (_value, index) => place(index + 1, `${index} Rue B`)),
				'hydra:totalItems': 130,
			});
		api
			.get('/api/stores/3/addresses')
			.query({ itemsPerPage: 100, page: 2 })
			.reply(200, {
				'hydra:member': [
					...Array.from({ length: 28 }, (_value, index) => place(index + 101, `${index} Rue C`)),
					place(129, '1 Rue A, 75001 Paris', saved),
					place(130, '1 Rue A, 75001 Paris', saved),
				],
				'hydra:totalItems': 130,
			});
		const result = await run({ parameters: addAddress });
		expect(result.error).toBeUndefined();
		expect(body).toEqual({
			streetAddress: '1 Rue A, 75001 Paris',
			geo: { latitude: 48.8559, longitude: 2.3601 },
			name: 'Client SARL',
			contactName: 'Ann',
			telephone: '0612345678',
		});
		expect(output(result)).toEqual([{ ...place(130, '1 Rue A, 75001 Paris', saved), id: 130 }]);
	});

	it.each([
		[{ latitude: 0, longitude: 0 }, 'Latitude and Longitude are required'],
		[{ latitude: 148.8, longitude: 2.3 }, 'Latitude must be between -90 and 90 and Longitude between -180 and 180'],
		[{ streetAddress: '={{ "" }}' }, 'Street Address is empty: give the full address (number, street, postcode, city)'],
	])('refuses %j before sending anything', async (change, message) => {
		coopCycle(); // not even /api/me
		const result = await run({ parameters: { ...addAddress, ...change } });
		expect(result.error?.message).toBe(message);
		if (message.startsWith('Latitude')) expect(result.error?.description).toMatch(/does not look saved addresses up/);
	});
});
