import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeExecutionData,
	type INodePropertyRouting,
	type JsonObject,
} from 'n8n-workflow';

import { limitOf } from './fields';
import { sendRequest, UnconfirmedRequest, type FailureHandling } from './transport';

/**
 * The routing factory of every operation of both nodes: `routing: route({...})` on an operation option. n8n
 * builds the request from the description and runs its preSend steps; then, in n8n's pagination hook (which
 * `paginate: true` hands over to us), the operation's preSend steps run, the request goes through the shared
 * transport (bounded load, retries, readable errors), lists are paged and cut to Limit, and the items are shaped
 * and linked to their input item. Each service gives its error mapping and its own
 * steps through a small adapter of its own (CoopCycle: store lookup, hydra lists, Simplify).
 */

export type Request = DeclarativeRestApiSettings.ResultOptions;

/** A step that builds or checks the request before it is sent (n8n's preSend). */
export type PreSend = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** A step that shapes each successful answer into output items (n8n's postReceive). */
export type PostReceive = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

/** What an operation's own steps may ask of the API, through the transport (retries, readable errors). */
export interface Api {
	/** The operation's request, as the routing and its preSend steps built it (and `prepare` completed it). */
	readonly request: Request;
	/** How many items a list outputs at most (Infinity for Return All, and for operations that are not lists). */
	readonly limit: number;
	/** Sends a request: the output items of its answer. */
	send(request: Request): Promise<INodeExecutionData[]>;
	/** The operation's request with these query parameters instead of its own: the body of the answer. */
	query(qs?: IDataObject): Promise<IDataObject>;
	/** A GET of another route, with the credential and headers of the operation's request: the body of the answer. */
	get(url: string, qs?: IDataObject): Promise<IDataObject>;
}

/** How a list is read page after page. */
export interface ListPaging {
	/** The first page's request, asking for no more than `limit` items where the API can be told (default: as built). */
	firstPage?: (request: Request, limit: number) => Request;
	/** The next page's request, or undefined when the list is read or `all` holds enough for `limit`. */
	nextPage: (
		this: IExecutePaginationFunctions,
		previous: Request,
		page: INodeExecutionData[],
		all: INodeExecutionData[],
		limit: number,
	) => Request | undefined;
	/** The list's items in the answers of its pages (default: the answers' items as they are). */
	itemsOf?: (answers: INodeExecutionData[]) => INodeExecutionData[];
}

export interface RouteSpec extends FailureHandling {
	/** Method, URL, query and headers, as n8n's routing takes them. */
	request: DeclarativeRestApiSettings.HttpRequestOptions;
	/** Steps that build or check the request: a mistake fails the item before anything is sent. */
	preSend?: PreSend[];
	/** Steps that shape each successful answer (not the answers `acceptFailure` turns into items). */
	postReceive?: PostReceive[];
	/** A list, with Return All and Limit: read page after page, then cut to Limit here, and only here. */
	list?: ListPaging;
	/** Requests to make first, to complete the operation's request (e.g. its URL): the request to send. */
	prepare?: (this: IExecutePaginationFunctions, api: Api) => Promise<Request>;
	/** Reads with requests of its own, for what one request and its pages do not answer: the items to output. */
	read?: (this: IExecutePaginationFunctions, api: Api) => Promise<IDataObject[]>;
	/**
	 * For a write that must not be sent twice: after an answer that does not say whether the server acted
	 * (`UnconfirmedRequest`), find out (e.g. look the delivery up) and return the items to output, or throw a
	 * message that says what is known. Without it, the item fails with `unconfirmed.readable`.
	 */
	resolveUnconfirmed?: (
		this: IExecutePaginationFunctions,
		api: Api,
		unconfirmed: UnconfirmedRequest,
	) => Promise<INodeExecutionData[]>;
	/** Last shaping of all the items, accepted failures included. */
	output?: (
		this: IExecutePaginationFunctions,
		items: INodeExecutionData[],
		api: Api,
	) => Promise<INodeExecutionData[]> | INodeExecutionData[];
}

/** A GET of `url` with the credential and headers of `request` (no body, so no Content-Type). */
function getRequest(request: Request, url: string, qs: IDataObject = {}): Request {
	const headers = { ...(request.options.headers ?? {}) };
	delete headers['Content-Type'];
	return { ...request, options: { ...request.options, method: 'GET', url, qs, body: undefined, headers } };
}

function apiFor(context: IExecutePaginationFunctions, request: Request, limit: number, handling: FailureHandling): Api {
	const send = async (sent: Request) => await sendRequest(context, sent, handling);
	const bodyOf = async (sent: Request) => ((await send(sent))[0]?.json ?? {}) as IDataObject;
	return {
		request,
		limit,
		send,
		query: async (qs = request.options.qs ?? {}) => await bodyOf({ ...request, options: { ...request.options, qs } }),
		get: async (url, qs) => await bodyOf(getRequest(request, url, qs)),
	};
}

async function readList(
	context: IExecutePaginationFunctions,
	api: Api,
	list: ListPaging,
): Promise<INodeExecutionData[]> {
	const answers: INodeExecutionData[] = [];
	let next: Request | undefined = list.firstPage ? list.firstPage(api.request, api.limit) : api.request;
	while (next) {
		const page = await api.send(next);
		answers.push(...page);
		next = list.nextPage.call(context, next, page, answers, api.limit);
	}
	return list.itemsOf ? list.itemsOf(answers) : answers;
}

/**
 * The operation's one request; when it must not be sent twice and its answer does not say whether the server
 * acted, the operation finds out (`resolveUnconfirmed`), or the item fails with a message that says so.
 */
async function sendOnce(
	context: IExecutePaginationFunctions,
	api: Api,
	spec: RouteSpec,
): Promise<INodeExecutionData[]> {
	if (!spec.resolveUnconfirmed) return await api.send(api.request);
	const sent = await api.send(api.request).then(
		(items) => ({ items }),
		(error: unknown) => ({ error }),
	);
	if ('items' in sent) return sent.items;
	if (sent.error instanceof UnconfirmedRequest) return await spec.resolveUnconfirmed.call(context, api, sent.error);
	// Any other failure is the item's error (the pagination hook reads it as such).
	throw sent.error;
}

/** The item's error for an unconfirmed request nothing resolved: the service's words for what may have happened. */
function unconfirmedError(
	context: IExecutePaginationFunctions,
	{ failure, readable }: UnconfirmedRequest,
): NodeApiError {
	return new NodeApiError(context.getNode(), (failure.body ?? {}) as JsonObject, {
		message: readable.message,
		description: readable.description,
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex: context.getItemIndex(),
	});
}

/**
 * Every output item carries the input item it came from: n8n links items on its own only when a node outputs one
 * item per input, and a list fed several items outputs many, so expressions such as `$('Get Many').item` would
 * find no link.
 */
function linkedTo(items: INodeExecutionData[], item: number): INodeExecutionData[] {
	for (const output of items) output.pairedItem ??= { item };
	return items;
}

/**
 * The error of an item, as n8n's routing engine would have raised it. With "On Error: Continue" it becomes the
 * item's error item here, linked to its input item (n8n's own error items carry no link).
 */
function itemError(context: IExecutePaginationFunctions, error: unknown): Error {
	if (error instanceof UnconfirmedRequest) return unconfirmedError(context, error);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex: context.getItemIndex() });
}

export function route(spec: RouteSpec): INodePropertyRouting {
	const handling: FailureHandling = {
		describeError: spec.describeError,
		acceptFailure: spec.acceptFailure,
		repeatable: spec.repeatable,
		server: spec.server,
		pacing: spec.pacing,
	};
	return {
		request: spec.request,
		// The preSend steps run in the pagination hook below, so that an item they fail is linked to its input too.
		send: { paginate: true, preSend: [] },
		...(spec.postReceive ? { output: { postReceive: spec.postReceive } } : {}),
		operations: {
			async pagination(this: IExecutePaginationFunctions, requestData: Request) {
				const item = this.getItemIndex();
				try {
					for (const step of spec.preSend ?? []) {
						requestData.options = await step.call(this, requestData.options as IHttpRequestOptions);
					}
					const limit = spec.list ? limitOf(this) : Infinity;
					let api = apiFor(this, requestData, limit, handling);
					if (spec.prepare) api = apiFor(this, await spec.prepare.call(this, api), limit, handling);
					let items: INodeExecutionData[];
					if (spec.read) items = (await spec.read.call(this, api)).map((json) => ({ json }));
					else if (spec.list) items = await readList(this, api, spec.list);
					else items = await sendOnce(this, api, spec);
					if (spec.list) items = items.slice(0, limit);
					return linkedTo(spec.output ? await spec.output.call(this, items, api) : items, item);
				} catch (error) {
					const failure = itemError(this, error);
					if (this.continueOnFail()) return [{ json: {}, error: failure as NodeApiError, pairedItem: { item } }];
					throw failure;
				}
			},
		},
	};
}
