import type { IDataObject } from 'n8n-workflow';

import { coopCycle, credentialData, delivery, output, run, setUpNock } from './helpers';

setUpNock();

const WINDOW = {
	dropoffAddress: '1 Nowhere Lane',
	dropoffTimeMode: 'window',
	dropoffAfter: '2025-06-12T12:00:00',
	dropoffBefore: '2025-06-12T13:30:00',
};
const create = { resource: 'delivery', operation: 'create', ...WINDOW };
const get = { resource: 'delivery', operation: 'get', deliveryId: '12' };

async function failure(parameters: IDataObject, status: number, body: IDataObject | string) {
	const { api } = coopCycle();
	for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
		api
			.intercept(/^\/api\//, method)
			.optionally()
			.reply(status, body);
	}
	const result = await run({ parameters });
	expect(result.items).toHaveLength(0);
	return result.error;
}

describe('CoopCycle errors', () => {
	test('400 ConstraintViolationList lists each propertyPath: message', async () => {
		const error = await failure(create, 400, {
			'@context': '/api/contexts/ConstraintViolationList',
			'@type': 'ConstraintViolationList',
			'hydra:title': 'An error occurred',
			'hydra:description': 'items[0].task.doneBefore: This value should not be blank.',
			violations: [
				{ propertyPath: 'items[0].task.doneBefore', message: 'This value should not be blank.', code: 'c1' },
				{ propertyPath: 'items[1].task.doneBefore', message: 'This value should not be blank.', code: 'c1' },
			],
		});
		expect(error?.message).toBe(
			'CoopCycle rejected the request: items[0].task.doneBefore: This value should not be blank.; items[1].task.doneBefore: This value should not be blank.',
		);
		expect(error?.httpCode).toBe('400');
	});

	test('400 hydra:Error gives the hydra:description', async () => {
		const error = await failure(create, 400, {
			'@context': '/api/contexts/Error',
			'@type': 'hydra:Error',
			'hydra:title': 'An error occurred',
			'hydra:description': 'The string supplied did not seem to be a phone number.',
		});
		expect(error?.message).toBe(
			'CoopCycle rejected the request: The string supplied did not seem to be a phone number.',
		);
	});

	test('400 on Cancel says that only the cooperative can cancel an assigned delivery', async () => {
		const error = await failure({ resource: 'delivery', operation: 'cancel', deliveryId: '12' }, 400, {
			'@type': 'hydra:Error',
			'hydra:description': 'Tasks have already been assigned',
		});
		expect(error?.message).toBe('CoopCycle rejected the request: Tasks have already been assigned');
		expect(error?.description).toMatch(/only the cooperative can cancel/);
	});

	test('403 says which store and scope rules apply', async () => {
		const error = await failure(get, 403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		expect(error?.message).toBe('CoopCycle refused access (403): Access Denied.');
		expect(error?.description).toMatch(/its own store’s deliveries.*Scope field/);
	});

	test('403 on Task → Get Many names the tasks:all scope', async () => {
		const error = await failure({ resource: 'task', operation: 'getAll', date: '2025-06-12', returnAll: true }, 403, {
			'@type': 'hydra:Error',
			'hydra:description': 'Access Denied.',
		});
		expect(error?.description).toMatch(/"tasks:all" scope/);
	});

	test('404 names the field to check', async () => {
		const error = await failure(get, 404, { '@type': 'hydra:Error', 'hydra:description': 'Not Found' });
		expect(error?.message).toBe('CoopCycle found nothing at this address (404)');
		expect(error?.description).toBe('Check the Delivery ID: no such delivery, or it belongs to another store.');
	});

	test('415 explains the JSON-LD requirement', async () => {
		const error = await failure(create, 415, {
			'@type': 'hydra:Error',
			'hydra:description': 'The content-type "application/json" is not supported.',
		});
		expect(error?.message).toBe('CoopCycle did not accept the format of the request (415)');
		expect(error?.description).toMatch(/application\/ld\+json/);
	});

	test('500 on an address suggests a fuller address or coordinates', async () => {
		const error = await failure(create, 500, { '@type': 'hydra:Error', 'hydra:description': 'Internal Server Error' });
		expect(error?.message).toMatch(/could not handle an address \(500\).*map/);
		expect(error?.description).toMatch(/full address .* latitude and longitude/);
	});

	test('500 elsewhere is reported as a CoopCycle problem', async () => {
		const error = await failure(get, 500, 'Internal Server Error');
		expect(error?.message).toBe('CoopCycle answered with an error (500)');
		expect(error?.description).toMatch(/Try again later/);
	});

	test('429 is retried after Retry-After', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').reply(429, 'Too Many Requests', { 'Retry-After': '0' });
		api.get('/api/deliveries/12').reply(200, delivery(12));
		const result = await run({ parameters: get });
		expect(output(result)[0].id).toBe(12);
	});

	test('the error never shows the client secret or the token', async () => {
		const error = await failure(get, 403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		const shown = JSON.stringify({ message: error?.message, description: error?.description, context: error?.context });
		expect(shown).not.toContain(credentialData.clientSecret);
		expect(shown).not.toContain('token-1');
	});
});

describe('Continue on fail', () => {
	test('every input item yields one output or error item, in order', async () => {
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

	test('a create that fails for one item does not stop the others', async () => {
		const { api } = coopCycle();
		let created = 0;
		api
			.post('/api/deliveries')
			.times(3)
			.reply((_uri, body) => {
				if (String(body).includes('Nowhere'))
					return [500, { '@type': 'hydra:Error', 'hydra:description': 'Internal Server Error' }];
				created++;
				return [201, delivery(created)];
			});
		const result = await run({
			parameters: { ...create, dropoffAddress: '={{ $json.address }}' },
			items: [{ address: '1 Rue A, Paris' }, { address: '1 Nowhere Lane' }, { address: '2 Rue B, Paris' }],
			continueOnFail: true,
		});
		const items = output(result);
		expect(items).toHaveLength(3);
		expect(items[1].error).toMatch(/could not handle an address/);
		expect([items[0].id, items[2].id].sort()).toEqual([1, 2]);
	});
});
