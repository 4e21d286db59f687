import type { INodeExecutionData } from 'n8n-workflow';

import type { HttpFailure } from '../../shared/transport';
import { listViolations, violationsOf } from './errors';

/**
 * Check Feasibility: CoopCycle's 400 that says a delivery is not feasible is an answer, output as an item.
 * "Not feasible" is CoopCycle's verdict on the delivery as a whole, reported on "items" (out of the store's zone,
 * too far). A violation on a task's field is a mistake to fix: an error, not an answer.
 */
export function notFeasible(failure: HttpFailure): INodeExecutionData[] | undefined {
	const violations = violationsOf(failure.body);
	if (failure.status !== 400 || !violations?.length) return undefined;
	if (violations.some((violation) => violation.propertyPath !== 'items')) return undefined;
	return [{ json: { feasible: false, violations, message: listViolations(violations) } }];
}
