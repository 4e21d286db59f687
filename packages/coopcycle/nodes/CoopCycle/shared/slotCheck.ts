import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import type { Api, Request } from '../../shared/route';
import { textOf } from '../../shared/values';

/**
 * Check Feasibility's check of "Check Against Time Slot". POST /api/deliveries/assert reads the body with
 * coopcycle-web's legacy src/Serializer/DeliveryNormalizer.php, which never reads `timeSlotUrl`, while Create
 * refuses a range that is not one of the slot's choices (src/Api/State/DeliveryProcessor.php l.289-299: 400
 * "task.timeSlot.invalid"). The same check runs in Get Price's route, /api/retail_prices/calculate, whose processor
 * (src/Api/State/CalculateRetailPriceProcessor.php) reads the body with DeliveryProcessor first, exactly as
 * Create does, and stores nothing. So, when a task has a Check Against Time Slot, the body goes there first.
 *
 * Why not compare with the slot's choices (GET /api/time_slots/{id}/choices) here: the choices come in UTC, and
 * the node's times are often written without an offset, which CoopCycle reads in its own time zone; n8n's time
 * zone may be another, and the store's API app cannot ask CoopCycle for its zone.
 */
export const SLOT_CHECK_URL = '/api/retail_prices/calculate';

/** The tasks of a delivery body, in CoopCycle's order (its violations name them items[0], items[1]…). */
export function tasksOf(body: IDataObject): IDataObject[] {
	if (Array.isArray(body.tasks)) return body.tasks as IDataObject[];
	return [body.pickup ?? {}, body.dropoff ?? {}] as IDataObject[];
}

/**
 * The property paths of the tasks DeliveryProcessor checks against their slot: those with a `timeSlotUrl` and a
 * range (a `timeSlot`, or both times).
 */
export function slotCheckedTasks(body: IDataObject): string[] {
	return tasksOf(body).flatMap((task, index) => {
		const ranged =
			textOf(task.timeSlot) !== '' ||
			(textOf(task.after ?? task.doneAfter) !== '' && textOf(task.before ?? task.doneBefore) !== '');
		return textOf(task.timeSlotUrl) !== '' && ranged ? [`items[${index}].task.timeSlot`] : [];
	});
}

/**
 * `read` of Check Feasibility: the time slot check first when there is one to make (its "not a choice" answer
 * is turned into a verdict by acceptedFailures.ts), then the feasibility check itself.
 */
export async function readFeasibility(this: IExecutePaginationFunctions, api: Api): Promise<IDataObject[]> {
	const body = (api.request.options.body ?? {}) as IDataObject;
	if (slotCheckedTasks(body).length) {
		const slotCheck: Request = { ...api.request, options: { ...api.request.options, url: SLOT_CHECK_URL } };
		const [verdict] = await api.send(slotCheck);
		if (verdict?.json.feasible === false) return [verdict.json];
	}
	return (await api.send(api.request)).map((item) => item.json);
}
