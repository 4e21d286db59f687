import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { instanceUrlOf } from '../nodes/CoopCycle/shared/instanceUrl';
import {
	ACCESS_TOKEN_FIELD,
	preAuthenticate,
	tokenToSend,
	withAccess,
	type TokenExchange,
	type TokenFailureWords,
} from '../nodes/shared/accessToken';
import { maxInFlightOf, maxRequestsAtOnceField } from '../nodes/shared/serverGate';
import { objectOf } from '../nodes/shared/values';

/** CoopCycle's answers to a token request that gave no token, as sentences naming what to check. */
function tokenFailure(instanceUrl: string): TokenFailureWords {
	return {
		unreachable: (reason) => ({
			message: `Could not reach CoopCycle at ${instanceUrl}: ${reason}`,
			description:
				'Check the Instance URL of the CoopCycle OAuth2 API credential (for example https://acme.coopcycle.org), and that the site is up.',
		}),
		refused: ({ status, body, attempts }) => {
			const error = objectOf(body).error;
			const code = typeof error === 'string' ? error : undefined;
			if (code === 'invalid_client') {
				return {
					message: 'CoopCycle refused the client ID or client secret (invalid_client)',
					description:
						'Check both in the CoopCycle OAuth2 API credential. They come from the API app the cooperative’s administrator created for your store.',
				};
			}
			if (code === 'invalid_scope') {
				return {
					message: 'CoopCycle refused the scopes asked for by the credential (invalid_scope)',
					description:
						'The credential’s Scope field asks for a permission the API app was not granted. Remove it (e.g. keep "deliveries tasks") or ask the administrator to grant it.',
				};
			}
			if (status === 404) {
				return {
					message: 'No CoopCycle answers at this address (404 on /oauth2/token)',
					description:
						'Check the Instance URL of the CoopCycle OAuth2 API credential (for example https://acme.coopcycle.org).',
				};
			}
			if (status === 429 || status >= 500) {
				return {
					message: `CoopCycle could not give an access token (${status})${attempts > 1 ? `, even after ${attempts} attempts` : ''}`,
					description:
						'A problem on the CoopCycle side, or too many requests at once. Nothing was sent: run again later; if it persists, tell the cooperative.',
				};
			}
			return {
				message: `CoopCycle refused the access-token request (${status}${code ? `: ${code}` : ''})`,
				description:
					'Check the Instance URL, client ID, client secret and scope of the CoopCycle OAuth2 API credential.',
			};
		},
	};
}

/** The scopes as CoopCycle expects them: separated by single spaces. */
function scopeOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.scope ?? '')
		.trim()
		.split(/\s+/)
		.filter(Boolean)
		.join(' ');
}

/** Everything that uses the same instance, client and scopes in one n8n process shares one token. */
function tokenKey(credentials: ICredentialDataDecryptedObject): string {
	const { clientId, clientSecret } = credentials;
	return `coopcycle|${instanceUrlOf(credentials)}|${String(clientId)}|${String(clientSecret)}|${scopeOf(credentials)}`;
}

function tokenExchange(credentials: ICredentialDataDecryptedObject): TokenExchange {
	const instanceUrl = instanceUrlOf(credentials);
	const clientId = String(credentials.clientId ?? '');
	const clientSecret = String(credentials.clientSecret ?? '');
	return {
		key: tokenKey(credentials),
		request: {
			method: 'POST',
			url: `${instanceUrl}/oauth2/token`,
			// CoopCycle (league/oauth2-server) reads the client from HTTP Basic authentication.
			auth: { username: clientId, password: clientSecret },
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			// Always name the scopes: without them CoopCycle grants only "deliveries".
			body: `grant_type=client_credentials&scope=${encodeURIComponent(scopeOf(credentials))}`,
		},
		failure: tokenFailure(instanceUrl),
		// CoopCycle answers expires_in (3600): this is only a fallback.
		lifetimeSeconds: 3600,
		server: { url: instanceUrl, maxInFlight: maxInFlightOf(credentials) },
	};
}

/**
 * CoopCycle gives each shop an OAuth2 "API app" tied to its store; the app uses the client-credentials grant
 * (no user login, no refresh token, 1-hour tokens). The token is fetched here rather than by n8n's OAuth2
 * engine, which on n8n 1.x fetches one token per item when a token is refused mid-run: through the shared token
 * cache (nodes/shared/accessToken.ts) every n8n version asks CoopCycle once, and retries a busy token route.
 */
export class CoopCycleOAuth2Api implements ICredentialType {
	name = 'coopCycleOAuth2Api';

	displayName = 'CoopCycle OAuth2 API';

	icon: Icon = { light: 'file:../icons/coopcycle.svg', dark: 'file:../icons/coopcycle.dark.svg' };

	documentationUrl =
		'https://github.com/coopcycle-covoiturage/n8n-nodes-coopcycle-covoiturage/tree/main/packages/coopcycle#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://acme.coopcycle.org',
			description: 'Address of your cooperative’s CoopCycle site, as you open it in a browser',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Given by the cooperative’s CoopCycle administrator when they create an API app (type OAuth) for your store',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Given with the client ID. Keep it secret: anyone who has it can order deliveries for your store.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'deliveries tasks',
			description:
				'Permissions to ask for, separated by spaces. Ask only for those the administrator granted to the API app. A store’s API app (made in Administration → API) may have "deliveries" (deliveries, prices, time slots), "tasks" (your store’s tasks), "tasks:all" (every task of the cooperative, for Task → Get Many) and "orders:all" (every order of the cooperative, for Order → Get Many). A restaurant’s API app (made from the restaurant’s page) has "orders" only: put "orders" (Order Created, Order → Get and Accept).',
		},
		maxRequestsAtOnceField(
			'this CoopCycle site',
			'8 suits a small cooperative’s server, which handles about 8 requests at a time (beyond that it makes them wait, and gives up on some while still doing them). Raise it only if the cooperative tells you its server handles more.',
		),
		ACCESS_TOKEN_FIELD,
	];

	/**
	 * n8n calls this when the stored access token is empty, when CoopCycle answered 401 to it, and when the
	 * credential is tested (see nodes/shared/accessToken.ts).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await preAuthenticate(this, credentials, tokenExchange(credentials));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withAccess(requestOptions, instanceUrlOf(credentials), tokenToSend(credentials, tokenKey(credentials)));
	}

	// `/api/me` tells which API app the client is: the cheapest call that proves URL, ID, secret and scope. It is
	// not refused when its `store` is null: a restaurant's API app has a `shop` instead (features/authentication.feature,
	// "for shop"), for the trigger's Order Created, and n8n's rules can only compare one key. The operations that
	// need a store say so when it is missing.
	test: ICredentialTestRequest = {
		request: {
			url: '/api/me',
			headers: { Accept: 'application/ld+json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'CoopCycle refused the access token (401). Check the client ID and secret, and that the API app is of type OAuth.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'CoopCycle refused access (403). Ask the cooperative’s administrator to check the API app’s scopes and store.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No CoopCycle API answers at this address (404). Check the Instance URL (for example https://acme.coopcycle.org).',
				},
			},
		] as ICredentialTestRequest['rules'],
	};
}
