import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The instance address as an expression over `source` (e.g. `$self["baseUrl"]`): spaces and trailing slashes
 * removed, `https://` added when the user typed only the host. Shared by the token URL and the node's requests.
 */
export function instanceUrlExpression(source: string): string {
	return `(/^https?:\\/\\//i.test(String(${source} || "").trim()) ? "" : "https://") + String(${source} || "").trim().replace(/\\/+$/, "")`;
}

/**
 * CoopCycle gives each shop an OAuth2 "API app" tied to its store; the app uses the client-credentials grant
 * (no user login, no refresh token). n8n's OAuth2 engine fetches the token, stores it with the credential,
 * reuses it and fetches a new one when CoopCycle answers 401.
 */
export class CoopCycleOAuth2Api implements ICredentialType {
	name = 'coopCycleOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'CoopCycle OAuth2 API';

	icon: Icon = { light: 'file:../icons/coopcycle.svg', dark: 'file:../icons/coopcycle.dark.svg' };

	documentationUrl =
		'https://github.com/coopcycle-covoiturage/n8n-nodes-coopcycle-covoiturage#coopcycle-oauth2-api-credential';

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
				'Permissions to ask for, separated by spaces. Ask only for those the administrator granted to the API app: "deliveries" (deliveries, prices, time slots), "tasks" (your store’s tasks), "tasks:all" (every task of the cooperative, for Task → Get Many).',
		},
		// The fields below configure n8n's OAuth2 engine for CoopCycle; the user never needs to change them.
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'clientCredentials',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${instanceUrlExpression('$self["baseUrl"]')} + "/oauth2/token" }}`,
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// CoopCycle expects the client ID and secret as HTTP Basic authentication on the token request.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];

	// `/api/me` tells which API app (and store) the client is: the cheapest call that proves URL, ID, secret and scope.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${instanceUrlExpression('$credentials.baseUrl')} }}`,
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
			// n8n accepts both kinds of rule in one list at run time; its type only describes them separately.
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'store',
					value: null,
					message:
						'The credentials work, but this API app is not linked to a store. Ask the cooperative’s administrator to link it to your store.',
				},
			},
		] as ICredentialTestRequest['rules'],
	};
}
