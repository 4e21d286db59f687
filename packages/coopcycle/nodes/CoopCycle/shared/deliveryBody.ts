import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { dateText, instantOf } from '../../shared/dates';
import { failItem } from '../../shared/failItem';
import { textOf } from '../../shared/values';
import type { Purpose } from './deliveryFields';
import { taskOf } from './taskBody';
import { safeAddress } from './addresses';
import { checkedTasks, tasksFromJson } from './tasksJson';

/**
 * Builds the delivery body CoopCycle expects from the node's fields, and checks it first: a mistake is reported
 * with the name of the field to fix, before anything is sent.
 */

/**
 * The latest time of a task body (its "before", or the end of its time slot), when it can be read here. Times
 * without a time zone are read in the workflow's, as each is compared only with the others of the delivery.
 */
function latestTimeOf(task: IDataObject, timeZone: string): number | undefined {
	const slot = textOf(task.timeSlot);
	const dayRange = /^(\d{4}-\d{2}-\d{2}) \d{1,2}:\d{2}-(\d{1,2}:\d{2})$/.exec(slot);
	const text = dayRange
		? `${dayRange[1]} ${dayRange[2]}`
		: slot.includes('/')
			? slot.split('/')[1]
			: dateText(task.before ?? task.doneBefore);
	const time = instantOf(text, timeZone);
	return Number.isNaN(time) ? undefined : time;
}

/**
 * CoopCycle refuses a delivery whose first pickup's latest time is after a dropoff's ("Dropoff date must be
 * after pickup date"): say so here, naming the fields, rather than let it pass for an answer.
 */
function checkPickupFirst(
	context: IExecuteSingleFunctions,
	tasks: IDataObject[],
	label: (pickup: number, dropoff: number) => string,
) {
	const pickupIndex = tasks.findIndex((task) => textOf(task.type).toLowerCase() === 'pickup');
	const timeZone = context.getTimezone();
	const pickupTime = pickupIndex < 0 ? undefined : latestTimeOf(tasks[pickupIndex], timeZone);
	if (pickupTime === undefined) return;
	tasks.forEach((task, index) => {
		const time = textOf(task.type).toLowerCase() === 'dropoff' ? latestTimeOf(task, timeZone) : undefined;
		if (time !== undefined && time < pickupTime) {
			failItem(
				context,
				`${label(pickupIndex, index)}: the pickup must be done first`,
				'CoopCycle refuses a dropoff whose latest time is before the pickup’s latest time.',
			);
		}
	});
}

/** The shape an incoming item must have in Tasks "From the Input Item", for the messages. */
const ITEM_SHAPE =
	'Each incoming item must be one delivery as CoopCycle takes it: {"dropoff": {"address": "…", "after": "…", "before": "…"}}, with an optional "pickup" object, or {"tasks": [{"type": "pickup", …}, {"type": "dropoff", …}]}.';

/**
 * A delivery given by the incoming item itself (Tasks "From the Input Item"), read as it is: no expression to
 * evaluate, so the fastest way to send many. Only its `pickup` and `dropoff`, or its `tasks`, are sent, checked
 * as the fields and Tasks (JSON) are.
 */
function deliveryFromItem(context: IExecuteSingleFunctions): IDataObject {
	const item = context.getInputData().json;
	if (item.tasks !== undefined) {
		const tasks = checkedTasks(context, item.tasks, 'create', 'The input item’s "tasks"');
		checkPickupFirst(
			context,
			tasks,
			(pickup, dropoff) => `The input item’s task ${pickup + 1} (pickup) ends after task ${dropoff + 1} (dropoff)`,
		);
		return { tasks };
	}
	const body: IDataObject = {};
	for (const kind of ['pickup', 'dropoff'] as const) {
		const task = item[kind];
		if (task === undefined || task === null) continue;
		if (typeof task !== 'object' || Array.isArray(task)) {
			failItem(context, `The input item’s "${kind}" is not an object`, ITEM_SHAPE);
		}
		const { address } = task as IDataObject;
		body[kind] =
			address && typeof address === 'object' && !Array.isArray(address)
				? { ...(task as IDataObject), address: safeAddress(address as IDataObject) }
				: task;
	}
	const dropoff = body.dropoff as IDataObject | undefined;
	if (!dropoff) failItem(context, 'The input item has no "dropoff"', ITEM_SHAPE);
	if (dropoff.address === undefined || textOf(dropoff.address) === '') {
		failItem(context, 'The input item’s dropoff has no "address"', ITEM_SHAPE);
	}
	if (dropoff.before === undefined && dropoff.doneBefore === undefined && dropoff.timeSlot === undefined) {
		failItem(
			context,
			'The input item’s dropoff has neither "before" nor "timeSlot"',
			'Give "after" and "before" (a "before" alone makes a 15-minute window), or a "timeSlot".',
		);
	}
	if (body.pickup) {
		checkPickupFirst(
			context,
			[
				{ ...(body.pickup as IDataObject), type: 'pickup' },
				{ ...dropoff, type: 'dropoff' },
			],
			() => 'The input item’s pickup ends after its dropoff',
		);
	}
	return body;
}

/** The body of a delivery: the whole delivery to create, or only what the user chose to change. */
function bodyOf(context: IExecuteSingleFunctions, purpose: Purpose): IDataObject {
	const taskMode = context.getNodeParameter('taskMode', 'pickupDropoff');
	if (taskMode === 'item' && purpose === 'create') return deliveryFromItem(context);
	if (taskMode === 'tasks') {
		const tasks = tasksFromJson(context, purpose);
		if (purpose === 'create')
			checkPickupFirst(
				context,
				tasks,
				(pickup, dropoff) => `Tasks (JSON): task ${pickup + 1} (pickup) ends after task ${dropoff + 1} (dropoff)`,
			);
		return { tasks };
	}
	const body: IDataObject = {};
	for (const kind of ['pickup', 'dropoff'] as const) {
		const task = taskOf(context, kind, purpose);
		if (Object.keys(task).length) body[kind] = task;
	}
	if (purpose === 'create' && (body.dropoff as IDataObject | undefined)?.address === undefined) {
		failItem(
			context,
			'Dropoff Address is empty',
			'Give the delivery address as text (number, street, postcode, city) or a saved address (/api/addresses/12).',
		);
	}
	if (!Object.keys(body).length) {
		failItem(context, 'Nothing to update', 'Fill in at least one pickup or dropoff field (address, time or a detail).');
	}
	if (purpose === 'create' && body.pickup) {
		checkPickupFirst(
			context,
			[
				{ ...(body.pickup as IDataObject), type: 'pickup' },
				{ ...(body.dropoff as IDataObject), type: 'dropoff' },
			],
			() => 'Pickup Time ends after Dropoff Time',
		);
	}
	return body;
}

/** preSend of Create, Get Price, Check Feasibility and Create Quote: the whole delivery. */
export async function deliveryBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.body = bodyOf(this, 'create');
	return requestOptions;
}

/** preSend of Update: only what the user chose to change (CoopCycle applies partial pickup/dropoff objects). */
export async function deliveryUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.body = bodyOf(this, 'update');
	return requestOptions;
}
