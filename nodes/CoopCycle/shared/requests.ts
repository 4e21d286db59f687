import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import { route, type Api, type ListPaging, type PreSend, type Request, type RouteSpec } from '../../shared/route';
import type { HttpFailure } from '../../shared/transport';
import { describeCoopCycleError, type ErrorHints } from './errors';
import { fillIdsInPath, idOfIri } from './ids';

export const CREDENTIAL_TYPE = 'coopCycleOAuth2Api';

/** API Platform caps `itemsPerPage` at 100. */
const MAX_PAGE_SIZE = 100;

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

function credentialId(context: IExecutePaginationFunctions): string {
	return context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
}

/* ------------------------------------------------------------------------------------------------------------
 * The API client's store. Every OAuth client belongs to exactly one store, which /api/me names; it is looked up
 * once per execution and credential, not once per item.
 * ---------------------------------------------------------------------------------------------------------- */
const STORE_CACHE_MS = 10 * 60 * 1000;
const apiApps = new Map<string, { at: number; app: Promise<IDataObject> }>();

/** The API app of the credential (GET /api/me), with its store. */
export async function apiAppOf(context: IExecutePaginationFunctions, api: Api): Promise<IDataObject> {
	const now = Date.now();
	for (const [key, entry] of apiApps) if (now - entry.at > STORE_CACHE_MS) apiApps.delete(key);
	const key = `${context.getExecutionId()}|${credentialId(context)}`;
	let entry = apiApps.get(key);
	if (!entry) {
		const app = api.get('/api/me');
		entry = { at: now, app };
		apiApps.set(key, entry);
		app.catch(() => apiApps.delete(key));
	}
	const app = await entry.app;
	if (typeof app.store !== 'string' || app.store === '') {
		failItem(
			context,
			'This CoopCycle API app is not linked to a store',
			'Store and delivery lists need the store of the API app. Ask the cooperative’s administrator to link the app to your store.',
		);
	}
	return app;
}

/* ------------------------------------------------------------------------------------------------------------
 * Hydra collections.
 * ---------------------------------------------------------------------------------------------------------- */
export function membersOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const object = (body ?? {}) as IDataObject;
	const members = object['hydra:member'] ?? object.member;
	return Array.isArray(members) ? (members as IDataObject[]) : [];
}

function nextPageOf(body: unknown): string | undefined {
	const view = ((body ?? {}) as IDataObject)['hydra:view'] ?? ((body ?? {}) as IDataObject).view;
	const next = ((view ?? {}) as IDataObject)['hydra:next'] ?? ((view ?? {}) as IDataObject).next;
	return typeof next === 'string' && next !== '' ? next : undefined;
}

const countMembers = (pages: INodeExecutionData[]) =>
	pages.reduce((total, page) => total + membersOf(page.json).length, 0);

/** A hydra collection, page after page: `itemsPerPage` as Limit needs, then `hydra:next`. */
const HYDRA_LIST: ListPaging = {
	firstPage: (request, limit) =>
		Number.isFinite(limit)
			? {
					...request,
					options: { ...request.options, qs: { ...request.options.qs, itemsPerPage: Math.min(limit, MAX_PAGE_SIZE) } },
				}
			: request,
	nextPage: (previous, page, all, limit) => {
		const next = nextPageOf(page[0]?.json);
		if (!next || next === previous.options.url || countMembers(all) >= limit) return undefined;
		// hydra:next already carries every filter of the first request.
		return { ...previous, options: { ...previous.options, url: next, qs: {} } };
	},
	itemsOf: (answers) => answers.flatMap((page) => membersOf(page.json)).map((json) => ({ json })),
};

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
