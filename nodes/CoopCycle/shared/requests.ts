import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nRequestOperations,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import { limitOf } from '../../shared/fields';
import { sendRequests, type HttpFailure } from '../../shared/transport';
import { describeCoopCycleError, type ErrorHints } from './errors';
import { fillIdsInPath, idOfIri } from './ids';

export const CREDENTIAL_TYPE = 'coopCycleOAuth2Api';

/** API Platform caps `itemsPerPage` at 100. */
const MAX_PAGE_SIZE = 100;

type Request = DeclarativeRestApiSettings.ResultOptions;
type Send = (this: IExecutePaginationFunctions, request: Request) => Promise<INodeExecutionData[]>;

/** What an operation's own `read` can ask of CoopCycle, through the transport (retries, readable errors). */
export interface ApiClient {
	/** Sends the operation's own request (method, URL, body), with these query parameters instead of its own. */
	send(query?: IDataObject): Promise<IDataObject>;
	/** GETs another route of the API. */
	get(url: string, query?: IDataObject): Promise<IDataObject>;
}

/** How one operation sends its request(s) and shapes what comes back. */
export interface OperationSpec extends ErrorHints {
	/** The answer is a hydra collection: one output item per member, pages followed through `hydra:next`. */
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
	 * the address). `me` is the API app when `storePath` was used.
	 */
	read?: (this: IExecutePaginationFunctions, api: ApiClient, me?: IDataObject) => Promise<IDataObject[]>;
	/** Last reshaping of the items, before Simplify. `me` is the API app when `storePath` was used. */
	output?: (this: IExecutePaginationFunctions, items: INodeExecutionData[], me?: IDataObject) => INodeExecutionData[];
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

/** A GET of `url` with the credential and headers of `request`. */
function getRequest(request: Request, url: string, qs: IDataObject = {}): Request {
	const headers = { ...(request.options.headers ?? {}) };
	delete headers['Content-Type'];
	return { ...request, options: { ...request.options, method: 'GET', url, qs, body: undefined, headers } };
}

async function apiAppOf(context: IExecutePaginationFunctions, send: Send, request: Request): Promise<IDataObject> {
	const now = Date.now();
	for (const [key, entry] of apiApps) if (now - entry.at > STORE_CACHE_MS) apiApps.delete(key);
	const key = `${context.getExecutionId()}|${credentialId(context)}`;
	let entry = apiApps.get(key);
	if (!entry) {
		const app = send
			.call(context, getRequest(request, '/api/me'))
			.then((items) => (items[0]?.json ?? {}) as IDataObject);
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
 * Output shaping.
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

/**
 * The request operations of a CoopCycle operation (`routing.operations`). It adds to the shared transport
 * (retries, error mapping): the store lookup, hydra paging with Return
 * All/Limit, splitting collections into items and Simplify.
 */
export function coopCycleOperation(spec: OperationSpec = {}): IN8nRequestOperations {
	return {
		async pagination(this: IExecutePaginationFunctions, requestData: Request) {
			const limit = spec.list ? limitOf(this) : Infinity;
			const countMembers = (pages: INodeExecutionData[]) =>
				pages.reduce((total, page) => total + membersOf(page.json).length, 0);
			const { pagination: send } = sendRequests({
				describeError: (failure) => describeCoopCycleError(failure, spec),
				acceptFailure: spec.acceptFailure,
				nextPage: spec.list
					? (previous, pageItems, allItems) => {
							const next = nextPageOf(pageItems[0]?.json);
							if (!next || next === previous.options.url || countMembers(allItems) >= limit) return undefined;
							// hydra:next already carries every filter of the first request.
							return { ...previous, options: { ...previous.options, url: next, qs: {} } };
						}
					: undefined,
			}) as { pagination: Send };

			let request = requestData;
			let me: IDataObject | undefined;
			if (spec.storePath !== undefined) {
				me = await apiAppOf(this, send, requestData);
				request = { ...request, options: { ...request.options, url: `${String(me.store)}${spec.storePath}` } };
			}
			if (spec.list && Number.isFinite(limit)) {
				request = {
					...request,
					options: { ...request.options, qs: { ...request.options.qs, itemsPerPage: Math.min(limit, MAX_PAGE_SIZE) } },
				};
			}

			let items: INodeExecutionData[];
			if (spec.read) {
				const bodyOf = async (sent: Request) => ((await send.call(this, sent))[0]?.json ?? {}) as IDataObject;
				const api: ApiClient = {
					send: async (qs = request.options.qs ?? {}) =>
						await bodyOf({ ...request, options: { ...request.options, qs } }),
					get: async (url, qs) => await bodyOf(getRequest(request, url, qs)),
				};
				items = (await spec.read.call(this, api, me)).map((json) => ({ json }));
			} else {
				items = await send.call(this, request);
			}
			if (spec.list) {
				items = items
					.flatMap((page) => membersOf(page.json))
					.slice(0, limit)
					.map((json) => ({ json }));
			} else if (spec.split) {
				const property = spec.split;
				items = items.flatMap((response) => {
					const inner = (response.json as IDataObject)[property];
					return Array.isArray(inner) ? (inner as IDataObject[]).map((json) => ({ json })) : [];
				});
			}
			if (spec.output) items = spec.output.call(this, items, me);
			if (!(this.getNodeParameter('simplify', false) as boolean)) return items;
			return items.map((item) => ({ ...item, json: simplify(item.json) as IDataObject }));
		},
	};
}

type PreSend = (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

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

/** The routing of an operation option: its request, the preSend steps that build it, and how it is sent. */
export function route(
	request: DeclarativeRestApiSettings.HttpRequestOptions,
	spec: OperationSpec = {},
	preSend: PreSend[] = [],
): INodePropertyRouting {
	const writes = request.method === 'POST' || request.method === 'PUT';
	return {
		request,
		send: { paginate: true, preSend: [fillIdsInPath, ...preSend, ...(writes ? [keepEmptyJsonBody] : [])] },
		operations: coopCycleOperation(spec),
	};
}
