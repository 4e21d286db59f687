import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	PREPRODUCTION_URL,
	PRODUCTION_URL,
	registryBaseUrlOf,
	registryServerOf,
} from '../nodes/Covoiturage/shared/baseUrl';
import {
	ACCESS_TOKEN_FIELD,
	preAuthenticate,
	tokenToSend,
	withAccess,
	type TokenExchange,
	type TokenFailureWords,
} from '../nodes/shared/accessToken';
import { maxInFlightOf, maxRequestsAtOnceField } from '../nodes/shared/serverGate';

/** The registry's answers to a token request that gave no token, as sentences naming what to check. */
function tokenFailure(baseUrl: string): TokenFailureWords {
	return {
		unreachable: (reason) => ({
			message: `Could not reach the registry at ${baseUrl} to get an access token: ${reason}`,
			description: 'Check the environment (or custom URL) of the Covoiturage API credential, and the network of n8n.',
		}),
		refused: ({ status, body, attempts }) => {
			const waited = attempts > 1 ? ` after ${attempts} attempts` : '';
			switch (status) {
				case 401:
					return {
						message:
							'The registry refused the access key and secret key (401). Check both in the Covoiturage API credential, or create a new key pair in the registry app.',
						description:
							'Production and pre-production have separate accounts: the key pair must belong to the chosen environment.',
					};
				case 404:
					return {
						message:
							'Nothing answers at this address (404): check the environment, custom URL and API version of the Covoiturage API credential.',
					};
				case 429:
					return {
						message: `The registry allows only 5 access-token requests a minute and still refused${waited} (429). Wait a minute and run again.`,
						description: 'Another n8n (or another program) may be using the same key pair: each token request counts.',
					};
				case 502:
				case 503:
				case 504:
					return {
						message: `The registry is unavailable (${status}), probably for maintenance, and still was${waited}. Nothing was sent: run again later.`,
					};
				default: {
					const said = typeof body === 'string' ? body : JSON.stringify(body ?? '');
					return {
						message: `The registry answered the access-token request with an error (${status}${said ? `: ${said.slice(0, 200)}` : ''}). Nothing was sent: run again later.`,
						description: status < 300 ? 'The answer had no access_token.' : undefined,
					};
				}
			}
		},
	};
}

/** Everything that uses the same server and key pair in one n8n process shares one token. */
function tokenKey(credentials: ICredentialDataDecryptedObject): string {
	const { accessKey, secretKey } = credentials;
	return `covoiturage|${registryBaseUrlOf(credentials)}|${String(accessKey)}|${String(secretKey)}`;
}

function tokenExchange(credentials: ICredentialDataDecryptedObject): TokenExchange {
	const baseUrl = registryBaseUrlOf(credentials);
	return {
		key: tokenKey(credentials),
		request: {
			method: 'POST',
			url: `${baseUrl}/auth/access_token`,
			body: { access_key: credentials.accessKey, secret_key: credentials.secretKey },
			json: true,
		},
		failure: tokenFailure(baseUrl),
		// The registry answers only the token, a JWT whose `exp` says when it dies; 5 minutes is its documented lifetime.
		lifetimeSeconds: 300,
		server: { url: registryServerOf(credentials), maxInFlight: maxInFlightOf(credentials) },
	};
}

export class CovoiturageApi implements ICredentialType {
	name = 'covoiturageApi';

	displayName = 'Covoiturage API';

	icon: Icon = { light: 'file:../icons/covoiturage.svg', dark: 'file:../icons/covoiturage.dark.svg' };

	documentationUrl =
		'https://github.com/coopcycle-covoiturage/n8n-nodes-coopcycle-covoiturage/tree/main/packages/covoiturage#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: PRODUCTION_URL },
				{ name: 'Pre-Production', value: 'preproduction', description: PREPRODUCTION_URL },
				{ name: 'Custom URL', value: 'custom', description: 'A sandbox or test server' },
			],
			default: 'production',
			description:
				'Which registry: Production for real journeys, Pre-Production for your tests. They have separate accounts: the keys (or token) must come from the same environment.',
		},
		{
			displayName: 'Custom URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			description: 'Address of the server, without the API version',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{ name: 'v3.3', value: 'v3.3' },
				{ name: 'v3.2', value: 'v3.2' },
			],
			default: 'v3.3',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Access Key + Secret Key',
					value: 'accessKey',
					description: 'A key pair exchanged for a 5-minute access token, as the registry recommends',
				},
				{
					name: 'Application Token (Deprecated)',
					value: 'applicationToken',
					description:
						'The long-lived token created in the registry app (Administration → API). The registry deprecates it.',
				},
			],
			default: 'accessKey',
			description:
				'Prefer Access Key + Secret Key, as the registry recommends. The application token is the older way, which the registry deprecates.',
		},
		{
			displayName: 'Application Token',
			name: 'applicationToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Deprecated by the registry: prefer Access Key + Secret Key. An operator administrator creates an application in the registry app (Administration → API) and copies its token, which does not expire.',
			displayOptions: { show: { authentication: ['applicationToken'] } },
		},
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			description:
				'From the registry’s web app (app.covoiturage.beta.gouv.fr; Pre-Production has its own): an operator administrator creates an API key pair (identifiants d’API), which gives this access key and its secret key',
			displayOptions: { show: { authentication: ['accessKey'] } },
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Created with the access key. The registry app shows it only once, when the key pair is created: if it was not copied then, create a new key pair.',
			displayOptions: { show: { authentication: ['accessKey'] } },
		},
		maxRequestsAtOnceField(
			'the registry',
			'The registry is a large service: raise it (for example to 32) to send big batches faster; its rate limits are respected either way.',
		),
		// Used by the key-pair mode only.
		ACCESS_TOKEN_FIELD,
	];

	/**
	 * n8n calls this when the stored access token is empty, when the API answered 401 to it, and when the
	 * credential is tested (see nodes/shared/accessToken.ts). The application token needs none of it.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication !== 'accessKey') return {};
		return await preAuthenticate(this, credentials, tokenExchange(credentials));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token =
			credentials.authentication === 'accessKey'
				? tokenToSend(credentials, tokenKey(credentials))
				: String(credentials.applicationToken ?? '');
		return withAccess(requestOptions, registryBaseUrlOf(credentials), token);
	}

	// Listing one journey id only reads: it proves the URL, the version and the token without changing anything.
	test: ICredentialTestRequest = {
		request: {
			url: '/journeys',
			qs: { status: 'ok', limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The registry rejected the token (401): its application may have been deleted in the registry app. Check the application token or the key pair.',
				},
			},
			{
				// accessTokenMiddleware.ts + errorHandlerMiddleware.ts: a malformed token, or one signed for the other
				// environment, is answered 500.
				type: 'responseCode',
				properties: {
					value: 500,
					message:
						'The registry could not verify the token (500): it answers this for a malformed token and for a token of the other environment (a production token on pre-production, or the reverse). Check the environment, and the application token or key pair.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The registry refused access (403): the token is missing or its application has no right to read journeys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Nothing answers at this address: check the environment, custom URL and API version.',
				},
			},
		],
	};
}
