import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IN8nRequestOperations,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { accessTokenErrorIn } from './accessToken';
import { failItem } from './failItem';
import { isRetryableStatus, retryDelayMs } from './retry';

/**
 * Shared by both nodes: how a declarative request is sent, retried and turned into a readable error.
 *
 * Every operation routes its request through `sendRequests` (n8n's "pagination function" hook is the one place
 * where a declarative node controls how its requests are made). n8n still builds the request from the node
 * description and still authenticates it (including its refresh-on-401), we only add:
 *  - retries of 429, 502, 503 and 504 answers, honouring `Retry-After` (retry.ts);
 *  - the credential's own words when no access token could be had (accessToken.ts);
 *  - one error mapping per API, so that every failure reads as a sentence naming what to fix;
 *  - paging, for operations that list things.
 */

/** What we know of a failed HTTP call. */
export interface HttpFailure {
	status?: number;
	body: unknown;
	headers: Record<string, string>;
	/** The error n8n raised, for anything the mapping does not cover. */
	error: Error & IDataObject;
}

export interface ReadableError {
	message: string;
	description?: string;
}

export interface SendOptions {
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
	/** Requests after the first for a list: return the next page's request, or undefined when done. */
	nextPage?: (
		this: IExecutePaginationFunctions,
		previous: DeclarativeRestApiSettings.ResultOptions,
		pageItems: INodeExecutionData[],
		allItems: INodeExecutionData[],
	) => DeclarativeRestApiSettings.ResultOptions | undefined;
}

/** How many times a 429/502/503/504 answer is retried before the item fails. */
const MAX_RETRIES = 3;

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

/** Sends one request (n8n builds and authenticates it), retrying rate limits and maintenance answers. */
async function sendOnce(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	options: SendOptions,
): Promise<INodeExecutionData[]> {
	const maxRetries = MAX_RETRIES;
	for (let attempt = 0; ; attempt++) {
		try {
			// n8n mutates the options (auth headers, full-response flag): give each attempt its own copy.
			return await context.makeRoutingRequest({
				...requestData,
				options: { ...requestData.options, headers: { ...(requestData.options.headers ?? {}) } },
			});
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
			const accepted = options.acceptFailure?.call(context, failure, requestData);
			if (accepted) return accepted;
			if (isRetryableStatus(failure.status) && attempt < maxRetries) {
				await sleep(retryDelayMs(failure.headers, attempt));
				continue;
			}
			const readable = options.describeError.call(context, failure, requestData);
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
 * The request operations of an operation: `routing: { send: { paginate: true }, operations: sendRequests(...) }`.
 * (`paginate: true` is what makes n8n hand the request over to us.)
 */
export function sendRequests(options: SendOptions): IN8nRequestOperations {
	return {
		async pagination(this: IExecutePaginationFunctions, requestData) {
			const allItems: INodeExecutionData[] = [];
			let next: DeclarativeRestApiSettings.ResultOptions | undefined = requestData;
			while (next) {
				const pageItems = await sendOnce(this, next, options);
				allItems.push(...pageItems);
				next = options.nextPage?.call(this, next, pageItems, allItems);
			}
			return allItems;
		},
	};
}
