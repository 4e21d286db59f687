import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { route, type Api, type PreSend, type Request, type RouteSpec } from '../../shared/route';
import type { HttpFailure } from '../../shared/transport';
import { apiAppOf } from './apiApp';
import { describeCoopCycleError, type ErrorHints } from './errors';
import { HYDRA_LIST } from './hydra';
import { fillIdsInPath } from './ids';
import { simplify } from './simplify';

/** What CoopCycle's write routes read: JSON-LD. */
export const WRITE_HEADERS = { 'Content-Type': 'application/ld+json' };

/** How one CoopCycle operation sends its request(s) and shapes what comes back. */
export interface CoopCycleOperation extends ErrorHints {
	request: DeclarativeRestApiSettings.HttpRequestOptions;
	/** Steps that build or check the request (ids in the URL are read first, for every operation). */
	preSend?: PreSend[];
	/**
	 * A list with Return All and Limit. Its answer is a hydra collection: one output item per member, pages
	 * followed through `hydra:next` (unless `read` reads it its own way).
	 */
	list?: boolean;
	/** The answer holds its items in this property (not paged), e.g. `choices`. */
	split?: string;
	/** The URL is under the API client's own store (learnt from /api/me): '' for the store, '/deliveries'… */
	storePath?: string;
	/** Answers that are results rather than failures for this operation. */
	acceptFailure?: (failure: HttpFailure) => INodeExecutionData[] | undefined;
	/**
	 * Makes the request(s) its own way and returns the items to output, for operations one plain request does
	 * not answer: Delivery → Get Many (whose route cannot be paged), Store → Add Address (whose answer is not
	 * the address).
	 */
	read?: RouteSpec['read'];
	/** Last reshaping of the items, before Simplify. */
	output?: RouteSpec['output'];
}

/** The items of an answer that holds them in `property` (e.g. the `choices` of a time slot). */
function splitItems(items: INodeExecutionData[], property: string): INodeExecutionData[] {
	return items.flatMap((response) => {
		const inner = (response.json as IDataObject)[property];
		return Array.isArray(inner) ? (inner as IDataObject[]).map((json) => ({ json })) : [];
	});
}

/**
 * CoopCycle's action routes (confirm, pick, drop) read a JSON body even when it is empty, but n8n drops an
 * empty object body: send it as the text `{}`.
 */
async function keepEmptyJsonBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { body } = requestOptions;
	if (!body || (typeof body === 'object' && Object.keys(body).length === 0)) requestOptions.body = '{}';
	return requestOptions;
}

/**
 * The routing of a CoopCycle operation: the shared routing factory with CoopCycle's error mapping, its ids in
 * URLs, the store lookup, hydra lists, split answers and Simplify.
 */
export function coopCycleRoute(operation: CoopCycleOperation): INodePropertyRouting {
	const { request, storePath, split } = operation;
	const writes = request.method === 'POST' || request.method === 'PUT';
	return route({
		request,
		preSend: [fillIdsInPath, ...(operation.preSend ?? []), ...(writes ? [keepEmptyJsonBody] : [])],
		describeError: (failure) => describeCoopCycleError(failure, operation),
		acceptFailure: operation.acceptFailure,
		list: operation.list ? HYDRA_LIST : undefined,
		prepare:
			storePath === undefined
				? undefined
				: async function (this: IExecutePaginationFunctions, api: Api): Promise<Request> {
						const me = await apiAppOf(this, api);
						return { ...api.request, options: { ...api.request.options, url: `${String(me.store)}${storePath}` } };
					},
		read: operation.read,
		async output(this: IExecutePaginationFunctions, items: INodeExecutionData[], api: Api) {
			let shaped = split ? splitItems(items, split) : items;
			if (operation.output) shaped = await operation.output.call(this, shaped, api);
			if (!(this.getNodeParameter('simplify', false) as boolean)) return shaped;
			return shaped.map((item) => ({ ...item, json: simplify(item.json) as IDataObject }));
		},
	});
}
