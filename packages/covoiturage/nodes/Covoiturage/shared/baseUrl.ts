import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const PRODUCTION_URL = 'https://api.covoiturage.beta.gouv.fr';
export const PREPRODUCTION_URL = 'https://api.demo.covoiturage.beta.gouv.fr';

/** The URL every registry request starts with: the credential's environment (or custom URL) and API version. */
export function registryBaseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const server =
		credentials.environment === 'custom'
			? String(credentials.customUrl ?? '')
					.trim()
					.replace(/\/+$/, '')
			: credentials.environment === 'preproduction'
				? PREPRODUCTION_URL
				: PRODUCTION_URL;
	return `${server}/${String(credentials.apiVersion ?? 'v3.3')}`;
}
