import type { IDataObject } from 'n8n-workflow';

import { coopCycle, credentialData, delivery, failure, INSTANCE, LD_JSON, output, run } from '../fixtures';

const get = { resource: 'delivery', operation: 'get', deliveryId: '12' };

describe('Delivery → Get', () => {
	it.each([
		'12',
		' 12 ',
		'/api/deliveries/12',
		`${INSTANCE}/api/deliveries/12`,
		'https://other.example/api/deliveries/12?x=1',
	])('accepts the id, IRI or URL %j', async (deliveryId) => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').matchHeader('accept', LD_JSON).reply(200, delivery(12));
		const result = await run({ parameters: { resource: 'delivery', operation: 'get', deliveryId } });
		expect(output(result)[0].id).toBe(12);
	});

	it.each(['abc', '/api/tasks/12', '12a', '={{ "" }}'])(
		'refuses %j as a Delivery ID before sending',
		async (deliveryId) => {
			coopCycle();
			const result = await run({ parameters: { resource: 'delivery', operation: 'get', deliveryId } });
			expect(result.error?.message).toBe(
				`Delivery ID: "${deliveryId.startsWith('=') ? '' : deliveryId}" is not a CoopCycle id`,
			);
			expect(result.error?.description).toMatch(/\/api\/deliveries\/12/);
		},
	);

	it('with Simplify gives a short flat delivery: no JSON-LD keys, no nulls, each task once', async () => {
		const { api } = coopCycle();
		const place = (streetAddress: string, extra: IDataObject) => ({
			'@id': '/api/addresses/4',
			'@type': 'http://schema.org/Place',
			geo: { '@type': 'GeoCoordinates', latitude: 48.86, longitude: 2.33 },
			provider: null,
			streetAddress,
			telephone: null,
			name: null,
			contactName: null,
			description: null,
			...extra,
		});
		const task = (id: number, type: string, status: string, address: IDataObject, window: string[]) => ({
			'@id': `/api/tasks/${id}`,
			'@type': 'Task',
			id,
			type,
			status,
			address,
			after: window[0],
			before: window[1],
			doneAfter: window[0],
			doneBefore: window[1],
			comments: '',
			weight: null,
			packages: [],
			tags: [],
			metadata: { delivery_position: 1 },
			assignedTo: status === 'TODO' ? null : 'bob',
		});
		const pickup = task(23, 'PICKUP', 'DONE', place('10 Rue du Pain, 75011 Paris', {}), [
			'2025-06-12T09:30:00+02:00',
			'2025-06-12T09:45:00+02:00',
		]);
		const dropoff = task(
			24,
			'DROPOFF',
			'DOING',
			place('48 Rue de Rivoli, 75004 Paris', {
				contactName: 'Jo Doe',
				telephone: '+33612345678',
				description: 'Code 1234',
			}),
			['2025-06-12T10:00:00+02:00', '2025-06-12T11:00:00+02:00'],
		);
		api.get('/api/deliveries/12').reply(200, {
			'@context': '/api/contexts/Delivery',
			'@id': '/api/deliveries/12',
			'@type': 'http://schema.org/ParcelDelivery',
			id: 12,
			tasks: [pickup, dropoff],
			pickup,
			dropoff,
			trackingUrl: `${INSTANCE}/d/abc12`,
			order: { '@id': '/api/orders/5', '@type': 'http://schema.org/Order', number: 'AAB12', total: 499, taxTotal: 83 },
		});
		const result = await run({ parameters: get });
		expect(output(result)).toEqual([
			{
				id: 12,
				status: 'DOING',
				trackingUrl: `${INSTANCE}/d/abc12`,
				price: 499,
				orderNumber: 'AAB12',
				pickup: {
					id: 23,
					status: 'DONE',
					address: '10 Rue du Pain, 75011 Paris',
					after: '2025-06-12T09:30:00+02:00',
					before: '2025-06-12T09:45:00+02:00',
					courier: 'bob',
				},
				dropoff: {
					id: 24,
					status: 'DOING',
					address: '48 Rue de Rivoli, 75004 Paris',
					addressDescription: 'Code 1234',
					contactName: 'Jo Doe',
					telephone: '+33612345678',
					after: '2025-06-12T10:00:00+02:00',
					before: '2025-06-12T11:00:00+02:00',
					courier: 'bob',
				},
			},
		]);
	});

	it('with Simplify lists the tasks of a delivery with several dropoffs once each', async () => {
		const { api } = coopCycle();
		const task = (id: number, type: string, streetAddress: string) => ({
			'@id': `/api/tasks/${id}`,
			id,
			type,
			status: 'DONE',
			address: { streetAddress },
			before: '2025-06-12T11:00:00+02:00',
		});
		const [pickup, first, last] = [task(1, 'PICKUP', 'A'), task(2, 'DROPOFF', 'B'), task(3, 'DROPOFF', 'C')];
		api.get('/api/deliveries/12').reply(200, {
			'@id': '/api/deliveries/12',
			'@type': 'http://schema.org/ParcelDelivery',
			id: 12,
			tasks: [pickup, first, last],
			pickup,
			dropoff: last,
			order: null,
		});
		const [json] = output(await run({ parameters: get }));
		expect(json.status).toBe('DONE');
		expect((json.pickup as IDataObject).address).toBe('A');
		expect((json.dropoff as IDataObject).address).toBe('C');
		expect(json.otherTasks).toEqual([
			{ id: 2, type: 'DROPOFF', status: 'DONE', address: 'B', before: '2025-06-12T11:00:00+02:00' },
		]);
		expect(json).not.toHaveProperty('price');
	});

	it('without Simplify keeps the answer as CoopCycle gave it', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').reply(200, delivery(12));
		const result = await run({
			parameters: { resource: 'delivery', operation: 'get', deliveryId: '12', simplify: false },
		});
		expect(output(result)).toEqual([delivery(12)]);
	});
});

describe('Delivery → Get: errors', () => {
	it('403 says which store and scope rules apply', async () => {
		const error = await failure(get, 403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		expect(error?.message).toBe('CoopCycle refused access (403): Access Denied.');
		expect(error?.description).toMatch(/its own store’s deliveries.*Scope field/);
	});

	it('404 names the field to check', async () => {
		const error = await failure(get, 404, { '@type': 'hydra:Error', 'hydra:description': 'Not Found' });
		expect(error?.message).toBe('CoopCycle found nothing at this address (404)');
		expect(error?.description).toBe('Check the Delivery ID: no such delivery, or it belongs to another store.');
	});

	it('500 elsewhere is reported as a CoopCycle problem', async () => {
		const error = await failure(get, 500, 'Internal Server Error');
		expect(error?.message).toBe('CoopCycle answered with an error (500)');
		expect(error?.description).toMatch(/Try again later/);
	});

	it('429 is retried after Retry-After', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').reply(429, 'Too Many Requests', { 'Retry-After': '0' });
		api.get('/api/deliveries/12').reply(200, delivery(12));
		const result = await run({ parameters: get });
		expect(output(result)[0].id).toBe(12);
	});

	it('a broken connection is retried: reading twice changes nothing', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		api.get('/api/deliveries/12').reply(200, delivery(12));
		const result = await run({ parameters: get });
		expect(output(result)[0].id).toBe(12);
	});

	it('the error never shows the client secret or the token', async () => {
		const error = await failure(get, 403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		const shown = JSON.stringify({ message: error?.message, description: error?.description, context: error?.context });
		expect(shown).not.toContain(credentialData.clientSecret);
		expect(shown).not.toContain('token-1');
	});

	it('with continue-on-fail, every input item yields one output or error item, in order', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/1').reply(200, delivery(1));
		api.get('/api/deliveries/2').reply(404, { '@type': 'hydra:Error', 'hydra:description': 'Not Found' });
		api.get('/api/deliveries/4').reply(200, delivery(4));
		const result = await run({
			parameters: { resource: 'delivery', operation: 'get', deliveryId: '={{ $json.id }}' },
			items: [{ id: 1 }, { id: 2 }, { id: 'not an id' }, { id: 4 }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const items = output(result);
		expect(items).toHaveLength(4);
		expect(items[0].id).toBe(1);
		expect(items[1].error).toBe('CoopCycle found nothing at this address (404)');
		expect(items[2].error).toBe('Delivery ID: "not an id" is not a CoopCycle id');
		expect(items[3].id).toBe(4);
	});
});
