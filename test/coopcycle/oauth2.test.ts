import nock from 'nock';

import { CoopCycleOAuth2Api } from '../../credentials/CoopCycleOAuth2Api.credentials';
import { coopCycle, credentialData, delivery, INSTANCE, ME, output, run, runner, setUpNock } from './helpers';

setUpNock();

const getDelivery = (deliveryId: string) => ({ resource: 'delivery', operation: 'get', deliveryId });

describe('CoopCycle OAuth2 API credential', () => {
	const credential = new CoopCycleOAuth2Api();

	test('is an OAuth2 client-credentials credential with Basic client authentication', () => {
		expect(credential.extends).toEqual(['oAuth2Api']);
		const defaults = Object.fromEntries(credential.properties.map((property) => [property.name, property.default]));
		expect(defaults.grantType).toBe('clientCredentials');
		expect(defaults.authentication).toBe('header');
		expect(defaults.scope).toBe('deliveries tasks');
		expect(credential.properties.find((property) => property.name === 'clientSecret')?.typeOptions?.password).toBe(
			true,
		);
		expect(credential.documentationUrl).toBe(
			'https://github.com/coopcycle-covoiturage/n8n-nodes-coopcycle-covoiturage#coopcycle-oauth2-api-credential',
		);
	});

	test.each([
		['https://acme.coopcycle.org', 'https://acme.coopcycle.org/oauth2/token'],
		['https://acme.coopcycle.org/', 'https://acme.coopcycle.org/oauth2/token'],
		['  acme.coopcycle.org// ', 'https://acme.coopcycle.org/oauth2/token'],
		['http://127.0.0.1:4020', 'http://127.0.0.1:4020/oauth2/token'],
	])('derives the token URL from the Instance URL %j', (baseUrl, tokenUrl) => {
		const helper = runner().newCredentialsHelper({ ...credentialData, baseUrl });
		expect(helper.resolve('coopCycleOAuth2Api').accessTokenUrl).toBe(tokenUrl);
	});

	test('is tested with GET /api/me, with messages for each failure', () => {
		expect(credential.test.request.url).toBe('/api/me');
		const messages = (credential.test.rules ?? []).map((rule) => JSON.stringify(rule));
		expect(messages.join('\n')).toMatch(/401.*client ID and secret/);
		expect(messages.join('\n')).toMatch(/403.*scopes and store/);
		expect(messages.join('\n')).toMatch(/404.*Instance URL/);
		expect(messages.join('\n')).toMatch(/"key":"store","value":null.*not linked to a store/);
	});
});

describe('OAuth2 client-credentials flow', () => {
	test('fetches one token with Basic auth and the scopes, and reuses it for many items', async () => {
		const { api, tokens } = coopCycle();
		const items = Array.from({ length: 25 }, (_value, index) => ({ deliveryId: String(index + 1) }));
		for (const { deliveryId } of items) {
			api
				.get(`/api/deliveries/${deliveryId}`)
				.matchHeader('authorization', 'Bearer token-1')
				.reply(200, delivery(Number(deliveryId)));
		}
		const result = await run({ parameters: getDelivery('={{ $json.deliveryId }}'), items });

		expect(result.error).toBeUndefined();
		expect(output(result).map((json) => json.id)).toEqual(items.map((_item, index) => index + 1));
		expect(tokens.calls).toBe(1);
		expect(tokens.bodies[0]).toBe('grant_type=client_credentials&scope=deliveries%20tasks');
		expect(tokens.authorizations[0]).toBe(`Basic ${Buffer.from('shop-client:shop-secret-value').toString('base64')}`);
		// n8n keeps the token with the credential, for the next executions.
		expect(result.credentialsHelper.stored.coopCycleOAuth2Api.oauthTokenData).toMatchObject({
			access_token: 'token-1',
		});
	});

	test('asks for the scopes of the Scope field', async () => {
		const { api, tokens } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api.get('/api/stores/3').reply(200, { '@id': '/api/stores/3', id: 3, name: 'Bakery' });
		await run(
			{ parameters: { resource: 'store', operation: 'getMyStore' } },
			{ ...credentialData, scope: 'deliveries tasks tasks:all' },
		);
		expect(tokens.bodies).toEqual(['grant_type=client_credentials&scope=deliveries%20tasks%20tasks%3Aall']);
	});

	test('reuses the stored token in a later execution', async () => {
		const { api, tokens } = coopCycle();
		const first = runner();
		api.get('/api/deliveries/1').reply(200, delivery(1));
		const firstRun = await first.run({ parameters: getDelivery('1') });
		api.get('/api/deliveries/2').matchHeader('authorization', 'Bearer token-1').reply(200, delivery(2));
		const secondRun = await first.run({ parameters: getDelivery('2'), credentialsHelper: firstRun.credentialsHelper });
		expect(output(secondRun)[0].id).toBe(2);
		expect(tokens.calls).toBe(1);
	});

	test('fetches a new token once when CoopCycle answers 401, and no item is lost', async () => {
		const { api, tokens } = coopCycle();
		const helper = runner().newCredentialsHelper({
			...credentialData,
			oauthTokenData: { access_token: 'expired-token', token_type: 'Bearer' },
		});
		const ids = [1, 2, 3, 4, 5, 6];
		for (const id of ids) {
			api
				.get(`/api/deliveries/${id}`)
				.matchHeader('authorization', 'Bearer expired-token')
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
		expect(helper.stored.coopCycleOAuth2Api.oauthTokenData).toMatchObject({ access_token: 'token-1' });
	});

	test('never swallows a 401 that persists after the new token', async () => {
		const { api, tokens } = coopCycle();
		api.get('/api/deliveries/1').times(2).reply(401, { code: 401, message: 'Invalid credentials' });
		const result = await run({ parameters: getDelivery('1') });
		expect(result.error?.message).toMatch(/refused the access token \(401\)/);
		expect(result.error?.httpCode).toBe('401');
		expect(tokens.calls).toBe(2);
	});

	test('explains a wrong client ID or secret, asking CoopCycle only once for all items', async () => {
		let tokenCalls = 0;
		nock(INSTANCE)
			.post('/oauth2/token')
			.times(10)
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
			expect(item.json.error).toMatch(/refused the client ID or client secret \(invalid_client\)/);
			expect(JSON.stringify(item.json)).not.toContain('shop-secret-value');
		}
		expect(tokenCalls).toBe(1);
	});

	test('explains a scope the API app was not granted', async () => {
		nock(INSTANCE)
			.post('/oauth2/token')
			.reply(400, { error: 'invalid_scope', error_description: 'The requested scope is invalid', message: 'x' });
		const result = await run({ parameters: getDelivery('1') });
		expect(result.error?.message).toMatch(/refused the scopes .*invalid_scope/);
		expect(result.error?.description).toMatch(/Scope field/);
	});
});
