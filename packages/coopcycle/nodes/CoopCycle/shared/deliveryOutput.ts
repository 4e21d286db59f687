import type { IDataObject } from 'n8n-workflow';

import { objectOf, textOf } from '../../shared/values';
import { idOfIri } from './ids';

/**
 * Simplify for a delivery: a flat, short object a user maps from (where, who, when, how far along, the tracking
 * link, the price). CoopCycle's delivery (src/Serializer/DeliveryNormalizer.php and TaskNormalizer.php, groups
 * "delivery" and "address") holds much more, and its tasks twice (`pickup`/`dropoff` and `tasks`): Simplify off
 * gives all of it.
 */

/** A delivery as CoopCycle answers it (Get, Create, Update, Mark Picked Up…, a member of Get Many). */
export function isDelivery(json: IDataObject): boolean {
	return json['@type'] === 'http://schema.org/ParcelDelivery' || (Array.isArray(json.tasks) && 'dropoff' in json);
}

/** Without what says nothing: undefined, null, '' and empty lists. */
function withoutEmpty(object: IDataObject): IDataObject {
	for (const [key, value] of Object.entries(object)) {
		if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length))
			delete object[key];
	}
	return object;
}

/** The task's metadata as the user gave it (e.g. their order number), without the task's place CoopCycle adds. */
function userMetadataOf(metadata: unknown): IDataObject | undefined {
	const own = Object.entries(objectOf(metadata)).filter(([key]) => key !== 'delivery_position');
	return own.length ? Object.fromEntries(own) : undefined;
}

/** One task: its address as text, its contact, its time window, its status. */
function simplifiedTask(task: IDataObject, withType: boolean): IDataObject {
	const address = objectOf(task.address);
	return withoutEmpty({
		id: task.id ?? idOfIri(task['@id']),
		type: withType ? task.type : undefined,
		status: task.status,
		address: typeof task.address === 'string' ? task.address : address.streetAddress,
		addressName: address.name,
		addressDescription: address.description,
		contactName: address.contactName,
		telephone: address.telephone,
		after: task.after ?? task.doneAfter,
		before: task.before ?? task.doneBefore,
		comments: textOf(task.comments),
		metadata: userMetadataOf(task.metadata),
		courier: task.assignedTo,
	});
}

/**
 * The delivery's progress, from its tasks (CoopCycle gives a status to each task only: TODO, DOING, DONE, FAILED,
 * CANCELLED): CANCELLED when every task is, DONE when every task that is not cancelled is done, FAILED when one
 * failed, DOING once one started or is done, TODO before.
 */
function statusOf(tasks: IDataObject[]): string | undefined {
	const statuses = tasks.map((task) => textOf(task.status)).filter(Boolean);
	if (!statuses.length) return undefined;
	const live = statuses.filter((status) => status !== 'CANCELLED');
	if (!live.length) return 'CANCELLED';
	if (live.every((status) => status === 'DONE')) return 'DONE';
	if (live.includes('FAILED')) return 'FAILED';
	if (live.some((status) => status === 'DOING' || status === 'DONE')) return 'DOING';
	return 'TODO';
}

/**
 * A delivery as a flat object: `pickup` and `dropoff` (CoopCycle's first pickup and last dropoff), and, for a
 * delivery with more tasks, the others in `otherTasks` (each with its type), so that no task comes twice. What the
 * answer does not hold, or holds empty, is left out.
 */
export function simplifiedDelivery(delivery: IDataObject): IDataObject {
	const tasks = (Array.isArray(delivery.tasks) ? delivery.tasks : []).map((task) => objectOf(task));
	const pickup = objectOf(delivery.pickup);
	const dropoff = objectOf(delivery.dropoff);
	const others = tasks.filter((task) => task.id === undefined || (task.id !== pickup.id && task.id !== dropoff.id));
	const order = objectOf(delivery.order);
	return withoutEmpty({
		id: delivery.id ?? idOfIri(delivery['@id']),
		status: statusOf(tasks.length ? tasks : [pickup, dropoff]),
		trackingUrl: delivery.trackingUrl,
		price: order.total,
		orderNumber: order.number,
		pickup: Object.keys(pickup).length ? simplifiedTask(pickup, false) : undefined,
		dropoff: Object.keys(dropoff).length ? simplifiedTask(dropoff, false) : undefined,
		otherTasks: others.map((task) => simplifiedTask(task, true)),
		// Set by the node, not by CoopCycle: the delivery was found after CoopCycle did not confirm (unconfirmedCreate.ts).
		recovered: delivery.recovered === true ? true : undefined,
	});
}
