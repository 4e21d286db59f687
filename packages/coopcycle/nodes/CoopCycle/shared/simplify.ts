import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { isDelivery, simplifiedDelivery } from './deliveryOutput';
import { idOfIri } from './ids';

/**
 * Simplify: JSON-LD context dropped, `@id` kept, numeric ids exposed (`id` from `@id`, `storeId` from
 * `store: "/api/stores/3"`), so that later nodes can use plain numbers.
 */
export function simplify(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(simplify);
	if (!value || typeof value !== 'object') return value;
	const result: IDataObject = {};
	for (const [key, inner] of Object.entries(value as IDataObject)) {
		if (key !== '@context') result[key] = simplify(inner) as IDataObject;
	}
	if (result.id === undefined && idOfIri(result['@id']) !== undefined) result.id = idOfIri(result['@id']);
	for (const [key, inner] of Object.entries(result)) {
		const id = key.startsWith('@') ? undefined : idOfIri(inner);
		if (id !== undefined && result[`${key}Id`] === undefined) result[`${key}Id`] = id;
	}
	return result;
}

/** What Simplify makes of a CoopCycle resource: a delivery flat and short (deliveryOutput.ts), others by `simplify`. */
export function simplifiedResource(json: IDataObject): IDataObject {
	return isDelivery(json) ? simplifiedDelivery(json) : (simplify(json) as IDataObject);
}

/**
 * The items as they are, or simplified when the operation's Simplify field is on: by `simplifiedResource`, or by
 * the operation's own shape (an order's is flat and short, see orderOutput.ts).
 */
export function simplifyIfAsked(
	context: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	shape: (json: IDataObject) => IDataObject = simplifiedResource,
): INodeExecutionData[] {
	if (!(context.getNodeParameter('simplify', false) as boolean)) return items;
	return items.map((item) => ({ ...item, json: shape(item.json) }));
}
