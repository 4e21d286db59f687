// OAuth2 client credentials as CoopCycle (league/oauth2-server) runs them at POST /oauth2/token: Basic client
// authentication, scopes checked against the ones granted (invalid_scope), tokens that expire (401 on the API
// afterwards), no refresh token.
import { HttpError, hydraError } from './http.mjs';

const KNOWN_SCOPES = ['deliveries', 'tasks', 'tasks:all', 'orders', 'orders:all'];

/** The token route and the token check of the API routes. */
export function oauth(state, { clients, tokenTtlSeconds, tokenUses }) {
	const { counters, tokens } = state;

	function issueToken(body, authorization) {
		state.stats.tokenCalls++;
		const form = new URLSearchParams(body);
		let [clientId, clientSecret] = [form.get('client_id'), form.get('client_secret')];
		if (authorization?.startsWith('Basic ')) {
			[clientId, clientSecret] = Buffer.from(authorization.slice(6), 'base64').toString().split(':');
			[clientId, clientSecret] = [decodeURIComponent(clientId ?? ''), decodeURIComponent(clientSecret ?? '')];
		}
		const oauthError = (status, error, description) =>
			new HttpError(status, { error, error_description: description, message: description });
		if (form.get('grant_type') !== 'client_credentials') {
			throw oauthError(
				400,
				'unsupported_grant_type',
				'The authorization grant type is not supported by the authorization server.',
			);
		}
		const client = clients.find((c) => c.clientId === clientId && c.clientSecret === clientSecret);
		if (!client) throw oauthError(401, 'invalid_client', 'Client authentication failed');
		const asked = (form.get('scope') ?? 'deliveries').split(/[\s+]+/).filter(Boolean);
		if (asked.some((scope) => !KNOWN_SCOPES.includes(scope) || !client.scopes.includes(scope))) {
			throw oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed');
		}
		const accessToken = `sandbox-token-${++counters.token}-${Math.random().toString(36).slice(2)}`;
		tokens.set(accessToken, { client, scopes: asked, expiresAt: Date.now() + tokenTtlSeconds * 1000, uses: 0 });
		return { token_type: 'Bearer', expires_in: tokenTtlSeconds, access_token: accessToken };
	}

	function authenticate(request) {
		const header = request.headers.authorization ?? '';
		const token = header.startsWith('Bearer ') ? tokens.get(header.slice(7)) : undefined;
		if (!token || token.expiresAt <= Date.now() || token.uses >= tokenUses) {
			throw new HttpError(401, { code: 401, message: 'An authentication exception occurred.' });
		}
		token.uses++;
		return token;
	}

	const needScope = (auth, scope) => {
		if (!auth.scopes.includes(scope)) throw hydraError(403, 'Access Denied.');
	};

	return { issueToken, authenticate, needScope };
}
