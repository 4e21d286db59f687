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

/** Never wait longer than this for one retry, whatever `Retry-After` says. */
const MAX_RETRY_DELAY_MS = 60_000;

export function isNotDoneStatus(status: number | undefined): boolean {
	return status !== undefined && NOT_DONE_STATUSES.includes(status);
}

export function isUnconfirmedStatus(status: number | undefined): boolean {
	return status !== undefined && UNCONFIRMED_STATUSES.includes(status);
}

/** Waiting time before retry number `attempt` (0-based): `Retry-After` when the API gives it, else 1 s, 2 s, 4 s… */
export function retryDelayMs(headers: IDataObject | undefined, attempt: number, now = Date.now()): number {
	const retryAfter = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
	if (retryAfter !== undefined && String(retryAfter).trim() !== '') {
		const seconds = Number(retryAfter);
		const delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(String(retryAfter)) - now;
		if (Number.isFinite(delay)) return Math.min(Math.max(delay, 0), MAX_RETRY_DELAY_MS);
	}
	return Math.min(1000 * 2 ** attempt, MAX_RETRY_DELAY_MS);
}
