import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ID_FIELDS, type IdField } from './ids';

/** `displayOptions.show` for some operations of a resource. */
export function showFor(resource: string, operations: string[], extra: IDisplayOptions['show'] = {}): IDisplayOptions {
	return { show: { resource: [resource], operation: operations, ...extra } };
}

/** The Operation dropdown of a resource. */
export function operationField(
	resource: string,
	defaultOperation: string,
	options: INodePropertyOptions[],
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

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

export function simplifyField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return a lighter result: without the JSON-LD "@context", and with a plain number next to each link (e.g. "storeId": 3 next to "store": "/api/stores/3")',
		displayOptions,
	};
}

/** Return All, or Limit: how many items a list operation outputs at most. */
export function returnAllAndLimit(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

export const WRITE_HEADERS = { 'Content-Type': 'application/ld+json' };
