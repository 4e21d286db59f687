import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { CoopCycleOAuth2Api } from '../credentials/CoopCycleOAuth2Api.credentials';
import { CoopCycle } from '../nodes/CoopCycle/CoopCycle.node';
import { NodeRunner, type RunOptions, type RunResult } from '../../shared/test/harness/runNode';

/** The instance of the tests; the trailing slash checks that the credential tolerates it. */
export const INSTANCE = 'https://acme.coopcycle.test';

export const credentialData = {
	baseUrl: `${INSTANCE}/`,
	clientId: 'shop-client',
	clientSecret: 'shop-secret-value',
};

let clients = 0;
/**
 * The credential of one run, with a client ID of its own: a token lives in the credential's process-wide
 * cache, so a test that shared the client ID would reuse the token of an earlier test.
 */
export function newCredential(data: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { ...credentialData, clientId: `${credentialData.clientId}-${++clients}`, ...data };
}

export function runner(data: ICredentialDataDecryptedObject = newCredential()): NodeRunner {
	return new NodeRunner(new CoopCycle(), new CoopCycleOAuth2Api(), data);
}

export interface TokenLog {
	calls: number;
	bodies: string[];
	authorizations: string[];
}

/** The CoopCycle API of one test: a token route that counts its calls, and `api` for the routes under test. */
export function coopCycle(): { api: nock.Scope; tokens: TokenLog } {
	const tokens: TokenLog = { calls: 0, bodies: [], authorizations: [] };
	const api = nock(INSTANCE);
	api
		.post('/oauth2/token')
		.times(50)
		.optionally()
		.reply(function (_uri, body) {
			tokens.calls++;
			tokens.bodies.push(String(body));
			tokens.authorizations.push(String(this.req.headers.authorization));
			return [200, { token_type: 'Bearer', expires_in: 3600, access_token: `token-${tokens.calls}` }];
		});
	return { api, tokens };
}

/** The API app of the credential, as GET /api/me answers it. */
export const ME = {
	'@context': '/api/contexts/ApiApp',
	'@id': '/api/api_apps/1',
	'@type': 'http://schema.org/SoftwareApplication',
	store: '/api/stores/3',
	shop: null,
	name: 'Bakery app',
};

export function delivery(id: number): IDataObject {
	return {
		'@context': '/api/contexts/Delivery',
		'@id': `/api/deliveries/${id}`,
		'@type': 'http://schema.org/ParcelDelivery',
		id,
		pickup: { '@id': `/api/tasks/${id * 2 - 1}`, '@type': 'Task', id: id * 2 - 1, type: 'PICKUP', status: 'TODO' },
		dropoff: { '@id': `/api/tasks/${id * 2}`, '@type': 'Task', id: id * 2, type: 'DROPOFF', status: 'TODO' },
		trackingUrl: `${INSTANCE}/d/abc${id}`,
		order: { '@id': `/api/orders/${id}`, total: 499 },
	};
}

export async function run(options: RunOptions, data?: ICredentialDataDecryptedObject): Promise<RunResult> {
	return await runner(data).run(options);
}

/** The JSON of the output items. */
export function output(result: RunResult): IDataObject[] {
	return result.items.map((item) => item.json);
}

export const LD_JSON = 'application/ld+json';

/** nock leaves JSON-LD bodies as text (it parses only application/json). */
export function parsed(body: unknown): unknown {
	return typeof body === 'string' && body !== '' ? JSON.parse(body) : body;
}

/** A write route that checks the JSON-LD headers and records the body it got. */
export function expectWrite(
	method: 'post' | 'put',
	path: string,
	reply: IDataObject | IDataObject[],
	status = method === 'post' ? 201 : 200,
): { bodies: unknown[] } {
	const { api } = coopCycle();
	const seen = { bodies: [] as unknown[] };
	api[method](path)
		.matchHeader('content-type', LD_JSON)
		.matchHeader('accept', LD_JSON)
		.reply(status, (_uri, body) => {
			seen.bodies.push(parsed(body));
			return reply;
		});
	return seen;
}

/** CoopCycle's 400 answer listing one violation. */
export const violationList = (propertyPath: string, message: string) => ({
	'@context': '/api/contexts/ConstraintViolationList',
	'@type': 'ConstraintViolationList',
	'hydra:title': 'An error occurred',
	'hydra:description': `${propertyPath}: ${message}`,
	violations: [{ propertyPath, message, code: null }],
});

/** A dropoff in a time window: the fields every operation that sends a delivery needs. */
export const WINDOW = {
	dropoffAddress: '48 Rue de Rivoli, 75004 Paris',
	dropoffTimeMode: 'window',
	dropoffAfter: '2025-06-12T12:00:00',
	dropoffBefore: '2025-06-12T13:30:00',
};

/**
 * Runs `parameters` against a CoopCycle that answers every API route with `status` and `body`: the error that
 * stopped the run (the run must output nothing).
 */
export async function failure(parameters: IDataObject, status: number, body: IDataObject | string) {
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

/** A dropoff address as CoopCycle gives it in its answers (Simplify adds the plain id). */
export const SAVED_ADDRESS = {
	'@id': '/api/addresses/4',
	'@type': 'http://schema.org/Place',
	id: 4,
	geo: { '@type': 'GeoCoordinates', latitude: 48.857127, longitude: 2.354766 },
	streetAddress: '48 Rue de Rivoli, 75004 Paris',
	telephone: '+33612345678',
	name: null,
	contactName: 'John Doe',
	description: null,
	provider: null,
};

/** What is sent for SAVED_ADDRESS with another contact: the fields, as a new address; never "@id" (it would rewrite address 4). */
export const AS_NEW_ADDRESS = {
	streetAddress: '48 Rue de Rivoli, 75004 Paris',
	telephone: '+33612345678',
	name: null,
	contactName: 'Jane Roe',
	description: null,
	provider: null,
	latLng: [48.857127, 2.354766],
};

/** The JSON-LD keys in what was sent. */
export const jsonLdKeysIn = (body: unknown) => JSON.stringify(body).match(/"@(id|type|context)"/g) ?? [];

/** The choices of a time slot, as GET /api/time_slots/choices answers them. */
export const TIME_SLOT_CHOICES = {
	'@context': '/api/contexts/TimeSlotChoices',
	'@type': 'TimeSlotChoices',
	choices: [
		{ '@type': 'TimeSlotChoice', value: '2025-06-12T08:00:00Z/2025-06-12T10:00:00Z', label: 'Today 10:00-12:00' },
		{ '@type': 'TimeSlotChoice', value: '2025-06-12T10:00:00Z/2025-06-12T12:00:00Z', label: 'Today 12:00-14:00' },
	],
};

/** Pickups that end after a dropoff, and the error CoopCycle's rule gives them before anything is sent. */
export const PICKUP_AFTER_DROPOFF: Array<[IDataObject, string]> = [
	[
		{ pickupTimeMode: 'window', pickupAfter: '2025-06-12T13:00:00', pickupBefore: '2025-06-12T14:00:00' },
		'Pickup Time ends after Dropoff Time: the pickup must be done first',
	],
	[
		{ pickupTimeMode: 'timeSlot', pickupTimeSlot: '2025-06-12 12:00-14:00' },
		'Pickup Time ends after Dropoff Time: the pickup must be done first',
	],
	[
		{
			taskMode: 'tasks',
			tasksJson: [
				{ type: 'pickup', address: 'a', before: '2025-06-12 15:00' },
				{ type: 'dropoff', address: 'b', before: '2025-06-12 16:00' },
				{ type: 'dropoff', address: 'c', before: '2025-06-12 14:00' },
			],
		},
		'Tasks (JSON): task 1 (pickup) ends after task 3 (dropoff): the pickup must be done first',
	],
];
