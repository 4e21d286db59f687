import {
	sleep,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
	type INodeProperties,
} from 'n8n-workflow';

import { isNotDoneStatus, isUnconfirmedStatus, retryDelayMs } from './retry';
import { serverGate, type ServerLimits } from './serverGate';
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
	/** How long a token lives when the answer does not say (`expires_in`) and the token is not a JWT with `exp`. */
	lifetimeSeconds: number;
	/**
	 * The server's gate (serverGate.ts): the token request counts among its requests in flight, but never waits
	 * for a place, since the requests holding them may be waiting for this very token.
	 */
	server?: ServerLimits;
}

function unreachable(exchange: TokenExchange, error: Error | undefined): AccessTokenError {
	const text = exchange.failure.unreachable(error?.message ?? 'no answer');
	return new AccessTokenError(text.message, text.description);
}

function refused(exchange: TokenExchange, status: number, body: unknown, retries: number): AccessTokenError {
	const text = exchange.failure.refused({ status, body, attempts: retries + 1 });
	return new AccessTokenError(text.message, text.description, status);
}

/** A token, and until when it may be handed out (`expires_in`, else the JWT's `exp`, else the service's lifetime). */
interface IssuedToken {
	token: string;
	usableUntil: number;
}

interface SharedToken {
	current?: IssuedToken;
	/** The token request under way: its token, or undefined when it failed (then `failure` says why). */
	pending?: Promise<IssuedToken | undefined>;
	failure?: { error: AccessTokenError; at: number };
}

const tokens = new Map<string, SharedToken>();

/**
 * The token each credentials object was last sent with. n8n hands preAuthentication the token it stored, which
 * is not always the one a request carried (the cache may hold a newer one): this tells which token was refused.
 */
const attached = new WeakMap<ICredentialDataDecryptedObject, string>();

/** The `exp` claim of a JWT-shaped token, in milliseconds; undefined for any other token. */
function jwtExpiry(token: string): number | undefined {
	const payload = token.split('.')[1];
	if (token.split('.').length !== 3 || !payload) return undefined;
	try {
		const exp = objectOf(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).exp;
		return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Until when a token fetched at `now` is handed out: its lifetime minus a margin (a tenth of it, at most a minute),
 * so that a request does not leave with a token that dies on the way, and a process never hands out a token it
 * knows has expired (in queue mode, each worker has its own cache and n8n's stored token may be another's).
 */
function usableUntil(token: string, body: IDataObject, now: number, lifetimeSeconds: number): number {
	const expiresIn = Number(body.expires_in);
	const expiry =
		Number.isFinite(expiresIn) && expiresIn > 0
			? now + expiresIn * 1000
			: (jwtExpiry(token) ?? now + lifetimeSeconds * 1000);
	const lifetime = Math.max(expiry - now, 0);
	return expiry - Math.min(lifetime / 10, 60_000);
}

async function requestToken(helper: IHttpRequestHelper, exchange: TokenExchange): Promise<IssuedToken> {
	for (let retries = 0; ; retries++) {
		let response: IN8nHttpFullResponse;
		const sentAt = Date.now();
		const send = async () =>
			(await helper.helpers.httpRequest({
				...exchange.request,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as IN8nHttpFullResponse;
		try {
			response = exchange.server ? await serverGate(exchange.server).borrow(send) : await send();
		} catch (error) {
			throw unreachable(exchange, error as Error);
		}
		const status = response.statusCode;
		const body = objectOf(response.body);
		const token = body.access_token;
		if (status >= 200 && status < 300 && typeof token === 'string' && token !== '') {
			return { token, usableUntil: usableUntil(token, body, sentAt, exchange.lifetimeSeconds) };
		}
		// A token request changes nothing that matters when repeated: it is sent again after any of these.
		if ((isNotDoneStatus(status) || isUnconfirmedStatus(status)) && retries < TOKEN_RETRIES) {
			await sleep(retryDelayMs(response.headers as IDataObject, retries));
			continue;
		}
		throw refused(exchange, status, response.body, retries);
	}
}

function sharedEntry(key: string): SharedToken {
	let shared = tokens.get(key);
	if (!shared) {
		shared = {};
		tokens.set(key, shared);
	}
	return shared;
}

/** The cached token, when it is still usable and is not the one just refused. */
function usableToken(shared: SharedToken, refused?: string): string | undefined {
	const current = shared.current;
	if (!current || current.token === refused || Date.now() >= current.usableUntil) return undefined;
	return current.token;
}

/**
 * What a credential's preAuthentication returns. n8n calls it when its stored token is empty, when an API
 * refused a token (401), and when the credential is tested: a token the request carried is never handed out again.
 *
 * Only the call that fetched a new token returns it (`{ accessToken }`), so n8n writes it to its database once
 * per token instead of once per item; every other call returns `{}` and its request is sent with the cached
 * token, which `tokenToSend` (called by the credential's authenticate) attaches.
 */
export async function preAuthenticate(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	exchange: TokenExchange,
): Promise<{ accessToken?: string }> {
	const stored = credentials.accessToken ? String(credentials.accessToken) : undefined;
	const refused = attached.get(credentials) ?? stored;
	const shared = sharedEntry(exchange.key);
	if (usableToken(shared, refused) !== undefined) return {};
	if (shared.failure && Date.now() - shared.failure.at < FAILURE_MEMORY_MS) throw shared.failure.error;
	if (shared.pending) {
		// Another item is fetching a token: use it (or fail as it did).
		if (!(await shared.pending)) throw shared.failure!.error;
		return {};
	}
	// Settled before anyone awaiting it resumes, so that the waiters find the new token in the cache.
	const pending = requestToken(helper, exchange).then(
		(token) => {
			shared.current = token;
			shared.failure = undefined;
			shared.pending = undefined;
			return token;
		},
		(error: AccessTokenError) => {
			shared.failure = { error, at: Date.now() };
			shared.pending = undefined;
			return undefined;
		},
	);
	shared.pending = pending;
	const issued = await pending;
	if (!issued) throw shared.failure!.error;
	return { accessToken: issued.token };
}

/**
 * The access token a request is sent with: this process's cached token while it is usable (it is newer than, or
 * the same as, the stored one), else the token n8n stored with the credential. Remembered per credentials object,
 * so that a 401 is blamed on the token the request really carried.
 */
export function tokenToSend(credentials: ICredentialDataDecryptedObject, key: string): string {
	const shared = tokens.get(key);
	const token = (shared && usableToken(shared)) ?? String(credentials.accessToken ?? '');
	attached.set(credentials, token);
	return token;
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

/**
 * Makes a request ready to send, for both credentials: the service's address, and the access token. Done in code
 * rather than with expressions, which n8n would evaluate for every request of every item (see the repository's
 * docs/performance.md). The address is always the credential's: the nodes' `requestDefaults.baseURL` is only the
 * placeholder n8n requires (see SERVICE_ADDRESS_PLACEHOLDER); a request with a full URL keeps its own.
 */
export function withAccess(requestOptions: IHttpRequestOptions, baseURL: string, token: string): IHttpRequestOptions {
	requestOptions.baseURL = baseURL;
	requestOptions.headers = { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${token}` };
	return requestOptions;
}

/**
 * What the nodes give n8n as `requestDefaults.baseURL`. n8n wants one there (its dropdowns that load their
 * choices refuse a node without it), but the address is the credential's, set on every request by its
 * authenticate (withAccess). A reserved `.invalid` name never resolves: if it ever showed in an error, it would
 * say where the address should have come from.
 */
export const SERVICE_ADDRESS_PLACEHOLDER = 'https://address-from-the-credential.invalid';
