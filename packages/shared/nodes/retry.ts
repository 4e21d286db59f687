import type { IDataObject } from 'n8n-workflow';

/**
 * Answers that prove the request was not done: 429 (a rate limit refused it) and 503 (the server or its gateway
 * refused it before any work). Every operation is sent again after them.
 */
const NOT_DONE_STATUSES = [429, 503];

/**
 * Answers that do not say whether the server acted: a gateway answers 502 or 504 when the application behind it
 * did not answer in time, and the application may still finish the work (nginx `fastcgi_read_timeout` does not
 * stop PHP-FPM). Only requests whose repeat is harmless are sent again after them.
 */
const UNCONFIRMED_STATUSES = [502, 504];

/**
 * How long a request refused with 429 or 503 keeps being sent again before its item fails: a rate limit's window
 * or a short maintenance passes in that time. Named in the READMEs and in the messages (`NOT_DONE_WAIT_MINUTES`).
 */
export const NOT_DONE_WAIT_MINUTES = 10;
const NOT_DONE_WAIT_MS = NOT_DONE_WAIT_MINUTES * 60_000;

/** How many times a repeatable request is sent again after a 502, a 504 or a broken connection. */
export const UNCONFIRMED_RETRIES = 3;

/** Never wait longer than this for one retry, whatever the server's headers say. */
const MAX_RETRY_DELAY_MS = 60_000;

export function isNotDoneStatus(status: number | undefined): boolean {
	return status !== undefined && NOT_DONE_STATUSES.includes(status);
}

export function isUnconfirmedStatus(status: number | undefined): boolean {
	return status !== undefined && UNCONFIRMED_STATUSES.includes(status);
}

function headerOf(headers: IDataObject | undefined, name: string): string | undefined {
	const value = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
	return value === undefined || String(value).trim() === '' ? undefined : String(value).trim();
}

/**
 * How long the server asks to wait, in milliseconds, when it says: `Retry-After` (seconds or a date, RFC 9110),
 * `RateLimit-Reset` (seconds, the IETF draft express-rate-limit sends with `standardHeaders`), the `reset=` of a
 * combined `RateLimit` header (later drafts), `X-RateLimit-Reset` (a Unix time in seconds, express-rate-limit's
 * legacy headers, its default; a small number is read as seconds to wait). Undefined when it does not say.
 */
export function serverDelayMs(headers: IDataObject | undefined, now = Date.now()): number | undefined {
	const retryAfter = headerOf(headers, 'retry-after');
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		const delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
		if (Number.isFinite(delay)) return Math.max(delay, 0);
	}
	const reset =
		headerOf(headers, 'ratelimit-reset') ?? /(?:^|[;,\s])reset=(\d+)/.exec(headerOf(headers, 'ratelimit') ?? '')?.[1];
	if (reset !== undefined && Number.isFinite(Number(reset))) return Math.max(Number(reset) * 1000, 0);
	const legacy = Number(headerOf(headers, 'x-ratelimit-reset'));
	if (Number.isFinite(legacy) && legacy > 0) return Math.max(legacy > 1e9 ? legacy * 1000 - now : legacy * 1000, 0);
	return undefined;
}

/** Waiting time before retry number `attempt` (0-based): what the server asks when it says, else 1 s, 2 s, 4 s… */
export function retryDelayMs(headers: IDataObject | undefined, attempt: number, now = Date.now()): number {
	const asked = serverDelayMs(headers, now);
	return Math.min(asked ?? 1000 * 2 ** attempt, MAX_RETRY_DELAY_MS);
}

/**
 * The retries of one request: "not done" answers (429, 503) are waited out for up to NOT_DONE_WAIT_MINUTES from
 * the first of them (the clock, not a count: a rate limit's window is time), an unconfirmed failure of a
 * repeatable request is retried UNCONFIRMED_RETRIES times.
 */
export class RetryBudget {
	private notDoneSince?: number;

	private notDoneAttempts = 0;

	private unconfirmedAttempts = 0;

	/** How long to wait before sending again after a 429 or 503, or undefined once the time is spent. */
	afterNotDone(headers: IDataObject | undefined, now = Date.now()): number | undefined {
		this.notDoneSince ??= now;
		const left = this.notDoneSince + NOT_DONE_WAIT_MS - now;
		if (left <= 0) return undefined;
		const attempt = this.notDoneAttempts++;
		// A server that keeps asking for no wait at all is not hammered for ten minutes: after a few, 1 s at least.
		const floor = attempt >= UNCONFIRMED_RETRIES ? 1000 : 0;
		return Math.min(Math.max(retryDelayMs(headers, attempt, now), floor), left);
	}

	/** How long to wait before sending a repeatable request again after a 502, a 504 or a broken connection. */
	afterUnconfirmed(headers: IDataObject | undefined, now = Date.now()): number | undefined {
		if (this.unconfirmedAttempts >= UNCONFIRMED_RETRIES) return undefined;
		return retryDelayMs(headers, this.unconfirmedAttempts++, now);
	}
}
