import nock from 'nock';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { CoopCycleOAuth2Api } from '../credentials/CoopCycleOAuth2Api.credentials';
import { coopCycle, delivery, INSTANCE, ME, newCredential, output, run, runner } from './fixtures';

const getDelivery = (deliveryId: string) => ({ resource: 'delivery', operation: 'get', deliveryId });
const credential = new CoopCycleOAuth2Api();
const basic = (clientId: string) => `Basic ${Buffer.from(`${clientId}:shop-secret-value`).toString('base64')}`;

describe('CoopCycle OAuth2 API credential', () => {
	it('asks for the instance, client ID, secret and scopes, and keeps the token it gets as an expirable field', () => {
		const defaults = Object.fromEntries(credential.properties.map((property) => [property.name, property.default]));
		expect(defaults.scope).toBe('deliveries tasks');
		const field = (name: string) => credential.properties.find((property) => property.name === name);
		for (const name of ['baseUrl', 'clientId', 'clientSecret']) expect(field(name)?.required).toBe(true);
		expect(field('clientSecret')?.typeOptions?.password).toBe(true);
		expect(field('accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true, password: true } });
		expect(typeof credential.authenticate).toBe('function');
		expect(credential.documentationUrl).toBe(
			'https://github.com/coopcycle-covoiturage/n8n-nodes-coopcycle-covoiturage/tree/main/packages/coopcycle#credentials',
		);
	});

	it.each([
		['https://acme.coopcycle.org', 'https://acme.coopcycle.org'],
		['https://acme.coopcycle.org/', 'https://acme.coopcycle.org'],
		['  acme.coopcycle.org// ', 'https://acme.coopcycle.org'],
		['http://127.0.0.1:4020', 'http://127.0.0.1:4020'],
	])('sends requests to the instance address derived from the Instance URL %j', async (baseUrl, instanceUrl) => {
		const helper = runner().newCredentialsHelper(newCredential({ baseUrl }));
		const credentials = { ...helper.resolve('coopCycleOAuth2Api'), accessToken: 'stored-token' };
		const authenticate = credential.authenticate as (
			credentials: object,
			options: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		const options = await authenticate(credentials, { url: '/api/me', headers: { Accept: 'application/ld+json' } });
		expect(options).toMatchObject({
			baseURL: instanceUrl,
			url: '/api/me',
			headers: { Accept: 'application/ld+json', Authorization: 'Bearer stored-token' },
		});
	});

	it('is tested with GET /api/me, with messages for each failure', () => {
		expect(credential.test.request.url).toBe('/api/me');
		const messages = (credential.test.rules ?? []).map((rule) => JSON.stringify(rule));
		expect(messages.join('\n')).toMatch(/401.*client ID and secret/);
		expect(messages.join('\n')).toMatch(/403.*scopes and store/);
		expect(messages.join('\n')).toMatch(/404.*Instance URL/);
	});

	// features/authentication.feature, "Authenticated request with OAuth (for shop)": a restaurant's API app has
	// `store: null` and a `shop`. It is a working credential (for the trigger's Order Created).
	it.each([
		['a store’s API app', ME],
		['a restaurant’s API app', { ...ME, store: null, shop: '/api/restaurants/1' }],
	])('passes the test for %s', (_name, me) => {
		const refusing = (credential.test.rules ?? []).filter(
			(rule) =>
				rule.type === 'responseSuccessBody' &&
				(me as Record<string, unknown>)[rule.properties.key] === rule.properties.value,
		);
		expect(refusing).toEqual([]);
	});
});

describe('client-credentials token', () => {
	it('fetches one token with Basic auth and the scopes, and reuses it for many items', async () => {
		const { api, tokens } = coopCycle();
		const credential = newCredential();
		const items = Array.from({ length: 25 }, (_value, index) => ({ deliveryId: String(index + 1) }));
		for (const { deliveryId } of items) {
			api
				.get(`/api/deliveries/${deliveryId}`)
				.matchHeader('authorization', 'Bearer token-1')
				.reply(200, delivery(Number(deliveryId)));
		}
		const result = await run({ parameters: getDelivery('={{ $json.deliveryId }}'), items }, credential);

		expect(result.error).toBeUndefined();
		expect(output(result).map((json) => json.id)).toEqual(items.map((_item, index) => index + 1));
		expect(tokens.calls).toBe(1);
		expect(tokens.bodies[0]).toBe('grant_type=client_credentials&scope=deliveries%20tasks');
		expect(tokens.authorizations[0]).toBe(basic(String(credential.clientId)));
		// n8n keeps the token with the credential, for the next executions.
		expect(result.credentialsHelper.stored.coopCycleOAuth2Api.accessToken).toBe('token-1');
		api.done();
	});

	it('asks for the scopes of the Scope field', async () => {
		const { api, tokens } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api.get('/api/stores/3').reply(200, { '@id': '/api/stores/3', id: 3, name: 'Bakery' });
		await run(
			{ parameters: { resource: 'store', operation: 'getMyStore' } },
			newCredential({ scope: ' deliveries  tasks tasks:all ' }),
		);
		expect(tokens.bodies).toEqual(['grant_type=client_credentials&scope=deliveries%20tasks%20tasks%3Aall']);
		api.done();
	});

	it('reuses the stored token in a later execution', async () => {
		const { api, tokens } = coopCycle();
		const first = runner();
		api.get('/api/deliveries/1').reply(200, delivery(1));
		const firstRun = await first.run({ parameters: getDelivery('1') });
		api.get('/api/deliveries/2').matchHeader('authorization', 'Bearer token-1').reply(200, delivery(2));
		const secondRun = await first.run({ parameters: getDelivery('2'), credentialsHelper: firstRun.credentialsHelper });
		expect(output(secondRun)[0].id).toBe(2);
		expect(tokens.calls).toBe(1);
		api.done();
	});

	it('fetches a new token once when CoopCycle answers 401, and no item is lost', async () => {
		const { api, tokens } = coopCycle();
		const helper = runner().newCredentialsHelper(newCredential({ accessToken: 'revoked-token' }));
		const ids = [1, 2, 3, 4, 5, 6];
		for (const id of ids) {
			api
				.get(`/api/deliveries/${id}`)
				.matchHeader('authorization', 'Bearer revoked-token')
				.reply(401, { code: 401, message: 'An authentication exception occurred.' });
			api.get(`/api/deliveries/${id}`).matchHeader('authorization', 'Bearer token-1').reply(200, delivery(id));
		}
		const result = await runner().run({
			parameters: getDelivery('={{ $json.id }}'),
			items: ids.map((id) => ({ id })),
			credentialsHelper: helper,
		});
		expect(result.error).toBeUndefined();
		expect(output(result).map((json) => json.id)).toEqual(ids);
		expect(tokens.calls).toBe(1);
		expect(helper.stored.coopCycleOAuth2Api.accessToken).toBe('token-1');
		api.done();
	});

	it('never swallows a 401 that persists after the new token', async () => {
		const { api, tokens } = coopCycle();
		api.get('/api/deliveries/1').times(2).reply(401, { code: 401, message: 'Invalid credentials' });
		const result = await run({ parameters: getDelivery('1') });
		expect(result.error?.message).toMatch(/refused the access token \(401\)/);
		expect(result.error?.httpCode).toBe('401');
		expect(tokens.calls).toBe(2);
		api.done();
	});

	it('explains a wrong client ID or secret, asking CoopCycle only once for all items', async () => {
		let tokenCalls = 0;
		const scope = nock(INSTANCE)
			.post('/oauth2/token')
			.reply(() => {
				tokenCalls++;
				return [
					401,
					{
						error: 'invalid_client',
						error_description: 'Client authentication failed',
						message: 'Client authentication failed',
					},
				];
			});
		const result = await run({
			parameters: getDelivery('={{ $json.id }}'),
			items: [{ id: 1 }, { id: 2 }, { id: 3 }],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(3);
		for (const item of result.items) {
			expect(item.json.error).toBe('CoopCycle refused the client ID or client secret (invalid_client)');
			expect(JSON.stringify(item.json)).not.toContain('shop-secret-value');
		}
		expect(tokenCalls).toBe(1);
		scope.done();
	});

	it('explains a scope the API app was not granted', async () => {
		const scope = nock(INSTANCE)
			.post('/oauth2/token')
			.reply(400, { error: 'invalid_scope', error_description: 'The requested scope is invalid', message: 'x' });
		const result = await run({ parameters: getDelivery('1') });
		expect(result.error?.message).toMatch(/refused the scopes .*invalid_scope/);
		expect(result.error?.description).toMatch(/Scope field/);
		scope.done();
	});

	it('waits out a busy or restarting token route (429, 503) and then goes on', async () => {
		// Registered first, so that nock answers the first two token requests with them.
		const busy = nock(INSTANCE)
			.post('/oauth2/token')
			.reply(503, 'Service Unavailable', { 'Retry-After': '0' })
			.post('/oauth2/token')
			.reply(429, { message: 'Too many requests' }, { 'Retry-After': '0' });
		const { api, tokens } = coopCycle();
		api.get('/api/deliveries/1').matchHeader('authorization', 'Bearer token-1').reply(200, delivery(1));
		const result = await run({ parameters: getDelivery('1') });
		expect(result.error).toBeUndefined();
		expect(output(result)[0].id).toBe(1);
		expect(tokens.calls).toBe(1);
		busy.done();
		api.done();
	});

	it('says CoopCycle was reached when its token route keeps failing, and sends nothing', async () => {
		const busy = nock(INSTANCE)
			.post('/oauth2/token')
			.times(5)
			.reply(503, 'Service Unavailable', { 'Retry-After': '0' });
		const result = await run({ parameters: getDelivery('1') });
		expect(result.error?.message).toBe('CoopCycle could not give an access token (503), even after 5 attempts');
		expect(result.error?.message).not.toMatch(/reach/);
		busy.done();
	});

	it('says when CoopCycle cannot be reached at all', async () => {
		const result = await run(
			{ parameters: getDelivery('1') },
			newCredential({ baseUrl: 'https://nothing-here.coopcycle.test' }),
		);
		expect(result.error?.message).toMatch(/^Could not reach CoopCycle at https:\/\/nothing-here\.coopcycle\.test/);
		expect(result.error?.description).toMatch(/Instance URL/);
	});
});
