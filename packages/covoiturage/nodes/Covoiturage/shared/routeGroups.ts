import type { DeclarativeRestApiSettings } from 'n8n-workflow';

/**
 * Every registry route the nodes use, in one table: the rate limiter it counts in, and whether a request may be
 * sent again when no answer proves it failed.
 *
 * Rate limits: each route's action declares its limiter (`apiRoute.rateLimiter`, a key shared by a group of
 * routes, a number of requests and a window); a route without one counts in the default `rl`
 * (covoiturage-gouv-fr/mono api/src/pdc/proxy/helpers/registerExpressRoute.ts). The pacing of the shared transport
 * reads the group of a request with `routeGroupOf`.
 *
 * Sent again after a 502, a 504 or a broken connection (429 and 503 are retried for every route): reads change
 * nothing; Create is answered 409 "already registered" the second time; an Update sends the same fields again; a
 * second Cancel of a journey writes another request row and the status `canceled` again, and answers as the first
 * (acquisition/actions/CancelJourneyAction.ts, providers/carpool/providers/CarpoolAcquisitionService.ts
 * cancelRequest). A CEE application (the registry's duplicate check is a query, not a constraint, for long
 * distance: two requests in flight could both pass it), a deleted application (the second Delete answers 404) and
 * an export (a second e-mail with a second file) are not risked.
 */

export interface RateLimit {
	/** The limiter's key on the registry. */
	key: string;
	/** Requests allowed in each window (shared by every route of the group). */
	limit: number;
	windowSeconds: number;
}

/** The registry's limiters (the `rateLimiter` of each action, see the routes below). */
export const RATE_LIMITS = {
	/** POST /journeys and POST /journeys/{id}/cancel (acquisition/actions/CreateJourneyAction.ts, CancelJourneyAction.ts). */
	acquisition: { key: 'rl-acquisition', limit: 20_000, windowSeconds: 60 },
	/** GET /journeys/{id}, GET /journeys, PATCH /journeys/{id} (StatusJourneyAction.ts, ListJourneyAction.ts, PatchJourneyAction.ts). */
	acquisitionCheck: { key: 'rl-acquisition-check', limit: 2_000, windowSeconds: 60 },
	/** Every /policies/cee route (cee/actions/*CeeAction.ts). */
	cee: { key: 'rl-cee', limit: 20_000, windowSeconds: 60 },
	/** Routes without a limiter of their own, e.g. POST /exports (export/actions/CreateActionV3.ts). */
	default: { key: 'rl', limit: 100, windowSeconds: 300 },
} satisfies Record<string, RateLimit>;

export interface RouteGroup {
	method: string;
	/** The path after the API version, ids as `[^/]+`. */
	path: RegExp;
	rateLimit: RateLimit;
	/** Whether the request may be sent again after an answer that does not prove it failed (see above). */
	repeatable: boolean;
}

const ROUTES: RouteGroup[] = [
	{ method: 'POST', path: /^\/journeys$/, rateLimit: RATE_LIMITS.acquisition, repeatable: true },
	{ method: 'POST', path: /^\/journeys\/[^/]+\/cancel$/, rateLimit: RATE_LIMITS.acquisition, repeatable: true },
	{ method: 'GET', path: /^\/journeys$/, rateLimit: RATE_LIMITS.acquisitionCheck, repeatable: true },
	{ method: 'GET', path: /^\/journeys\/[^/]+$/, rateLimit: RATE_LIMITS.acquisitionCheck, repeatable: true },
	{ method: 'PATCH', path: /^\/journeys\/[^/]+$/, rateLimit: RATE_LIMITS.acquisitionCheck, repeatable: true },
	{ method: 'POST', path: /^\/policies\/cee$/, rateLimit: RATE_LIMITS.cee, repeatable: false },
	{ method: 'POST', path: /^\/policies\/cee\/simulate$/, rateLimit: RATE_LIMITS.cee, repeatable: true },
	{ method: 'GET', path: /^\/policies\/cee\/[^/]+$/, rateLimit: RATE_LIMITS.cee, repeatable: true },
	{ method: 'DELETE', path: /^\/policies\/cee\/[^/]+$/, rateLimit: RATE_LIMITS.cee, repeatable: false },
	{ method: 'POST', path: /^\/exports$/, rateLimit: RATE_LIMITS.default, repeatable: false },
];

/** The route of a request (its URL is the path after the API version, as the operations' routing gives it). */
export function routeGroupOf(request: DeclarativeRestApiSettings.ResultOptions): RouteGroup | undefined {
	const { method = 'GET', url = '' } = request.options;
	const path = String(url)
		.replace(/^https?:\/\/[^/]+(\/v[\d.]+)?/i, '')
		.split('?')[0];
	return ROUTES.find((route) => route.method === method.toUpperCase() && route.path.test(path));
}
