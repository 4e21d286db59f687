import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Api } from '../../shared/route';
import { apiAppOf } from './apiApp';
import { ID_FIELDS, parseId } from './ids';

/** What some operations output instead of CoopCycle's answer as it is (before Simplify). */

/**
 * Cancel answers 204 with nothing: say which delivery was cancelled (and when CoopCycle did not confirm it, that
 * the node found it cancelled: `recovered`, see unconfirmedActions.ts).
 */
export function cancelled(this: IExecutePaginationFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	const id = parseId(this.getNodeParameter('deliveryId', ''), ID_FIELDS.deliveryId.collections);
	const recovered = items[0]?.json.recovered === true ? { recovered: true } : {};
	return [{ json: { '@id': `/api/deliveries/${id}`, id: Number(id), cancelled: true, ...recovered } }];
}

/** Check Feasibility: "not feasible" is an answer (see acceptedFailures.ts); CoopCycle's 200 means feasible. */
export function feasibility(this: IExecutePaginationFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	if (items[0]?.json.feasible === false) return items;
	return [{ json: { feasible: true, violations: [] } }];
}

/** Get My Store: the store, with the API app that reached it (the credential's identity). */
export async function withApiApp(
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
	api: Api,
): Promise<INodeExecutionData[]> {
	// Looked up already to find the store: this takes it from the execution's cache.
	const me: IDataObject = await apiAppOf(this, api);
	return items.map((item) => ({
		...item,
		json: { ...item.json, apiApp: { '@id': me['@id'], name: me.name } },
	}));
}

/** The items of an answer that holds them in `property` (e.g. the `choices` of a time slot). */
export function splitItems(items: INodeExecutionData[], property: string): INodeExecutionData[] {
	return items.flatMap((response) => {
		const inner = (response.json as IDataObject)[property];
		return Array.isArray(inner) ? (inner as IDataObject[]).map((json) => ({ json })) : [];
	});
}
