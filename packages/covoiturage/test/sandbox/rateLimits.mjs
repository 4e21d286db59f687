// The registry's rate limits, as its middleware applies them (an option of the sandbox: off unless asked for).
//
// covoiturage-gouv-fr/mono api/src/pdc/proxy/helpers/registerExpressRoute.ts puts one rate limiter in front of
// every route, from the action's `rateLimiter` ({ key, limit, windowMinute }) or, when the action declares none,
// the default { key: 'rl', limit: 100, windowMinute: 5 }. For a route that is not public it runs after authGuard
// (a bad token is refused before it counts), and before the handler's version check (a request to an unknown
// version counts). api/src/pdc/proxy/middlewares/rateLimiter.ts builds it with express-rate-limit (7.5.0 in
// api/deno.lock) and a rate-limit-redis store (4.2.0) whose prefix is the key: every route with the same key
// shares one counter. What that gives, modelled below:
// - the counter is the store's key, `<prefix><client key>`, and the client key is express-rate-limit's default
//   keyGenerator, `request.ip`: per client IP, not per operator or token (HttpTransport.ts sets `trust proxy` to
//   1, so behind one proxy it is the last address of X-Forwarded-For);
// - a fixed window: rate-limit-redis's increment script INCRs the key and sets its expiry (PEXPIRE windowMs) only
//   when the key has none, so the window starts at the first request and ends windowMs later, whatever comes
//   in between; the reset time is now + the key's PTTL;
// - every request counts, refused ones included (INCR comes first), and it is refused when the count is over the
//   limit (express-rate-limit: totalHits > limit);
// - the limit is the action's figure times APP_RATE_LIMIT_MAX_FACTOR (rateLimiter.ts, not rounded: `scale` here);
// - headers: the code sets neither `standardHeaders` (express-rate-limit 7 default: false, so no `RateLimit-*`)
//   nor `legacyHeaders` (default: true), so every response that passes the limiter carries X-RateLimit-Limit,
//   X-RateLimit-Remaining (limit - count, at least 0) and X-RateLimit-Reset (the window's end, Unix seconds,
//   rounded up) with a Date header; a refused one also carries Retry-After (seconds to the window's end, rounded
//   up, at least 0);
// - the refusal: rateLimiter.ts's own handler, 429 with {"error":{"code":429,"message":"Too many requests"}}.
import { send } from './http.mjs';

const MINUTE = 60_000;

/** The limiters of the routes the sandbox serves (each action's `rateLimiter`), by key. */
export const REGISTRY_RATE_LIMITS = {
	// acquisition/actions/CreateJourneyAction.ts, CancelJourneyAction.ts
	'rl-acquisition': { limit: 20_000, windowMs: MINUTE },
	// acquisition/actions/StatusJourneyAction.ts, ListJourneyAction.ts, PatchJourneyAction.ts (and geo/actions/*)
	'rl-acquisition-check': { limit: 2_000, windowMs: MINUTE },
	// cee/actions/RegisterCeeAction.ts, SimulateCeeAction.ts, FindCeeAction.ts, DeleteCeeAction.ts
	'rl-cee': { limit: 20_000, windowMs: MINUTE },
	// auth/actions/CreateAccessTokenAction.ts
	'rl-auth': { limit: 5, windowMs: MINUTE },
	// registerExpressRoute.ts's default, for actions without a limiter (export/actions/CreateActionV3.ts)
	rl: { limit: 100, windowMs: 5 * MINUTE },
};

/**
 * The limiters for the sandbox's `rateLimits` option: `true` (the registry's figures), or `{ scale, windowMs,
 * groups }`: `scale` multiplies every limit (as APP_RATE_LIMIT_MAX_FACTOR does), `windowMs` replaces every window,
 * `groups` overrides a key's `{ limit, windowMs }` (after scale and windowMs). Falsy: no limiter.
 */
export function rateLimiters(option) {
	if (!option) return undefined;
	const { scale = 1, windowMs, groups = {} } = option === true ? {} : option;
	const limiters = {};
	for (const [key, figures] of Object.entries(REGISTRY_RATE_LIMITS)) {
		const config = { limit: figures.limit * scale, windowMs: windowMs ?? figures.windowMs, ...groups[key] };
		limiters[key] = limiter(key, config);
	}
	return {
		/** Counts the request in its route's limiter; answers 429 and returns false when it is over the limit. */
		check: (key, req, res) => limiters[key].check(req, res),
		/** Per key: requests counted, 429s, the most requests one window let through, and the most in any span of a window. */
		stats: () => Object.fromEntries(Object.entries(limiters).map(([key, one]) => [key, one.stats()])),
		reset: () => Object.values(limiters).forEach((one) => one.reset()),
	};
}

function limiter(key, { limit, windowMs }) {
	const counters = new Map(); // client key → { count, resetTime } (the Redis key and its expiry)
	let requests = 0;
	let refused = 0;
	let peakPerWindow = 0;
	let passed = []; // times of the requests let through, for the peak over any span of windowMs

	function clientKey(req) {
		// express's req.ip with `trust proxy` 1: the last X-Forwarded-For address, else the socket's.
		const forwarded = req.headers['x-forwarded-for'];
		if (forwarded) return String(forwarded).split(',').pop().trim();
		return req.socket.remoteAddress;
	}

	function check(req, res) {
		const now = Date.now();
		const client = clientKey(req);
		let counter = counters.get(client);
		if (!counter || counter.resetTime <= now) {
			counter = { count: 0, resetTime: now + windowMs, passed: 0 };
			counters.set(client, counter);
		}
		counter.count++;
		requests++;
		const remaining = Math.max(limit - counter.count, 0);
		res.setHeader('X-RateLimit-Limit', String(limit));
		res.setHeader('X-RateLimit-Remaining', String(remaining));
		res.setHeader('Date', new Date(now).toUTCString());
		res.setHeader('X-RateLimit-Reset', String(Math.ceil(counter.resetTime / 1000)));
		if (counter.count > limit) {
			refused++;
			res.setHeader('Retry-After', String(Math.max(0, Math.ceil((counter.resetTime - now) / 1000))));
			send(res, 429, { error: { code: 429, message: 'Too many requests' } });
			return false;
		}
		counter.passed++;
		peakPerWindow = Math.max(peakPerWindow, counter.passed);
		passed.push(now);
		return true;
	}

	/** The most requests let through in any span of windowMs (a sliding window over the times). */
	function peakPerSpan() {
		let peak = 0;
		for (let first = 0, last = 0; last < passed.length; last++) {
			while (passed[last] - passed[first] >= windowMs) first++;
			peak = Math.max(peak, last - first + 1);
		}
		return peak;
	}

	return {
		check,
		stats: () => ({ limit, windowMs, requests, refused, peakPerWindow, peakPerSpan: peakPerSpan() }),
		reset: () => {
			counters.clear();
			requests = refused = peakPerWindow = 0;
			passed = [];
		},
	};
}
