import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { CoopCycleOAuth2Api } from '../../credentials/CoopCycleOAuth2Api.credentials';
import { CoopCycle } from '../../nodes/CoopCycle/CoopCycle.node';
import { NodeRunner, type RunOptions, type RunResult } from '../harness/runNode';

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

export function setUpNock(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());
}
