import type { IDisplayOptions, IExecuteSingleFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Fields both nodes build the same way, and the one way to show a field for some operations: `showFor`. No other
 * `displayOptions` block is written by hand in the nodes.
 */

/** `displayOptions` showing a field for some operations of a resource, and only when `extra` holds too. */
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

/** Return All, or Limit: how many items a list operation outputs at most (read with `limitOf`). */
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

/**
 * How many items a list outputs at most: Infinity for Return All, otherwise Limit (at least 1). A list that shows
 * neither field (e.g. a task's events) outputs all its items.
 */
export function limitOf(context: IExecuteSingleFunctions): number {
	if (context.getNodeParameter('returnAll', true) as boolean) return Infinity;
	return Math.max(1, Number(context.getNodeParameter('limit', 50)));
}

/** Simplify: a lighter output; what it leaves out is the service's to say. */
export function simplifyField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description,
		displayOptions,
	};
}
