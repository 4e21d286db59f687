import type { IDataObject } from 'n8n-workflow';

/**
 * An API answer as an object: n8n hands a body over as text when it was not sent as JSON, and as anything else
 * when it is not an object. Never throws.
 */
export function objectOf(body: unknown): IDataObject {
	if (typeof body === 'string') {
		try {
			return objectOf(JSON.parse(body));
		} catch {
			return {};
		}
	}
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
}
