import type { INodeProperties } from 'n8n-workflow';

import { showFor, simplifyField } from '../../shared/fields';

/** Fields of the Order operations (their request and output are built in orderFilters.ts and orderOutput.ts). */

/** Simplify, for the Order operations: a short, flat order (orderOutput.ts). */
export function orderSimplifyField(operation: string): INodeProperties {
	return simplifyField(
		showFor('order', [operation]),
		'Whether to return a short, flat order: number, state, customer, delivery address and time, items with their options, and amounts in cents. Turn it off to get everything CoopCycle gives.',
	);
}
