import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { preAuthenticate, tokenToSend, type TokenExchange } from '../nodes/accessToken';

/**
 * The shared token cache on its own, with a token route that answers numbered tokens. (The routing tests of each
 * credential run it through n8n's engine; these pin the rules that decide which token goes out.)
 */
const NOW = Date.parse('2026-11-24T08:00:00Z');
let keyCount = 0;

function tokenRoute(answer: (n: number) => Record<string, unknown>) {
	const calls: IHttpRequestOptions[] = [];
	const helper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push(options);
				return { statusCode: 201, headers: {}, body: answer(calls.length) };
			},
		},
	} as unknown as IHttpRequestHelper;
	// A key of its own per test: the cache lives as long as the module.
	const exchange: TokenExchange = {
		key: `test|${++keyCount}`,
		request: { method: 'POST', url: 'https://registry.test/v3.3/auth/access_token' },
		failure: { unreachable: () => ({ message: 'unreachable' }), refused: () => ({ message: 'refused' }) },
		lifetimeSeconds: 300,
	};
	return { calls, helper, exchange };
}

const jwt = (payload: object) =>
	['{"alg":"RS256"}', JSON.stringify(payload), 'signature'].map((part) => Buffer.from(part).toString('base64url')).join('.');

beforeEach(() => {
	jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
});

afterEach(() => {
	jest.useRealTimers();
});

describe('shared access token', () => {
	it('only the call that fetched a token returns it, so n8n stores it once; the others send the cached one', async () => {
		const { calls, helper, exchange } = tokenRoute((n) => ({ access_token: `token-${n}`, expires_in: 3600 }));
		const items = Array.from({ length: 5 }, (): ICredentialDataDecryptedObject => ({ accessToken: '' }));
		const results = await Promise.all(items.map(async (credentials) => await preAuthenticate(helper, credentials, exchange)));
		expect(calls).toHaveLength(1);
		expect(results.filter((result) => result.accessToken === 'token-1')).toHaveLength(1);
		expect(results.filter((result) => result.accessToken === undefined)).toHaveLength(4);
		expect(items.map((credentials) => tokenToSend(credentials, exchange.key))).toEqual(Array(5).fill('token-1'));
	});

	it('a 401 is blamed on the token the request carried, not on the older one n8n stored', async () => {
		const { calls, helper, exchange } = tokenRoute((n) => ({ access_token: `token-${n}`, expires_in: 3600 }));
		await preAuthenticate(helper, { accessToken: '' }, exchange);
		// Another worker stored its own token; this process sends its cached one, and the registry refuses it.
		const credentials: ICredentialDataDecryptedObject = { accessToken: 'token-of-another-worker' };
		expect(tokenToSend(credentials, exchange.key)).toBe('token-1');
		expect(await preAuthenticate(helper, credentials, exchange)).toEqual({ accessToken: 'token-2' });
		expect(tokenToSend(credentials, exchange.key)).toBe('token-2');
		expect(calls).toHaveLength(2);
	});

	it('never hands out a token past its lifetime (expires_in), less a margin', async () => {
		const { calls, helper, exchange } = tokenRoute((n) => ({ access_token: `token-${n}`, expires_in: 60 }));
		await preAuthenticate(helper, { accessToken: '' }, exchange);
		jest.setSystemTime(NOW + 53_000);
		expect(tokenToSend({ accessToken: 'stored' }, exchange.key)).toBe('token-1');
		// 6 s (a tenth of its life) before it dies, the cached token is no longer sent: the stored one goes out, and
		// when it is refused a new token is fetched rather than the dying one handed back.
		jest.setSystemTime(NOW + 55_000);
		const credentials: ICredentialDataDecryptedObject = { accessToken: 'stored' };
		expect(tokenToSend(credentials, exchange.key)).toBe('stored');
		expect(await preAuthenticate(helper, credentials, exchange)).toEqual({ accessToken: 'token-2' });
		expect(calls).toHaveLength(2);
	});

	it('reads the lifetime from the JWT exp claim when the answer has no expires_in (the registry)', async () => {
		const issuedAt = NOW / 1000;
		const { calls, helper, exchange } = tokenRoute((n) => ({ access_token: jwt({ n, iat: issuedAt, exp: issuedAt + 120 }) }));
		await preAuthenticate(helper, { accessToken: '' }, exchange);
		jest.setSystemTime(NOW + 107_000);
		expect(tokenToSend({ accessToken: '' }, exchange.key)).not.toBe('');
		jest.setSystemTime(NOW + 109_000);
		expect(tokenToSend({ accessToken: '' }, exchange.key)).toBe('');
		expect(await preAuthenticate(helper, { accessToken: '' }, exchange)).toHaveProperty('accessToken');
		expect(calls).toHaveLength(2);
	});

	it('falls back on the service lifetime for a token that says nothing of it', async () => {
		const { helper, exchange } = tokenRoute(() => ({ access_token: 'opaque' }));
		await preAuthenticate(helper, { accessToken: '' }, exchange);
		jest.setSystemTime(NOW + 269_000);
		expect(tokenToSend({ accessToken: '' }, exchange.key)).toBe('opaque');
		jest.setSystemTime(NOW + 271_000);
		expect(tokenToSend({ accessToken: '' }, exchange.key)).toBe('');
	});
});
