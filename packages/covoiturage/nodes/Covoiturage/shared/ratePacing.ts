import { slidingWindow, type Pacing } from '../../shared/pacing';
import type { Request } from '../../shared/route';
import { routeGroupOf, type RateLimit } from './routeGroups';

/**
 * The registry's rate limits as pacing for the shared transport: each request waits until its limiter's window
 * (routeGroups.ts: create and cancel 20,000 a minute, status, list and update 2,000 a minute…) has room, per
 * registry server and limiter, in this n8n process. The node keeps a tenth of each limit for the operator's other
 * programs and for the clocks not agreeing on when a window starts. The token route (5 a minute) needs none of
 * this: accessToken.ts sends one token request for all.
 */
const SHARE_OF_LIMIT = 0.9;

function windowOf(request: Request, serverUrl: string) {
	const limit: RateLimit | undefined = routeGroupOf(request)?.rateLimit;
	if (!limit) return undefined;
	return slidingWindow(`${serverUrl}|${limit.key}`, limit.limit * SHARE_OF_LIMIT, limit.windowSeconds * 1000);
}

export const registryPacing: Pacing = {
	before: (request, serverUrl) => windowOf(request, serverUrl)?.take(),
	// The registry's limiter answers 429 with Retry-After and X-RateLimit-Reset (express-rate-limit's defaults,
	// api/src/pdc/proxy/middlewares/rateLimiter.ts sets no header option): the whole group waits that long.
	refused: (request, serverUrl, delayMs) => windowOf(request, serverUrl)?.hold(delayMs),
};
