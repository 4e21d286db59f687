import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const PRODUCTION_URL = 'https://api.covoiturage.beta.gouv.fr';
const PREPRODUCTION_URL = 'https://api.demo.covoiturage.beta.gouv.fr';

/**
 * The URL every registry request starts with, from what the user entered in the Covoiturage API credential: its
 * environment (or custom URL, without trailing slashes) and its API version. The same rule as the credential's
 * own base URL; nodes that send their own requests (the trigger) read it here rather than from a field of the
 * credential.
 */
export function registryBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = credentials.environment ?? 'production';
	const server =
		environment === 'custom'
			? String(credentials.customUrl ?? '')
					.trim()
					.replace(/\/+$/, '')
			: environment === 'preproduction'
				? PREPRODUCTION_URL
				: PRODUCTION_URL;
	return `${server}/${String(credentials.apiVersion ?? 'v3.3')}`;
}
