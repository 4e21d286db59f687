import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { accessTokenErrorIn } from './accessToken';
import { failItem } from './failItem';
import type { Pacing } from './pacing';
import { isNotDoneStatus, isUnconfirmedStatus, RetryBudget } from './retry';
import { serverGate, serverLimitsOf, type ServerLimits, type ServerOf } from './serverGate';

/**
 * Shared by both nodes: how one declarative request is sent, retried and turned into a readable error. Every
 * operation reaches it through the routing factory (route.ts), from n8n's "pagination function" hook, the one
 * place where a declarative node controls how its requests are made. n8n still builds the request from the node
 * description and still authenticates it (including its refresh-on-401); this adds:
 *  - at most "Max Requests at Once" requests in flight to the server (serverGate.ts), paced under its rate
 *    limits when the service says how (pacing.ts);
 *  - 429 and 503 answers waited out for every request, up to 10 minutes, honouring the server's headers
 *    (retry.ts); 502, 504 and broken connections retried only for the requests that may be sent twice;
 *  - the credential's own words when no access token could be had (accessToken.ts);
 *  - the service's error mapping, so that every failure reads as a sentence naming what to fix;
 *  - answers that are results for an operation rather than failures (e.g. 409 "already registered").
 */

/** What we know of a failed HTTP call. */
export interface HttpFailure {
	status?: number;
	body: unknown;
	headers: Record<string, string>;
	/** The error n8n raised, for anything the mapping does not cover. */
	error: Error & IDataObject;
	/**
	 * Set when the request must not be sent twice and the answer does not say whether the server acted (502, 504,
	 * a connection broken after it went out): it was not sent again, and the message must say it may be done.
	 */
	unconfirmed?: boolean;
	/** Set when the transport sent the request again until its retries were spent (retry.ts: 10 minutes for 429/503). */
	retried?: boolean;
}

export interface ReadableError {
	message: string;
	description?: string;
}

/** How an operation reads the failures of its requests. */
export interface FailureHandling {
	/** Turns an API failure into a message for the user (the API's own words, the field to fix). */
	describeError: (
		this: IExecutePaginationFunctions,
		failure: HttpFailure,
		request: DeclarativeRestApiSettings.ResultOptions,
	) => ReadableError;
	/** Answers that are not failures for this operation (e.g. 409 "already registered"): return the items to output. */
	acceptFailure?: (
		this: IExecutePaginationFunctions,
		failure: HttpFailure,
		request: DeclarativeRestApiSettings.ResultOptions,
	) => INodeExecutionData[] | undefined;
	/**
	 * Whether the request may be sent again after an answer that does not prove it failed (502, 504, a connection
	 * broken or timed out after the request went out: the server may have done it): reads, and writes whose
	 * repeat is harmless. Default: not repeatable. 429 and 503 ("not done") are retried whatever this says.
	 */
	repeatable?: (request: DeclarativeRestApiSettings.ResultOptions) => boolean;
	/** The node's server and its "Max Requests at Once", from its credential (serverGate.ts). */
	server?: ServerOf;
	/** The service's pacing under its rate limits (pacing.ts). */
	pacing?: Pacing;
}

/**
 * Raised by `sendRequest` when a request that must not be sent twice got an answer that does not say whether the
 * server acted (502, 504, a broken connection after it went out). The routing factory hands it to the operation's
 * `resolveUnconfirmed` (which finds out what happened), or turns it into the message `readable` holds.
 */
export class UnconfirmedRequest extends Error {
	constructor(
		readonly failure: HttpFailure,
		readonly request: DeclarativeRestApiSettings.ResultOptions,
		readonly readable: ReadableError,
	) {
		super(readable.message);
		this.name = 'UnconfirmedRequest';
	}
}

/**
 * Connections that broke or timed out on the way: a busy server or network that a second try usually gets
 * through. (A refused connection or an unknown host is a wrong address: retrying would only delay the message.)
 */
const TRANSIENT_NETWORK_CODES = ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN'];

/**
 * The network error code (ECONNRESET, ECONNREFUSED, ENOTFOUND, a TLS code…) when the request got no answer from
 * the server; undefined for an HTTP answer and for a failure inside n8n (its database, say), which n8n raises
 * in the same way but which is not the server's fault. n8n sends requests with axios: its error is in the chain.
 */
export function networkErrorCode(error: unknown): string | undefined {
	let current = error as IDataObject | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
		if (current.isAxiosError === true) {
			return current.response === undefined && typeof current.code === 'string' ? current.code : undefined;
		}
		// n8n 1.x keeps no axios error in the chain: its NodeApiError carries the network code as its httpCode.
		if (typeof current.httpCode === 'string' && /^E[A-Z0-9_]+$/.test(current.httpCode)) return current.httpCode;
		current = current.cause as IDataObject | undefined;
	}
	return undefined;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers as IDataObject)) result[key.toLowerCase()] = String(value);
	}
	return result;
}

/** Reads status, body and headers out of the error n8n's HTTP layer raised. */
export function httpFailureOf(error: Error & IDataObject): HttpFailure {
	const cause = (error.cause ?? {}) as IDataObject;
	const response = ((cause.response as IDataObject) ?? (error.response as IDataObject) ?? {}) as IDataObject;
	const context = (error.context ?? {}) as IDataObject;
	const statusText = error.httpCode ?? response.status ?? cause.status ?? error.statusCode;
	const status = statusText === undefined || statusText === 'none' ? undefined : Number(statusText);
	return {
		status: Number.isFinite(status) ? status : undefined,
		body: response.data ?? context.data ?? (error.errorResponse as IDataObject | undefined),
		headers: lowerCaseHeaders(response.headers),
		error,
	};
}

/**
 * Whether the server may have acted on a request that failed: a 502/504 from a gateway, or a connection that
 * broke or timed out after the request went out.
 */
export function isUnconfirmed(failure: HttpFailure, thrown: unknown): boolean {
	if (isUnconfirmedStatus(failure.status)) return true;
	const code = failure.status === undefined ? networkErrorCode(thrown) : undefined;
	return code !== undefined && TRANSIENT_NETWORK_CODES.includes(code);
}

/**
 * How long to wait before sending a failed request again, or undefined when it is not worth it: a "not done"
 * answer (429, 503) for every request, for up to 10 minutes; an unconfirmed failure (502, 504, broken
 * connection) only for a request whose repeat is harmless, a few times (retry.ts).
 */
function retryDelayFor(
	failure: HttpFailure,
	thrown: unknown,
	repeatable: boolean,
	budget: RetryBudget,
): number | undefined {
	if (isNotDoneStatus(failure.status)) return budget.afterNotDone(failure.headers);
	if (repeatable && isUnconfirmed(failure, thrown)) return budget.afterUnconfirmed(failure.headers);
	return undefined;
}

/** Sends through the server's gate (and its pacing first, which holds no place in the gate). */
async function throughGate<T>(
	limits: ServerLimits | undefined,
	pacing: Pacing | undefined,
	request: DeclarativeRestApiSettings.ResultOptions,
	send: () => Promise<T>,
): Promise<T> {
	if (!limits) return await send();
	const paced = pacing?.before(request, limits.url);
	if (paced) await paced;
	return await serverGate(limits).run(send);
}

/**
 * A failure without an answer and without a network error: n8n itself failed around the request (its database
 * when it stores a new access token, for example), so the service is not to blame.
 */
export function notSent(service: string, failure: HttpFailure): ReadableError {
	return {
		message: `n8n could not complete the request to ${service}: ${failure.error.message}`,
		description: `The error came from n8n, not from ${service} (for example n8n's database did not answer). Run the item again; if it persists, look at n8n's log.`,
	};
}

/**
 * Sends one request (n8n authenticates it, and shapes the answer with the operation's postReceive), retrying
 * rate limits and maintenance answers: the output items of the answer.
 */
export async function sendRequest(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	handling: FailureHandling,
): Promise<INodeExecutionData[]> {
	const limits = await serverLimitsOf(context, handling.server);
	const budget = new RetryBudget();
	for (;;) {
		try {
			// n8n mutates the options (auth headers, full-response flag): give each attempt its own copy.
			return await throughGate(
				limits,
				handling.pacing,
				requestData,
				async () =>
					await context.makeRoutingRequest({
						...requestData,
						options: { ...requestData.options, headers: { ...(requestData.options.headers ?? {}) } },
					}),
			);
		} catch (thrown) {
			const tokenFailure = accessTokenErrorIn(thrown);
			if (tokenFailure) {
				// The credential could not get a token (wrong secret, scope, URL): its message says what to fix.
				failItem(context, tokenFailure.message, tokenFailure.description);
			}
			const failure = httpFailureOf(thrown as Error & IDataObject);
			if (failure.status === undefined && !(thrown as IDataObject).httpCode && !(thrown as IDataObject).cause) {
				// Not an HTTP failure (e.g. an error of ours raised while reading the answer): keep its message.
				throw thrown instanceof NodeOperationError || thrown instanceof NodeApiError
					? thrown
					: new NodeOperationError(context.getNode(), thrown as Error, { itemIndex: context.getItemIndex() });
			}
			const accepted = handling.acceptFailure?.call(context, failure, requestData);
			if (accepted) return accepted;
			const repeatable = handling.repeatable?.(requestData) ?? false;
			const delay = retryDelayFor(failure, thrown, repeatable, budget);
			if (delay !== undefined) {
				if (failure.status === 429 && limits) handling.pacing?.refused(requestData, limits.url, delay);
				await sleep(delay);
				continue;
			}
			failure.unconfirmed = !repeatable && isUnconfirmed(failure, thrown);
			failure.retried = isNotDoneStatus(failure.status) || (repeatable && isUnconfirmed(failure, thrown));
			const readable = handling.describeError.call(context, failure, requestData);
			if (failure.unconfirmed) {
				// Never reaches n8n: the routing factory (route.ts) resolves it or turns it into a NodeApiError.
				const unconfirmed = new UnconfirmedRequest(failure, requestData, readable);
				throw unconfirmed;
			}
			throw new NodeApiError(context.getNode(), (failure.body ?? {}) as JsonObject, {
				message: readable.message,
				description: readable.description,
				httpCode: failure.status === undefined ? undefined : String(failure.status),
				itemIndex: context.getItemIndex(),
			});
		}
	}
}

/**
 * For a node that sends its own requests (a polling trigger has no routing): one request, authenticated with the
 * credential (its shared token, n8n's refresh after a 401), through the server's gate and retried as
 * `sendRequest` does (it only reads), failures in the service's words. The body of the answer.
 */
export async function sendAuthenticated(
	context: IPollFunctions,
	credentialType: string,
	request: IHttpRequestOptions,
	describeError: (failure: HttpFailure) => ReadableError,
	server?: ServerOf,
): Promise<unknown> {
	const limits = await serverLimitsOf(context, server);
	const budget = new RetryBudget();
	for (;;) {
		try {
			// n8n adds the authentication to the options it is given: each attempt gets its own copy.
			const send = async () =>
				(await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
					...request,
					headers: { ...(request.headers ?? {}) },
				})) as unknown;
			return limits ? await serverGate(limits).run(send) : await send();
		} catch (thrown) {
			const tokenFailure = accessTokenErrorIn(thrown);
			if (tokenFailure) {
				throw new NodeOperationError(context.getNode(), tokenFailure.message, {
					description: tokenFailure.description,
				});
			}
			const failure = httpFailureOf(thrown as Error & IDataObject);
			// The trigger only reads: an unconfirmed failure may be retried.
			const delay = retryDelayFor(failure, thrown, true, budget);
			if (delay !== undefined) {
				await sleep(delay);
				continue;
			}
			failure.retried = isNotDoneStatus(failure.status) || isUnconfirmed(failure, thrown);
			const readable = describeError(failure);
			throw new NodeApiError(context.getNode(), (failure.body ?? {}) as JsonObject, {
				message: readable.message,
				description: readable.description,
				httpCode: failure.status === undefined ? undefined : String(failure.status),
			});
		}
	}
}
