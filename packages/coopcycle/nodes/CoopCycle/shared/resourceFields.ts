import type { INodeProperties } from 'n8n-workflow';

import { showFor, simplifyField } from '../../shared/fields';
import { ID_FIELDS, type IdField } from './ids';

/** Fields that several CoopCycle operations take: an id, Simplify, the day of the task lists. */

/** An id field of one operation, that takes a number, an IRI or a URL (see ids.ts). */
export function idField(name: IdField, resource: string, operation: string, what: string): INodeProperties {
	const collection = ID_FIELDS[name].collections[0];
	return {
		displayName: ID_FIELDS[name].label,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: `12 or /api/${collection}/12`,
		description: `The ${what}: its number, its IRI as found in CoopCycle’s answers (/api/${collection}/12) or its URL`,
		displayOptions: showFor(resource, [operation]),
	};
}

/** Simplify, for an operation that outputs CoopCycle resources (see simplify.ts). */
export function simplifyFieldFor(resource: string, operation: string): INodeProperties {
	return simplifyField(
		showFor(resource, [operation]),
		resource === 'delivery'
			? 'Whether to return a short, flat delivery to map from: ID, status, tracking link, price, and for the pickup and the dropoff their address, contact, time window (after, before) and status. Other answers come without the JSON-LD "@context", with a plain number next to each link.'
			: 'Whether to return a lighter result: without the JSON-LD "@context", and with a plain number next to each link (e.g. "storeId": 3 next to "store": "/api/stores/3")',
	);
}

/** The day of the Task lists (Get Courier Lists, Get Many). */
export function dateField(operation: string): INodeProperties {
	return {
		displayName: 'Date',
		name: 'date',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'The day, e.g. 2025-06-12 (the time is ignored)',
		displayOptions: showFor('task', [operation]),
	};
}
