import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { ID_FIELDS, type IdField } from './ids';

/** An id field that takes a number, an IRI or a URL (see ids.ts). */
export function idField(name: IdField, displayOptions: IDisplayOptions, what: string): INodeProperties {
	const collection = ID_FIELDS[name].collections[0];
	return {
		displayName: ID_FIELDS[name].label,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: `12 or /api/${collection}/12`,
		description: `The ${what}: its number, its IRI as found in CoopCycle’s answers (/api/${collection}/12) or its URL`,
		displayOptions,
	};
}

/** What Simplify leaves out of CoopCycle's answers (see simplify in requests.ts). */
export const SIMPLIFY_DESCRIPTION =
	'Whether to return a lighter result: without the JSON-LD "@context", and with a plain number next to each link (e.g. "storeId": 3 next to "store": "/api/stores/3")';

export const WRITE_HEADERS = { 'Content-Type': 'application/ld+json' };
