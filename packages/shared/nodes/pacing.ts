import { sleep } from 'n8n-workflow';

import type { Request } from './route';

/**
 * Pacing for a server with documented rate limits: requests are spread so that no window holds more than the
 * limit allows, instead of collecting 429s. The transport asks the service's adapter (its `Pacing`) before each
 * request; which requests share a limit is the service's to say (the registry: its route groups).
 */
export interface Pacing {
	/** Waits until `request` may go to `serverUrl` without going over its limit. */
	before(request: Request, serverUrl: string): Promise<void> | undefined;
	/** The server refused `request` (429) and asked to wait `delayMs`: its whole group waits as long. */
	refused(request: Request, serverUrl: string, delayMs: number): void;
}

/** The longest a refusal holds a group (retry.ts never waits longer for one retry). */
const MAX_HOLD_MS = 60_000;

/**
 * A sliding window: at most `allowance` requests in any `windowMs`. The send times are kept in a ring, so a
 * request far from the limit costs one comparison and no wait.
 */
export class SlidingWindow {
	private readonly sent: number[];

	private next = 0;

	private heldUntil = 0;

	constructor(
		readonly allowance: number,
		readonly windowMs: number,
	) {
		this.sent = new Array<number>(allowance).fill(-Infinity);
	}

	/** Undefined when a request may leave now (counted as sent); else how long to wait before asking again. */
	private tryTake(now: number): number | undefined {
		if (now < this.heldUntil) return this.heldUntil - now;
		// The oldest of the last `allowance` sends: once it is out of the window, one more fits.
		const oldest = this.sent[this.next];
		if (now - oldest < this.windowMs) return oldest + this.windowMs - now;
		this.sent[this.next] = now;
		this.next = (this.next + 1) % this.allowance;
		return undefined;
	}

	/** Resolves when a request may leave; undefined (no promise, no wait) when it may leave now. */
	take(): Promise<void> | undefined {
		const wait = this.tryTake(Date.now());
		if (wait === undefined) return undefined;
		return (async () => {
			for (let delay: number | undefined = wait; delay !== undefined; delay = this.tryTake(Date.now())) {
				await sleep(Math.max(delay, 1));
			}
		})();
	}

	/** Nothing leaves before `delayMs` from now (the server said so; the transport caps it at a minute). */
	hold(delayMs: number): void {
		const now = Date.now();
		// A clock set back must not leave the group held for longer than the registry asked.
		if (this.heldUntil - now > MAX_HOLD_MS) this.heldUntil = now;
		this.heldUntil = Math.max(this.heldUntil, now + Math.min(delayMs, MAX_HOLD_MS));
	}
}

const windows = new Map<string, SlidingWindow>();

/** The process's window of one limit (`key` names the server and the limit), made on first use. */
export function slidingWindow(key: string, allowance: number, windowMs: number): SlidingWindow {
	let window = windows.get(key);
	if (!window) {
		window = new SlidingWindow(Math.max(1, Math.floor(allowance)), windowMs);
		windows.set(key, window);
	}
	return window;
}
