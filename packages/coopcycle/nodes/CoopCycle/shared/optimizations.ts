import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Api } from '../../shared/route';
import { objectOf, textOf } from '../../shared/values';

/**
 * Suggest Optimizations' output (Simplify on): the tasks in the order CoopCycle suggests, ready for Create's
 * "Several Tasks (JSON)" or "From the Input Item", with the distance saved. coopcycle-web
 * src/Action/Delivery/SuggestOptimizations.php answers `suggestions`: none when there are fewer than 3 tasks, when
 * its route solver (VROOM) cannot reach every task within its time window, or when no order is shorter; else one,
 * with `order` (the indices of the tasks sent) and `gain` ({"type": "distance", "amount": metres}). Its solver knows
 * nothing of pickups and dropoffs: a suggested order may drop off a parcel before picking it up.
 */

/** The tasks of the body sent, as task objects with their type. */
function tasksSent(body: IDataObject): IDataObject[] {
	if (Array.isArray(body.tasks)) return body.tasks as IDataObject[];
	return (['pickup', 'dropoff'] as const)
		.filter((type) => body[type] && typeof body[type] === 'object')
		.map((type) => ({ type, ...(body[type] as IDataObject) }));
}

const kilometres = (metres: number) => `${(metres / 1000).toFixed(1)} km`;

/** The suggestion, in a form a user can map from. */
function suggestionOf(answer: IDataObject, sent: IDataObject[]): IDataObject {
	const [first] = (Array.isArray(answer.suggestions) ? answer.suggestions : []) as IDataObject[];
	const order = Array.isArray(first?.order) ? (first.order as number[]) : [];
	const usable = order.length === sent.length && order.every((index) => sent[index] !== undefined);
	if (!first || !usable) {
		return {
			improved: false,
			distanceSavedMeters: 0,
			order: sent.map((_task, index) => index),
			tasks: sent,
			readyToCreate: true,
			message:
				sent.length < 3
					? 'With fewer than three tasks there is nothing to reorder.'
					: 'CoopCycle found no shorter order that reaches every task within its time window: keep the tasks in their order.',
		};
	}
	const tasks = order.map((index) => sent[index]);
	const types = tasks.map((task) => textOf(task.type).toLowerCase());
	const readyToCreate = types[0] === 'pickup' && types[types.length - 1] === 'dropoff';
	const gain = objectOf(first.gain);
	const saved = gain.type === 'distance' ? Number(gain.amount) || 0 : 0;
	return {
		improved: true,
		distanceSavedMeters: saved,
		order,
		tasks,
		readyToCreate,
		message: readyToCreate
			? `CoopCycle suggests this order of the tasks: ${kilometres(saved)} shorter.`
			: `CoopCycle suggests this order (${kilometres(saved)} shorter), but it does not start with a pickup and end with a dropoff, so CoopCycle would refuse it as a delivery. CoopCycle’s route planner does not know which parcel goes where: make sure each parcel is picked up before it is dropped off.`,
	};
}

/** `output` of Suggest Optimizations: with Simplify, the suggestion with the tasks sent, reordered. */
export function suggestedOrder(
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
	api: Api,
): INodeExecutionData[] {
	if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
	const sent = tasksSent(objectOf(api.request.options.body));
	return items.map((item) => ({ ...item, json: suggestionOf(item.json, sent) }));
}
