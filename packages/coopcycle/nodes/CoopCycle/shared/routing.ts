import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodePropertyRouting,
} from 'n8n-workflow';

import { route, type Api, type PreSend, type Request, type RouteSpec } from '../../shared/route';
import { maxInFlightOf, type ServerOf } from '../../shared/serverGate';
import type { HttpFailure, ReadableError } from '../../shared/transport';
import { underStore } from './apiApp';
import { describeCoopCycleError, type ErrorHints } from './errors';
import { HYDRA_LIST } from './hydra';
import { instanceUrlOf } from './instanceUrl';
import { splitItems } from './outputs';
import { fillIdsInPath, keepEmptyJsonBody } from './requests';
import { simplifyIfAsked } from './simplify';

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
	/** Completes the request before it is sent, with what other requests tell (when there is no storePath). */
	prepare?: RouteSpec['prepare'];
	/** Answers that are results rather than failures for this operation (to the request it sent). */
	acceptFailure?: (failure: HttpFailure, request: Request) => INodeExecutionData[] | undefined;
	/**
	 * Makes the request(s) its own way and returns the items to output, for operations one plain request does
	 * not answer: Delivery → Get Many (whose route cannot be paged), Store → Add Address (whose answer is not
	 * the address).
	 */
	read?: RouteSpec['read'];
	/** After an unconfirmed create, pick-up, drop-off or cancel: find out whether CoopCycle did it (route.ts). */
	resolveUnconfirmed?: RouteSpec['resolveUnconfirmed'];
	/** Last reshaping of the items, before Simplify. */
	output?: RouteSpec['output'];
	/** Completes an error's words with what the request sent (e.g. Create's item key). */
	explainError?: (readable: ReadableError, failure: HttpFailure, request: Request) => ReadableError;
	/** What Simplify makes of each item, when not the usual (simplify.ts). */
	simplified?: (json: IDataObject) => IDataObject;
}

/**
 * Which requests are sent again after an answer that does not prove they failed (502, 504, broken connection): reads, the price, feasibility and optimization checks
 * (they compute, store nothing), and a delivery update (the same changes again). Creating a delivery or a quote
 * could create a second one; confirming, picking up, dropping off and cancelling may be refused the second time;
 * accepting an order again e-mails its customer again (orderAccept.ts reads the order back instead).
 */
const COMPUTING_POSTS = [
	'/api/deliveries/assert',
	'/api/retail_prices/calculate',
	'/api/deliveries/suggest_optimizations',
];

function repeatable(request: DeclarativeRestApiSettings.ResultOptions): boolean {
	const { method = 'GET', url = '' } = request.options;
	const path = url.replace(/^https?:\/\/[^/]+/i, '').split('?')[0];
	if (method === 'GET') return true;
	if (method === 'POST') return COMPUTING_POSTS.includes(path);
	return method === 'PUT' && /^\/api\/deliveries\/[^/]+$/.test(path);
}

/** The CoopCycle instance of the node's credential, and its "Max Requests at Once". */
export const COOPCYCLE_SERVER: ServerOf = {
	credentialType: 'coopCycleOAuth2Api',
	limits: (credentials) => ({ url: instanceUrlOf(credentials), maxInFlight: maxInFlightOf(credentials) }),
};

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
		describeError: (failure, sent) => {
			const readable = describeCoopCycleError(failure, operation, sent);
			return operation.explainError ? operation.explainError(readable, failure, sent) : readable;
		},
		repeatable,
		server: COOPCYCLE_SERVER,
		acceptFailure: operation.acceptFailure,
		resolveUnconfirmed: operation.resolveUnconfirmed,
		list: operation.list ? HYDRA_LIST : undefined,
		prepare: storePath === undefined ? operation.prepare : underStore(storePath),
		read: operation.read,
		async output(this: IExecutePaginationFunctions, items: INodeExecutionData[], api: Api) {
			let shaped = split ? splitItems(items, split) : items;
			if (operation.output) shaped = await operation.output.call(this, shaped, api);
			return simplifyIfAsked(this, shaped, operation.simplified);
		},
	});
}
