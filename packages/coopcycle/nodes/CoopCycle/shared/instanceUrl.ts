import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The address of the cooperative's CoopCycle site, from the credential's Instance URL as the user typed it:
 * spaces and trailing slashes removed, `https://` added when only the host was typed.
 */
export function instanceUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const typed = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	return /^https?:\/\//i.test(typed) ? typed : `https://${typed}`;
}
