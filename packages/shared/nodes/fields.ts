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

/** A field as text, without the operations it shows for (functions by their source: routing steps count). */
function withoutOperations(property: INodeProperties): string {
	const { displayOptions, ...rest } = property;
	const show = { ...displayOptions?.show };
	delete show.operation;
	return JSON.stringify({ ...rest, displayOptions: { ...displayOptions, show } }, (_key, value: unknown) =>
		typeof value === 'function' ? `function ${value.toString()}` : value,
	);
}

/** Whether a field is shown for one of these operations (of any resource: the check only needs to be safe). */
function sharesAnOperation(property: INodeProperties, operations: string[]): boolean {
	const shownFor = property.displayOptions?.show?.operation as string[] | undefined;
	return shownFor !== undefined && shownFor.some((operation) => operations.includes(operation));
}

/**
 * The node's fields with one definition per field wherever operations share it. Each operation declares its own
 * fields (one file per operation), so a field used by several operations is declared several times; n8n's
 * declarative engine evaluates a field's value once per declaration bearing its name, twice for every item (an
 * expression mapped in Dropoff Address was evaluated ten times per item when five operations declared it).
 * Declarations that differ only in their operations become one, shown for all of them, at the place of the first,
 * when that keeps each operation's fields in the order its file declares them.
 */
export function oneDeclarationPerField(properties: INodeProperties[]): INodeProperties[] {
	const merged: INodeProperties[] = [];
	for (const property of properties) {
		const operations = property.displayOptions?.show?.operation;
		const twin =
			operations === undefined
				? undefined
				: merged.find(
						(candidate) =>
							candidate.name === property.name &&
							candidate.displayOptions?.show?.operation !== undefined &&
							withoutOperations(candidate) === withoutOperations(property),
					);
		const index = twin ? merged.indexOf(twin) : -1;
		// Joining the twin must not move the field above one its operations show before it.
		const keepsOrder =
			twin !== undefined && !merged.slice(index + 1).some((later) => sharesAnOperation(later, (operations ?? []) as string[]));
		if (!twin || !keepsOrder) {
			merged.push(property);
			continue;
		}
		const show = twin.displayOptions!.show!;
		merged[index] = {
			...twin,
			displayOptions: { ...twin.displayOptions, show: { ...show, operation: [...show.operation!, ...operations!] } },
		};
	}
	return merged;
}
