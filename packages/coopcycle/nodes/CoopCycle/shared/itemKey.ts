import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import type { Request } from '../../shared/route';
import type { HttpFailure, ReadableError } from '../../shared/transport';
import { textOf } from '../../shared/values';

/**
 * The item key: a mark Create puts in the metadata of the delivery's dropoff, so that when CoopCycle does not
 * confirm a creation (a 504 from its gateway, a broken connection) the node can look in the store's deliveries
 * and know whether this very attempt created one (unconfirmedCreate.ts). CoopCycle has no idempotency key of its
 * own; task metadata is what a shop can set and read back: src/Api/Dto/TaskDto.php (`metadata`, an object or
 * "k=v k=v" text), src/Api/State/DeliveryProcessor.php l.386-394 (each entry set on the task),
 * src/Serializer/TaskNormalizer.php (returned in every task, the store's delivery list included). The list cannot
 * be filtered by metadata, only read by task times.
 *
 * The key names one attempt: the execution, the item and a random part. A hash of the delivery's fields would
 * make two identical deliveries (two parcels for one address and slot) look like one, and the check could take
 * an earlier delivery for the one it looks for; with one key per attempt, the only delivery that can carry it is
 * the one this attempt created. Running the item again (in a new execution, or after the node said nothing was
 * created) is a new attempt and creates a new delivery, as the user asked.
 */
export const ITEM_KEY = 'n8n_item_key';

export const itemKeyField: INodeProperties = {
	displayName: 'Item Key in Metadata',
	name: 'itemKey',
	type: 'boolean',
	default: true,
	description: `Whether to add "${ITEM_KEY}" to the dropoff's metadata (the execution, the item and a random part). When CoopCycle does not confirm a creation, the node looks for that key to know whether the delivery exists, instead of failing the item or risking a second delivery.`,
	displayOptions: showFor('delivery', ['create']),
};

const isObject = (value: unknown): value is IDataObject =>
	!!value && typeof value === 'object' && !Array.isArray(value);

const isDropoff = (task: unknown) => isObject(task) && textOf(task.type).toLowerCase() === 'dropoff';

/** The dropoff whose metadata holds the key: the body's `dropoff`, or the last dropoff of its `tasks`. */
export function keyedDropoffOf(body: unknown): IDataObject | undefined {
	if (!isObject(body)) return undefined;
	if (Array.isArray(body.tasks))
		return [...(body.tasks as unknown[])].reverse().find(isDropoff) as IDataObject | undefined;
	return isObject(body.dropoff) ? body.dropoff : undefined;
}

/** The metadata with the key added, in the form it was given: an object, or CoopCycle's "k=v k=v" text. */
function withKey(metadata: unknown, key: string): IDataObject | string {
	if (typeof metadata === 'string' && metadata.trim() !== '') return `${metadata.trim()} ${ITEM_KEY}=${key}`;
	return { ...(isObject(metadata) ? metadata : {}), [ITEM_KEY]: key };
}

/** The key of an item's attempt: no space and no "=", so that it survives CoopCycle's "k=v k=v" reading too. */
function newItemKey(context: IExecuteSingleFunctions): string {
	const execution = textOf(context.getExecutionId()).replace(/[\s=]/g, '') || 'manual';
	const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
	return `${execution}-${context.getItemIndex()}-${random}`;
}

/** preSend of Create (after the body is built): the item key in the dropoff's metadata, unless turned off. */
export async function itemKeyInMetadata(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (!(this.getNodeParameter('itemKey', true) as boolean)) return requestOptions;
	const body = requestOptions.body as IDataObject;
	const dropoff = keyedDropoffOf(body);
	if (!dropoff) return requestOptions;
	// A copy: the dropoff may be the input item's own object (Tasks "From the Input Item").
	const keyed = { ...dropoff, metadata: withKey(dropoff.metadata, newItemKey(this)) };
	requestOptions.body = Array.isArray(body.tasks)
		? { ...body, tasks: (body.tasks as unknown[]).map((task) => (task === dropoff ? keyed : task)) }
		: { ...body, dropoff: keyed };
	return requestOptions;
}

/** The key a sent body carries, or undefined (turned off). */
export function itemKeyOf(body: unknown): string | undefined {
	const metadata = keyedDropoffOf(body)?.metadata;
	if (isObject(metadata)) return metadata[ITEM_KEY] === undefined ? undefined : textOf(metadata[ITEM_KEY]);
	if (typeof metadata === 'string') return new RegExp(`(?:^|\\s)${ITEM_KEY}=(\\S+)`).exec(metadata)?.[1];
	return undefined;
}

/** Whether a delivery (as CoopCycle lists it) carries the key in one of its tasks' metadata. */
export function carriesKey(delivery: IDataObject, key: string): boolean {
	const tasks = Array.isArray(delivery.tasks) ? (delivery.tasks as unknown[]) : [delivery.dropoff];
	return tasks.some((task) => isObject(task) && isObject(task.metadata) && textOf(task.metadata[ITEM_KEY]) === key);
}

/**
 * explainError of Create: when CoopCycle refused the payment method, it had created the delivery already
 * (errors.ts, PAYMENT_METHOD_REFUSED): the message names the item key it carries, to find it by.
 */
export function nameKeyOfCreatedDelivery(
	readable: ReadableError,
	failure: HttpFailure,
	request: Request,
): ReadableError {
	const key = itemKeyOf(request.options.body);
	if (failure.status !== 400 || !key || !readable.message.includes('order.paymentMethod is not valid')) return readable;
	return {
		...readable,
		description: `${readable.description ?? ''} It carries "${ITEM_KEY}": "${key}" in its dropoff’s metadata.`.trim(),
	};
}
