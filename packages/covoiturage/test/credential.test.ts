/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into request and response bodies */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import nock from 'nock';

import { CovoiturageApi } from '../credentials/CovoiturageApi.credentials';
import {
	API,
	REGISTRY,
	createFromJson,
	created,
	journey,
	keyPairCredential,
	runner,
	tokenCredential,
} from './fixtures';

const batch = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => journey(`${prefix}-${i}`));

/** The registry's token route: counts calls and hands out numbered tokens. */
function tokenRoute(credential: ICredentialDataDecryptedObject) {
	const calls: unknown[] = [];
	nock(REGISTRY)
		.post(`${API}/auth/access_token`)
		.times(10)
		// The tests count the calls: they need not all be made.
		.optionally()
		.reply((_uri, body) => {
			calls.push(body);
			expect(body).toEqual({ access_key: credential.accessKey, secret_key: credential.secretKey });
			return [201, { access_token: `token-${calls.length}` }];
		});
	return calls;
}

/** The journeys route: accepts only `validToken`, counts calls per token. */
function journeysRoute(validToken: () => string) {
	const seen: Record<string, number> = {};
	nock(REGISTRY)
		.post(`${API}/journeys`)
		.times(1000)
		.optionally()
		.reply(function (_uri, body: any) {
			const token = String(this.req.headers.authorization).replace('Bearer ', '');
			seen[token] = (seen[token] ?? 0) + 1;
			if (token !== validToken())
				return [401, { id: 1, jsonrpc: '2.0', error: { code: 401, data: 'Error', message: 'Unauthorized Error' } }];
			return [201, created(body.operator_journey_id)];
		});
	return seen;
}

describe('access key + secret key', () => {
	it('asks for one token for a whole batch and sends it on every request', async () => {
		const credential = keyPairCredential();
		const tokenCalls = tokenRoute(credential);
		const seen = journeysRoute(() => 'token-1');

		const { items, error, credentialsHelper } = await runner(credential).run({
			parameters: createFromJson,
			items: batch(50, 'a'),
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(50);
		expect(tokenCalls).toHaveLength(1);
		expect(seen).toEqual({ 'token-1': 50 });
		// n8n keeps the token in the credential, for the next executions.
		expect(credentialsHelper.stored.covoiturageApi.accessToken).toBe('token-1');
	});

	it('reuses the stored token in the next execution', async () => {
		const credential = keyPairCredential();
		const tokenCalls = tokenRoute(credential);
		journeysRoute(() => 'token-1');
		const first = await runner(credential).run({ parameters: createFromJson, items: batch(3, 'b') });
		const second = await runner(credential).run({
			parameters: createFromJson,
			items: batch(3, 'c'),
			credentialsHelper: first.credentialsHelper,
		});
		expect(second.error).toBeUndefined();
		expect(tokenCalls).toHaveLength(1);
	});

	it('fetches a new token once when the API says 401, and retries the requests', async () => {
		const credential = keyPairCredential();
		const tokenCalls = tokenRoute(credential);
		let valid = 'token-1';
		const seen = journeysRoute(() => valid);
		const first = await runner(credential).run({ parameters: createFromJson, items: batch(5, 'd') });
		expect(first.error).toBeUndefined();

		valid = 'token-2'; // token-1 expired
		const second = await runner(credential).run({
			parameters: createFromJson,
			items: batch(40, 'e'),
			credentialsHelper: first.credentialsHelper,
		});

		expect(second.error).toBeUndefined();
		expect(second.items.map((item) => item.json.registered)).toEqual(Array(40).fill(true));
		expect(tokenCalls).toHaveLength(2);
		expect(seen['token-2']).toBe(40);
		expect(second.credentialsHelper.stored.covoiturageApi.accessToken).toBe('token-2');
	});

	it('says when the key pair is wrong, without showing the secret', async () => {
		const credential = keyPairCredential();
		nock(REGISTRY)
			.post(`${API}/auth/access_token`)
			.reply(401, {
				jsonrpc: '2.0',
				id: 1,
				error: { data: 'Invalid access key or secret key', code: -32501, message: 'Unauthorized Error' },
			});
		const { items } = await runner(credential).run({
			parameters: createFromJson,
			items: [journey('k-1')],
			continueOnFail: true,
		});
		expect(String(items[0].json.error)).toContain('refused the access key and secret key');
		expect(JSON.stringify(items)).not.toContain(String(credential.secretKey));
	});
	it("waits when the token route's limit of 5 a minute is reached, then goes on", async () => {
		const credential = keyPairCredential();
		const scope = nock(REGISTRY)
			.post(`${API}/auth/access_token`)
			.reply(429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '0' })
			.post(`${API}/auth/access_token`)
			.reply(201, { access_token: 'after-the-wait' });
		const api = nock(REGISTRY)
			.post(`${API}/journeys`)
			.times(2)
			.matchHeader('authorization', 'Bearer after-the-wait')
			.reply(201, (_uri, body) => created(String((body as IDataObject).operator_journey_id)));
		const { items } = await runner(credential).run({
			parameters: createFromJson,
			items: [journey('k-2'), journey('k-3')],
			continueOnFail: true,
		});
		// One token request for both items, retried once after the wait.
		expect(items.map((item) => item.json.operator_journey_id)).toEqual(['k-2', 'k-3']);
		scope.done();
		api.done();
	});

	it('says so when the limit is still reached after waiting, and that the registry was reached', async () => {
		const credential = keyPairCredential();
		const scope = nock(REGISTRY)
			.post(`${API}/auth/access_token`)
			.times(5)
			.reply(429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '0' });
		const { items } = await runner(credential).run({
			parameters: createFromJson,
			items: [journey('k-4'), journey('k-5')],
			continueOnFail: true,
		});
		expect(items.map((item) => String(item.json.error))).toEqual([
			expect.stringContaining('only 5 access-token requests a minute and still refused after 5 attempts (429)'),
			expect.stringContaining('only 5 access-token requests a minute and still refused after 5 attempts (429)'),
		]);
		expect(JSON.stringify(items)).not.toMatch(/reach/);
		scope.done();
	});

	it('waits out a maintenance window of the token route (503), as for any request', async () => {
		const credential = keyPairCredential();
		const scope = nock(REGISTRY)
			.post(`${API}/auth/access_token`)
			.times(2)
			.reply(503, { code: 503, error: 'Service Unavailable' }, { 'Retry-After': '0' })
			.post(`${API}/auth/access_token`)
			.reply(201, { access_token: 'after-maintenance' });
		const api = nock(REGISTRY)
			.post(`${API}/journeys`)
			.matchHeader('authorization', 'Bearer after-maintenance')
			.reply(201, created('k-6'));
		const { items } = await runner(credential).run({ parameters: createFromJson, items: [journey('k-6')] });
		expect(items[0].json).toMatchObject({ operator_journey_id: 'k-6', registered: true });
		scope.done();
		api.done();
	});
});

describe('credential', () => {
	it('uses the key pair by default: the registry deprecates application tokens', async () => {
		const authentication = new CovoiturageApi().properties.find((property) => property.name === 'authentication');
		expect(authentication?.default).toBe('accessKey');
		// A credential saved with the default (n8n does not store default values) exchanges its keys for a token.
		const saved = keyPairCredential();
		delete saved.authentication;
		const tokenCalls = tokenRoute(saved);
		const seen = journeysRoute(() => 'token-1');
		const { error } = await runner(saved).run({ parameters: createFromJson, items: batch(1, 'default') });
		expect(error).toBeUndefined();
		expect(tokenCalls).toHaveLength(1);
		expect(seen).toEqual({ 'token-1': 1 });
	});

	it('derives the base URL from the environment and version', async () => {
		const authenticate = new CovoiturageApi().authenticate as (
			credentials: object,
			options: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		const baseUrlFor = async (data: ICredentialDataDecryptedObject) =>
			(await authenticate(runner(data).newCredentialsHelper().resolve('covoiturageApi'), { url: '/journeys' })).baseURL;
		expect(await baseUrlFor({ ...tokenCredential, environment: 'preproduction', apiVersion: 'v3.2' })).toBe(
			'https://api.demo.covoiturage.beta.gouv.fr/v3.2',
		);
		expect(await baseUrlFor({ environment: 'production', authentication: 'applicationToken', applicationToken: 'x' })).toBe(
			'https://api.covoiturage.beta.gouv.fr/v3.3',
		);
		// The custom URL tolerates a trailing slash.
		expect(await baseUrlFor(tokenCredential)).toBe(`${REGISTRY}/v3.3`);
	});

	it('tests itself with a read-only request and explains 401 and 403', () => {
		const { test } = new CovoiturageApi();
		expect(test.request).toMatchObject({ url: '/journeys', qs: { status: 'ok', limit: 1 } });
		expect(test.request.method ?? 'GET').toBe('GET');
		const messages = Object.fromEntries(
			(test.rules ?? []).map((rule) => [String((rule.properties as any).value), (rule.properties as any).message]),
		);
		expect(messages['401']).toContain('rejected the token');
		expect(messages['403']).toContain('refused access');
	});

	it("explains in its test the registry's 500 for a malformed token or one of the other environment", () => {
		const rule = (new CovoiturageApi().test.rules ?? []).find(
			(candidate) => (candidate.properties as any).value === 500,
		);
		const message = String((rule?.properties as any)?.message);
		expect(message).toContain('could not verify the token (500)');
		expect(message).toContain('the other environment');
		expect(message).not.toMatch(/again later|try again/i);
	});
});
