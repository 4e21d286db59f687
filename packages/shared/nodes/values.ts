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

/** A field's value as text, trimmed; '' for nothing. */
export function textOf(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Numbers from fields may arrive as text when mapped from a previous node ("1500"): other values stay as they are. */
export function numberOf(value: unknown): IDataObject[string] {
	if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
	return value as IDataObject[string];
}
