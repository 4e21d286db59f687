import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const PRODUCTION_URL = 'https://api.covoiturage.beta.gouv.fr';
export const PREPRODUCTION_URL = 'https://api.demo.covoiturage.beta.gouv.fr';

/**
 * The registry's server: the credential's environment (or custom URL). Its rate limits and the bound on requests
 * in flight are the server's, whatever the API version.
 */
export function registryServerOf(credentials: ICredentialDataDecryptedObject): string {
	return credentials.environment === 'custom'
		? String(credentials.customUrl ?? '')
				.trim()
				.replace(/\/+$/, '')
		: credentials.environment === 'preproduction'
			? PREPRODUCTION_URL
			: PRODUCTION_URL;
}

/** The URL every registry request starts with: the credential's environment (or custom URL) and API version. */
export function registryBaseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return `${registryServerOf(credentials)}/${String(credentials.apiVersion ?? 'v3.3')}`;
}
