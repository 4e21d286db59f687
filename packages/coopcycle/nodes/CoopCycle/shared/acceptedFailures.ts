import type { DeclarativeRestApiSettings, INodeExecutionData } from 'n8n-workflow';

import { networkErrorCode, type HttpFailure } from '../../shared/transport';
import { objectOf, textOf } from '../../shared/values';
import { listViolations, violationsOf } from './errors';
import { SLOT_CHECK_URL, slotCheckedTasks } from './slotCheck';

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

/**
 * Check Feasibility's time slot check (slotCheck.ts), sent to Get Price's route: "task.timeSlot.invalid" is the
 * verdict "not feasible" (Create would refuse the delivery); an unknown slot ("Item not found") is a mistake in
 * the field, an error; any other 400 is about the price (no pricing rule, no rule matched) or a field the
 * feasibility check reports itself, so the check goes on (no item).
 */
function slotCheckAnswer(
	failure: HttpFailure,
	request: DeclarativeRestApiSettings.ResultOptions,
): INodeExecutionData[] | undefined {
	if (failure.status !== 400) return undefined;
	const said = textOf(objectOf(failure.body)['hydra:description']);
	if (said.startsWith('Item not found')) return undefined;
	if (said !== 'task.timeSlot.invalid') return [];
	const checked = slotCheckedTasks(objectOf(request.options.body));
	const violations = (checked.length === 1 ? checked : ['items']).map((propertyPath) => ({
		propertyPath,
		message: 'task.timeSlot.invalid',
	}));
	return [
		{
			json: {
				feasible: false,
				violations,
				message:
					'The time slot is not one of the choices of its Check Against Time Slot (CoopCycle: task.timeSlot.invalid): CoopCycle would refuse to create this delivery.',
			},
		},
	];
}

/** acceptFailure of Check Feasibility: the answers of its two requests that are verdicts. */
export function feasibilityAnswer(
	failure: HttpFailure,
	request: DeclarativeRestApiSettings.ResultOptions,
): INodeExecutionData[] | undefined {
	const url = String(request.options.url ?? '');
	return url.endsWith(SLOT_CHECK_URL) ? slotCheckAnswer(failure, request) : notFeasible(failure);
}

/** Order → Accept's answers that do not say whether CoopCycle accepted the order (see unconfirmedAccept). */
const unconfirmed = new WeakSet<INodeExecutionData>();

/** Connections that broke after the request went out: CoopCycle may have handled it. */
const BROKEN_AFTER_SENDING = ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED'];

/**
 * acceptFailure of Order → Accept. Its PUT is never sent twice: accepting again e-mails the customer again
 * (src/MessageHandler/Order/SendEmail.php). When the connection broke after the request went out, or the gateway
 * answered 502 or 504 (PHP may still have accepted the order), the answer is marked unconfirmed and orderAccept.ts
 * reads the order back. Any other failure goes the usual way (429 and 503 are waited out and sent again: CoopCycle
 * did nothing).
 */
export function unconfirmedAccept(
	failure: HttpFailure,
	request: DeclarativeRestApiSettings.ResultOptions,
): INodeExecutionData[] | undefined {
	if (request.options.method !== 'PUT') return undefined;
	const code = failure.status === undefined ? networkErrorCode(failure.error) : undefined;
	if (failure.status !== 502 && failure.status !== 504 && !BROKEN_AFTER_SENDING.includes(code ?? '')) return undefined;
	// What happened, in words: an error code in a message would make n8n replace the whole message with its own.
	const lost = failure.status ? `the gateway answered ${failure.status}` : 'the connection broke';
	const item: INodeExecutionData = { json: { lost } };
	unconfirmed.add(item);
	return [item];
}

/** Whether this answer of Order → Accept's PUT was a lost one (unconfirmedAccept). */
export const isUnconfirmed = (item: INodeExecutionData | undefined): boolean =>
	item !== undefined && unconfirmed.has(item);
