import type { IDataObject } from 'n8n-workflow';

/**
 * When an answer is worth waiting for: both APIs answer 429 when a rate limit is reached, and 502/503/504 while
 * they are restarting or in maintenance. The request changed nothing on the server, so it is sent again.
 */
const RETRYABLE_STATUSES = [429, 502, 503, 504];

/** Never wait longer than this for one retry, whatever `Retry-After` says. */
const MAX_RETRY_DELAY_MS = 60_000;

export function isRetryableStatus(status: number | undefined): boolean {
	return status !== undefined && RETRYABLE_STATUSES.includes(status);
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
