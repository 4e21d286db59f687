// Tokens shaped as the registry's, checked as its middlewares check them, and its key-pair token route.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { middlewareError, rpcError, send } from './http.mjs';

// Tokens, shaped as the registry's: application tokens are HS256 JWTs signed with the server's secret
// (providers/token/TokenProvider.ts, payload {a: application uuid, o: operator id, s, p, v}); access tokens from
// the key pair are RS256 JWTs of the registry's Dex, checked against its key set (DexOIDCProvider.ts).
const APPLICATION_SECRET = 'sandbox-application-secret';
const SANDBOX_APPLICATION_UUID = '6a0b2a3e-5d0e-4d0e-9c1a-5a2d1f000001';
export const SANDBOX_OPERATOR_ID = 1;
const DEX_KEY_ID = 'sandbox-dex-key';
const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const hmac = (text, secret) => createHmac('sha256', secret).update(text).digest('base64url');

function applicationToken(payload, secret = APPLICATION_SECRET) {
	const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}`;
	return `${unsigned}.${hmac(unsigned, secret)}`;
}

export const SANDBOX_APPLICATION_TOKEN = applicationToken({ a: SANDBOX_APPLICATION_UUID, o: 1, s: 'operator', p: [], v: 2 });
export const SANDBOX_ACCESS_KEY = 'sandbox-access-key';
export const SANDBOX_SECRET_KEY = 'sandbox-secret-key';

/** Tokens the registry refuses, each answered as its code does (see verifyToken below). */
export const SANDBOX_BAD_TOKENS = {
	/** Not a JWT at all (a copy-paste gone wrong): 500 JWSInvalid. */
	malformed: 'paste-your-token-here',
	/** An application token of the other environment (signed with its secret), e.g. production on pre-production: 500 JsonWebTokenError. */
	otherEnvironment: applicationToken({ a: SANDBOX_APPLICATION_UUID, o: 1, s: 'operator', p: [], v: 2 }, 'the-other-environment-secret'),
	/** An access token of the other environment's Dex (a key this registry does not know): 500 JWKSNoMatchingKey. */
	otherEnvironmentAccessToken: `${base64url({ alg: 'RS256', kid: 'other-dex-key', typ: 'JWT' })}.${base64url({ name: 'operator.application:1' })}.${base64url('signature')}`,
	/** A valid application token whose application was deleted in the registry app: 401. */
	revoked: applicationToken({ a: '6a0b2a3e-5d0e-4d0e-9c1a-5a2d1f00dead', o: 1, s: 'operator', p: [], v: 2 }),
};

/** The token check of the API routes and the token route, on the sandbox's `state`. */
export function tokenRoutes(state, { tokenTtlSeconds, tokenRateLimit, tokenWindowSeconds, tokenUses }) {
	/**
	 * proxy/middlewares/authGuard.ts → accessTokenMiddleware.ts: only when an Authorization header is present
	 * (without one, the route's permission check answers 403). The token is first checked as a Dex access token
	 * (jose jwtVerify against the key set); only jose's "not supported" error (an HS256 token) falls back to the
	 * deprecated application-token check. Returns false when it answered.
	 */
	function verifyToken(req, res) {
		const header = req.headers.authorization;
		if (!header) return true;
		const token = String(header).replace('Bearer ', '');
		// UnauthorizedException("Empty token provided"): its message is "Unauthorized Error", its name "Error".
		if (!token.length) return middlewareError(res, 'Error', 'Unauthorized Error'), false;
		const parts = token.split('.');
		if (parts.length !== 3) return middlewareError(res, 'JWSInvalid', 'Invalid Compact JWS'), false;
		let protectedHeader;
		try {
			protectedHeader = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
		} catch {
			return middlewareError(res, 'JWSInvalid', 'JWS Protected Header is invalid'), false;
		}
		const { alg, kid } = protectedHeader ?? {};
		if (typeof alg !== 'string' || !alg) return middlewareError(res, 'JWSInvalid', 'JWS "alg" (Algorithm) Header Parameter missing or invalid'), false;

		if (!/^(RS|PS|ES|Ed)/.test(alg)) {
			// legacyTokenMiddleware → TokenProvider.verify (jsonwebtoken, ignoreExpiration: application tokens never expire).
			const expected = hmac(`${parts[0]}.${parts[1]}`, APPLICATION_SECRET);
			if (alg !== 'HS256' || parts[2].length !== expected.length || !timingSafeEqual(Buffer.from(parts[2]), Buffer.from(expected))) {
				return middlewareError(res, 'JsonWebTokenError', 'invalid signature'), false;
			}
			const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
			if (!payload.a || !payload.o) return middlewareError(res, 'Error', 'Forbidden Error'), false;
			// checkApplication: a deleted (revoked) application → UnauthorizedException("Unauthorized application").
			if (payload.a !== SANDBOX_APPLICATION_UUID) return middlewareError(res, 'Error', 'Unauthorized Error'), false;
			return true;
		}
		// DexOIDCProvider.verifyToken: the key set has one key; a token it did not sign fails its signature; an
		// expired one is the only 401 (JWTExpired → UnauthorizedException).
		if (kid !== DEX_KEY_ID) return middlewareError(res, 'JWKSNoMatchingKey', 'no applicable key found in the JSON Web Key Set'), false;
		const issued = state.tokens.get(token);
		if (issued === undefined) return middlewareError(res, 'JWSSignatureVerificationFailed', 'signature verification failed'), false;
		// Expired (or, in tests, used up: tokenUses) → 401.
		if (issued.expiry < Date.now() || issued.uses >= tokenUses) return middlewareError(res, 'Error', 'Unauthorized Error'), false;
		issued.uses++;
		return true;
	}

	function createToken(body, res) {
		// api/src/pdc/services/auth/actions/CreateAccessTokenAction.ts: rate limiter "rl-auth", 5 a minute
		// (express-rate-limit: a 429 with Retry-After until the window frees a place).
		const now = Date.now();
		const windowMs = tokenWindowSeconds * 1000;
		state.tokenCalls++;
		state.tokenCallTimes = state.tokenCallTimes.filter((time) => time > now - windowMs);
		if (state.tokenCallTimes.length >= tokenRateLimit) {
			state.tokenRateLimited++;
			const retryAfter = Math.ceil((state.tokenCallTimes[0] + windowMs - now) / 1000);
			return send(res, 429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': String(retryAfter) });
		}
		state.tokenCallTimes.push(now);
		if (body?.access_key !== SANDBOX_ACCESS_KEY || body?.secret_key !== SANDBOX_SECRET_KEY) {
			return send(res, 401, rpcError(-32501, 'Unauthorized Error', 'Invalid access key or secret key'));
		}
		const token = `${base64url({ alg: 'RS256', kid: DEX_KEY_ID, typ: 'JWT' })}.${base64url({ name: 'operator.application:1', iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + tokenTtlSeconds })}.${randomBytes(32).toString('base64url')}`;
		state.tokens.set(token, { expiry: now + tokenTtlSeconds * 1000, uses: 0 });
		send(res, 201, { access_token: token });
	}

	return { verifyToken, createToken };
}
