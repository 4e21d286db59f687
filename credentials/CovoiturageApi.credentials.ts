import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const PRODUCTION_URL = 'https://api.covoiturage.beta.gouv.fr';
const PREPRODUCTION_URL = 'https://api.demo.covoiturage.beta.gouv.fr';

/**
 * Access tokens obtained from an access key + secret key pair, shared by every item and execution of this
 * n8n process. The registry allows only 5 token requests a minute per client, so a token is asked for once
 * and reused until the API rejects it; concurrent requests wait for the same token request.
 */
interface CachedToken {
	token?: string;
	pending?: Promise<string>;
}
const tokenCache = new Map<string, CachedToken>();

function tokenCacheKey(credentials: ICredentialDataDecryptedObject): string {
	return `${String(credentials.baseUrl)}|${String(credentials.accessKey)}|${String(credentials.secretKey)}`;
}

async function requestAccessToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	let response: IDataObject;
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: `${String(credentials.baseUrl)}/auth/access_token`,
			body: { access_key: credentials.accessKey, secret_key: credentials.secretKey },
			json: true,
		})) as IDataObject;
	} catch (error) {
		const status = (error as { response?: { status?: number } }).response?.status ?? (error as IDataObject).httpCode;
		if (String(status) === '401') {
			throw new Error(
				'The registry refused the access key and secret key (401). Check both in the Covoiturage API credential, or create a new key pair in the registry app.',
			);
		}
		if (String(status) === '429') {
			throw new Error(
				'The registry allows only 5 access-token requests a minute and this limit was reached (429). Wait a minute and run again.',
			);
		}
		throw new Error(
			`Could not get an access token from the registry (${String(status ?? (error as Error).message)}). Check the environment and URL of the Covoiturage API credential.`,
		);
	}
	const token = response?.access_token;
	if (typeof token !== 'string' || token === '') {
		throw new Error('The registry answered the access-token request without an access_token.');
	}
	return token;
}

export class CovoiturageApi implements ICredentialType {
	name = 'covoiturageApi';

	displayName = 'Covoiturage API';

	icon: Icon = { light: 'file:../icons/covoiturage.svg', dark: 'file:../icons/covoiturage.dark.svg' };

	documentationUrl =
		'https://github.com/coopcycle-covoiturage/n8n-nodes-coopcycle-covoiturage#covoiturage-api-credential';

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
		},
		{
			displayName: 'Application Token',
			name: 'applicationToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['applicationToken'] } },
		},
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessKey'] } },
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['accessKey'] } },
		},
		{
			// The URL every request starts with, derived from the fields above so that nodes need not repeat it.
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'hidden',
			default: `={{ ($self["environment"] === "custom" ? String($self["customUrl"] || "").trim().replace(/\\/+$/, "") : $self["environment"] === "preproduction" ? "${PREPRODUCTION_URL}" : "${PRODUCTION_URL}") + "/" + $self["apiVersion"] }}`,
		},
		{
			// Filled by preAuthentication for the key-pair mode; n8n stores it and empties it when the API says 401.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * n8n calls this when the stored access token is empty, when the API answered 401 to it, and when the
	 * credential is tested. A non-empty token here therefore means it was rejected: ask for a new one, unless
	 * another request of this process already replaced it.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication !== 'accessKey') return {};
		const key = tokenCacheKey(credentials);
		const entry = tokenCache.get(key) ?? {};
		tokenCache.set(key, entry);
		const rejected = credentials.accessToken ? String(credentials.accessToken) : undefined;
		if (entry.token && entry.token !== rejected) return { accessToken: entry.token };
		if (!entry.pending) {
			entry.pending = requestAccessToken(this, credentials).then(
				(token) => {
					entry.token = token;
					entry.pending = undefined;
					return token;
				},
				(error: Error) => {
					entry.pending = undefined;
					throw error;
				},
			);
		}
		return { accessToken: await entry.pending };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'={{ "Bearer " + ($credentials.authentication === "accessKey" ? $credentials.accessToken : $credentials.applicationToken) }}',
			},
		},
	};

	// Listing one journey id only reads: it proves the URL, the version and the token without changing anything.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl }}',
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
