import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeProperties,
} from 'n8n-workflow';

import { isRetryableStatus, retryDelayMs } from './retry';
import { objectOf } from './values';

/**
 * Both credentials exchange a secret for a short-lived access token: CoopCycle's client ID and secret (OAuth2
 * client credentials, 1-hour tokens), the registry's access key and secret key (5-minute tokens, and only 5
 * token requests a minute). n8n asks the credential for a token through `preAuthentication` whenever its stored
 * token is empty, and again after an API answered 401. Many items, and many executions of one n8n process, do
 * that at the same moment; this module makes sure they share one token and one token request:
 *  - a token is kept per secret and process, and handed to every caller that has not seen it rejected;
 *  - while a token request is running, later callers wait for it instead of sending their own;
 *  - a rejected token is replaced once, however many requests saw it rejected;
 *  - a failed token request (wrong secret, say) answers for the same secret for a while, instead of being sent
 *    again for every item;
 *  - 429 and 502/503/504 answers of the token route are waited out and retried (Retry-After is honoured), as the
 *    API requests are, so a rate limit or a maintenance window never fails an item that a wait could save.
 */

/**
 * The hidden field each credential keeps its access token in: preAuthentication fills it, n8n stores it with the
 * credential, and asks preAuthentication again when it is empty or the API answered 401 to it.
 */
export const ACCESS_TOKEN_FIELD: INodeProperties = {
	displayName: 'Access Token',
	name: 'accessToken',
	type: 'hidden',
	typeOptions: { expirable: true, password: true },
	default: '',
};

/** How many times the token request is retried after a 429 or a 502/503/504 answer. */
const TOKEN_RETRIES = 4;

/**
 * How long a failed token request answers for the same secret. The items of a run do not all start at the same
 * instant: without this, each item arriving after the failure would ask again, only to be refused again.
 */
const FAILURE_MEMORY_MS = 30_000;

/** A token request that could not give a token: the message says what the user should check. */
export class AccessTokenError extends Error {
	readonly description?: string;

	/**
	 * The HTTP status of the token route's answer; undefined when the server could not be reached. (Not named
	 * httpCode: n8n would replace the message by its generic one for that status.)
	 */
	readonly tokenRouteStatus?: number;

	constructor(message: string, description?: string, tokenRouteStatus?: number) {
		super(message);
		this.name = 'AccessTokenError';
		this.description = description;
		this.tokenRouteStatus = tokenRouteStatus;
	}
}

/** A sentence for the user, and what to check. */
export interface TokenFailureText {
	message: string;
	description?: string;
}

/** How a credential explains, in its service's words, a token request that gave no token. */
export interface TokenFailureWords {
	/** Nothing answered (wrong host, network); `reason` is the network error's message. */
	unreachable: (reason: string) => TokenFailureText;
	/**
	 * The token route answered without a token: its status and body; `attempts` counts the requests sent, more than
	 * one when 429 or 502/503/504 answers were waited out and retried.
	 */
	refused: (answer: { status: number; body: unknown; attempts: number }) => TokenFailureText;
}

export interface TokenExchange {
	/** Identifies the secret: everything that uses the same URL and secret in this process shares one token. */
	key: string;
	/**
	 * The token request (n8n's plain HTTP helper sends it; the secret is in it, never in an error). Both APIs
	 * answer `{"access_token": "…"}`.
	 */
	request: IHttpRequestOptions;
	/** What to say when no token could be had. */
	failure: TokenFailureWords;
}

function unreachable(exchange: TokenExchange, error: Error | undefined): AccessTokenError {
	const text = exchange.failure.unreachable(error?.message ?? 'no answer');
	return new AccessTokenError(text.message, text.description);
}

function refused(exchange: TokenExchange, status: number, body: unknown, retries: number): AccessTokenError {
	const text = exchange.failure.refused({ status, body, attempts: retries + 1 });
	return new AccessTokenError(text.message, text.description, status);
}

interface SharedToken {
	token?: string;
	pending?: Promise<string>;
	failure?: { error: AccessTokenError; at: number };
}

const tokens = new Map<string, SharedToken>();

async function requestToken(helper: IHttpRequestHelper, exchange: TokenExchange): Promise<string> {
	for (let retries = 0; ; retries++) {
		let response: IN8nHttpFullResponse;
		try {
			response = (await helper.helpers.httpRequest({
				...exchange.request,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			throw unreachable(exchange, error as Error);
		}
		const status = response.statusCode;
		const token = objectOf(response.body).access_token;
		if (status >= 200 && status < 300 && typeof token === 'string' && token !== '') return token;
		if (isRetryableStatus(status) && retries < TOKEN_RETRIES) {
			await sleep(retryDelayMs(response.headers as IDataObject, retries));
			continue;
		}
		throw refused(exchange, status, response.body, retries);
	}
}

/**
 * What a credential's preAuthentication returns: the access token to use. n8n only calls preAuthentication with
 * a token when an API refused that token (or when the credential is tested), so that one is never handed out again.
 */
export async function preAuthenticate(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	exchange: TokenExchange,
): Promise<{ accessToken: string }> {
	const rejected = credentials.accessToken ? String(credentials.accessToken) : undefined;
	return { accessToken: await sharedToken(helper, exchange, rejected) };
}

async function sharedToken(helper: IHttpRequestHelper, exchange: TokenExchange, rejected?: string): Promise<string> {
	let shared = tokens.get(exchange.key);
	if (!shared) {
		shared = {};
		tokens.set(exchange.key, shared);
	}
	if (shared.token && shared.token !== rejected) return shared.token;
	if (shared.failure && Date.now() - shared.failure.at < FAILURE_MEMORY_MS) throw shared.failure.error;
	const entry = shared;
	entry.pending ??= requestToken(helper, exchange).then(
		(token) => {
			entry.token = token;
			entry.pending = undefined;
			entry.failure = undefined;
			return token;
		},
		(error: AccessTokenError) => {
			entry.pending = undefined;
			entry.failure = { error, at: Date.now() };
			throw error;
		},
	);
	return await entry.pending;
}

/** The AccessTokenError behind an error n8n raised (it wraps what preAuthentication throws), if any. */
export function accessTokenErrorIn(error: unknown): AccessTokenError | undefined {
	let current = error as (Error & { cause?: unknown }) | undefined;
	for (let depth = 0; current && depth < 6; depth++) {
		if (current instanceof AccessTokenError || current.name === 'AccessTokenError') return current as AccessTokenError;
		current = current.cause as (Error & { cause?: unknown }) | undefined;
	}
	return undefined;
}
