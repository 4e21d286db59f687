import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import type { Api } from '../../shared/route';
import type { UnconfirmedRequest } from '../../shared/transport';
import { textOf } from '../../shared/values';
import { ID_FIELDS, parseId } from './ids';
import { lookAfterWaiting, nowText, whatHappened } from './unconfirmedCreate';

/**
 * Mark Picked Up, Mark Dropped Off and Cancel after CoopCycle did not confirm them: they are not sent again (a
 * second pick or drop of a done task fails: src/Action/Delivery/Pick.php and Drop.php call
 * TaskManager::markAsDone, whose state machine refuses it), the delivery is read instead, and its tasks say
 * whether the change was made.
 */

interface Action {
	/** What the user asked, for the messages: 'the pickup marked done'. */
	what: string;
	/** Whether the delivery, as CoopCycle shows it, is in the state asked for. */
	done: (delivery: IDataObject) => boolean;
	/** Its state otherwise, for the message: 'the pickup is TODO'. */
	state: (delivery: IDataObject) => string;
	/** What to do then. */
	then: string;
}

const tasksOf = (delivery: IDataObject) => (Array.isArray(delivery.tasks) ? delivery.tasks : []) as IDataObject[];
const typeIs = (type: string) => (task: IDataObject) => textOf(task.type).toUpperCase() === type;
const pickupOf = (delivery: IDataObject) =>
	tasksOf(delivery).find(typeIs('PICKUP')) ?? (delivery.pickup as IDataObject);
const dropoffOf = (delivery: IDataObject) =>
	[...tasksOf(delivery)].reverse().find(typeIs('DROPOFF')) ?? (delivery.dropoff as IDataObject);
const statusOf = (task: IDataObject | undefined) => textOf(task?.status) || 'unknown';

const ACTIONS: Record<'pick' | 'drop' | 'cancel', Action> = {
	pick: {
		what: 'marked the pickup done',
		done: (delivery) => statusOf(pickupOf(delivery)) === 'DONE',
		state: (delivery) => `its pickup is ${statusOf(pickupOf(delivery))}`,
		then: 'Run the item again to mark the pickup.',
	},
	drop: {
		what: 'marked the dropoff done',
		done: (delivery) => statusOf(dropoffOf(delivery)) === 'DONE',
		state: (delivery) => `its dropoff is ${statusOf(dropoffOf(delivery))}`,
		then: 'Run the item again to mark the dropoff.',
	},
	cancel: {
		what: 'cancelled the delivery',
		done: (delivery) =>
			tasksOf(delivery).length > 0 && tasksOf(delivery).every((task) => statusOf(task) === 'CANCELLED'),
		state: (delivery) =>
			`its tasks are ${
				tasksOf(delivery)
					.map(statusOf)
					.filter((status, index, all) => all.indexOf(status) === index)
					.join(', ') || 'unknown'
			}`,
		then: 'Run the item again to cancel it.',
	},
};

/** resolveUnconfirmed of Mark Picked Up (`pick`), Mark Dropped Off (`drop`) and Cancel (`cancel`). */
export function checkDeliveryState(kind: keyof typeof ACTIONS) {
	const action = ACTIONS[kind];
	return async function (
		this: IExecutePaginationFunctions,
		api: Api,
		unconfirmed: UnconfirmedRequest,
	): Promise<INodeExecutionData[]> {
		const id = parseId(this.getNodeParameter('deliveryId', ''), ID_FIELDS.deliveryId.collections);
		let last: IDataObject = {};
		const found = await lookAfterWaiting(async () => {
			last = await api.get(`/api/deliveries/${id}`);
			return action.done(last) ? last : undefined;
		});
		if (found) return [{ json: { ...found, recovered: true } }];
		failItem(
			this,
			`CoopCycle did not confirm that it ${action.what}, and at ${nowText()} ${action.state(last)}`,
			`${whatHappened(unconfirmed).replace(/^./, (first) => first.toUpperCase())}; the node then read delivery ${id} and it is not done. ${action.then}`,
		);
	};
}

/**
 * resolveUnconfirmed of Confirm Quote: there is no way to find out. A confirmation creates a new delivery from the
 * quote, every time (src/Action/Delivery/ConfirmQuote.php), without the item key, and the quote's answer is the
 * only place that names it.
 */
export async function quoteMayBeConfirmed(
	this: IExecutePaginationFunctions,
	_api: Api,
	unconfirmed: UnconfirmedRequest,
): Promise<INodeExecutionData[]> {
	const quoteId = parseId(this.getNodeParameter('quoteId', ''), ID_FIELDS.quoteId.collections);
	failItem(
		this,
		`CoopCycle did not confirm quote ${quoteId}: its delivery may exist`,
		`${whatHappened(unconfirmed).replace(/^./, (first) => first.toUpperCase())}. CoopCycle creates a new delivery each time a quote is confirmed, so confirming it again could order two. Look for the delivery with Delivery → Get Many (the quote’s dropoff time) before you run this item again.`,
	);
}
