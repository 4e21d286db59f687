// A local stand-in for the carpooling proof registry (Registre de preuve de covoiturage), API v3.2/v3.3.
// It models what the registry's server code does where our node meets it, its bugs included, each behaviour with
// the upstream file it comes from (covoiturage-gouv-fr/mono, api/src/pdc/...): tokens checked as the middlewares
// do (a malformed token or one of the other environment is a 500, not a 401), versioned routes, the key-pair token
// route limited to 5 calls a minute, JSON-RPC error bodies, schema errors as Ajv messages (date-times need seconds),
// columns narrower than the schema (500), 409 on duplicates, 422 for terms-of-use violations (the journey is still
// stored), status as three columns and the list route's filters and window (today 00:00 Paris time of the UTC
// date), PATCH failing on incentive_counterparts, fractions of a cent failing in the incentives' integer column
// (500), PATCH bringing canceled journeys back, terms counts that include canceled journeys, national phone
// numbers cast to +33, 429/503 when told to, and when told to a list whose order changes at each request and
// pending journeys leaving the list between requests.
//
// The sandbox is split by route group, each module naming the upstream files it models: tokens.mjs (token checks
// and the key-pair token route), journeys.mjs (create, status, patch, cancel), list.mjs (the list route), cee.mjs,
// ceeRules.mjs and ceeSchema.mjs (CEE applications: register, simulate, find, delete), exports.mjs (POST /exports),
// rateLimits.mjs (the rate limiters per route group, an option);
// schema.mjs, status.mjs, dates.mjs and http.mjs hold what they share.
//
// Run alone: `node test/sandbox/covoiturage/index.mjs --port 4010` (prints its URL and the sandbox credentials).
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

import { ceeRoutes } from './cee.mjs';
import { CEE_EXAMPLE_JOURNEY_ID, ceeJourney } from './ceeRules.mjs';
import { exportRoutes } from './exports.mjs';
import { INVALID, middlewareError, readJson, rpcError, send } from './http.mjs';
import { journeyRoutes } from './journeys.mjs';
import { listRoute } from './list.mjs';
import { rateLimiters } from './rateLimits.mjs';
import { journeyStatus, STATUS_COLUMNS } from './status.mjs';
import {
	SANDBOX_ACCESS_KEY,
	SANDBOX_APPLICATION_TOKEN,
	SANDBOX_OPERATOR_ID,
	SANDBOX_SECRET_KEY,
	tokenRoutes,
} from './tokens.mjs';

export { SANDBOX_OPERATOR_SIRET } from './cee.mjs';
export { CEE_EXAMPLE_JOURNEY_ID, ceeJourney } from './ceeRules.mjs';
export { isAjvDateTime, registryToday } from './dates.mjs';
export { REGISTRY_RATE_LIMITS } from './rateLimits.mjs';
export { SANDBOX_ACCESS_KEY, SANDBOX_APPLICATION_TOKEN, SANDBOX_BAD_TOKENS, SANDBOX_SECRET_KEY } from './tokens.mjs';

const SUPPORTED_VERSIONS = ['v3', 'v3.2', 'v3.3'];

/** The journeys seedFlaggedExamples stores: id, days since it ended, status. */
const FLAGGED_EXAMPLES = [
	['example-fraud-1', 2, 'fraud_error'],
	['example-fraud-2', 3, 'fraud_error'],
	['example-anomaly-1', 2.1, 'anomaly_error'],
	['example-ok-1', 4, 'ok'],
];

/**
 * Starts a sandbox registry. Options:
 * - port (0: any free port)
 * - tokenTtlSeconds: lifetime of access tokens from the key pair (the registry's is 5 minutes)
 * - tokenRateLimit: token requests allowed per window (the registry's is 5 a minute)
 * - tokenWindowSeconds: that window (the registry's is 60 s; shorter in tests that wait for it to pass)
 * - tokenUses: a token stops working after this many API requests (to refuse a token in the middle of a run)
 * - journeysPerSecond: when set, POST /journeys answers 429 (Retry-After: 1) beyond this many a second
 * - shuffleList, checkedAfterEachList: the list route's order changes at each request; pending journeys leave the
 *   list between requests (see list.mjs)
 * - ceeStartDate, ceeEndDate, ceeDelayDays: the CEE programme's dates and the delay after a journey, as the
 *   server's APP_CEE_START_DATE, APP_CEE_END_DATE and APP_CEE_DELAY (defaults: cee/config/rules.ts)
 * - exportMinStartMs, exportMaxEndMs: APP_EXPORT_MIN_START and APP_EXPORT_MAX_END (export/config/export.ts)
 * - rateLimits: the registry's rate limiters per route group (rateLimits.mjs): `true` for its figures, or
 *   `{ scale, windowMs, groups: { 'rl-acquisition-check': { limit, windowMs } } }` to scale them down. Off by
 *   default; when on, the token route counts in `rl-auth` as the registry's does, in place of tokenRateLimit.
 *   `rateStats()` reads what they counted.
 * - latencyMs: each API request is answered this long after it arrived (the registry's own processing time)
 */
export async function startCovoiturageSandbox({
	port = 0,
	tokenTtlSeconds = 300,
	tokenRateLimit = 5,
	tokenWindowSeconds = 60,
	tokenUses = Infinity,
	journeysPerSecond,
	shuffleList = false,
	checkedAfterEachList = 0,
	ceeStartDate = '2023-01-01T00:00:00+0100',
	ceeEndDate = '2025-01-01T00:00:00+0100',
	ceeDelayDays = 7,
	exportMinStartMs = 1000 * 60 * 60 * 24 * 365 * 3,
	exportMaxEndMs = 1000 * 60 * 60 * 24 * 5,
	rateLimits = false,
	latencyMs = 0,
	log = () => {},
} = {}) {
	const state = {
		journeys: new Map(),
		journeysByIdentity: new Map(), // identity_key → ids of the journeys it is in (see journeys.mjs, journeysOf)
		tokens: new Map(), // token → expiry (ms)
		tokenCallTimes: [],
		tokenCalls: 0,
		tokenRateLimited: 0,
		requests: [],
		maintenance: false,
		journeyWindow: { start: 0, count: 0 },
		rateLimited: 0,
		ceeApplications: [], // cee.cee_applications (see cee.mjs)
		deletedCeeApplications: [],
		exports: [], // export.exports with their recipients
	};
	const limiters = rateLimiters(rateLimits);
	const { verifyToken, createToken } = tokenRoutes(state, {
		tokenTtlSeconds,
		// With the registry's limiters on, its token route is limited by `rl-auth` below, not by the sandbox's own count.
		tokenRateLimit: limiters ? Infinity : tokenRateLimit,
		tokenWindowSeconds,
		tokenUses,
	});
	const { createJourney, addRecord, journeyRoute } = journeyRoutes(state, { journeysPerSecond });
	const { listJourneys } = listRoute(state, { shuffleList, checkedAfterEachList });
	const cee = ceeRoutes(state, { ceeStartDate, ceeEndDate, ceeDelayDays, operatorId: SANDBOX_OPERATOR_ID });
	const { createExport } = exportRoutes(state, { exportMinStartMs, exportMaxEndMs });

	// The routes the node uses (the actions' apiRoute, registered as /:api_version/<path> by registerExpressRoute.ts),
	// each with the key of its action's rate limiter (rateLimits.mjs).
	const ROUTES = [
		{ method: 'POST', pattern: /^\/auth\/access_token$/, name: 'token', public: true, limiter: 'rl-auth' },
		{ method: 'POST', pattern: /^\/journeys$/, name: 'create', limiter: 'rl-acquisition' },
		{ method: 'GET', pattern: /^\/journeys$/, name: 'list', limiter: 'rl-acquisition-check' },
		{ method: 'GET', pattern: /^\/journeys\/([^/]+)$/, name: 'status', limiter: 'rl-acquisition-check' },
		{ method: 'PATCH', pattern: /^\/journeys\/([^/]+)$/, name: 'patch', limiter: 'rl-acquisition-check' },
		{ method: 'POST', pattern: /^\/journeys\/([^/]+)\/cancel$/, name: 'cancel', limiter: 'rl-acquisition' },
		{ method: 'POST', pattern: /^\/policies\/cee$/, name: 'ceeRegister', limiter: 'rl-cee' },
		{ method: 'POST', pattern: /^\/policies\/cee\/simulate$/, name: 'ceeSimulate', limiter: 'rl-cee' },
		{ method: 'GET', pattern: /^\/policies\/cee\/([^/]+)$/, name: 'ceeFind', limiter: 'rl-cee' },
		{ method: 'DELETE', pattern: /^\/policies\/cee\/([^/]+)$/, name: 'ceeDelete', limiter: 'rl-cee' },
		{ method: 'POST', pattern: /^\/exports$/, name: 'exportCreate', limiter: 'rl' },
	];

	async function route(req, res) {
		const url = new URL(req.url, 'http://sandbox');
		const [, version, ...rest] = url.pathname.split('/');
		const path = `/${rest.join('/')}`;
		state.requests.push({
			method: req.method,
			path: url.pathname,
			search: url.search,
			authorization: req.headers.authorization ? 'present' : 'absent',
		});
		log(`${req.method} ${url.pathname}${url.search}`);
		if (version === '__sandbox') return sandboxControl(req, res, path);

		// HttpTransport.ts: the JSON body parser, then the maintenance switch, run for every path. A body that is not
		// JSON reaches errorHandlerMiddleware (500 SyntaxError). Maintenance answers without Retry-After.
		const body = await readJson(req);
		if (body === INVALID) return middlewareError(res, 'SyntaxError', 'Unexpected token in JSON');
		if (state.maintenance) return send(res, 503, { code: 503, error: 'Service Unavailable' });

		const matched = ROUTES.find((candidate) => candidate.method === req.method && candidate.pattern.test(path));
		if (!matched) {
			// No route: Express's own 404 page, not JSON.
			res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
			return res.end(`<!DOCTYPE html><pre>Cannot ${req.method} ${url.pathname}</pre>`);
		}
		// registerExpressRoute.ts: the token is checked before the version (an unknown version with a bad token
		// answers the token's error), then the version: 404 with an empty body.
		if (!matched.public && !verifyToken(req, res)) return;
		// registerExpressRoute.ts: the rate limiter comes after authGuard, before the handler's version check.
		if (limiters && !limiters.check(matched.limiter, req, res)) return;
		if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
		if (!SUPPORTED_VERSIONS.includes(version)) return send(res, 404);
		if (matched.name === 'token') return createToken(body, res);
		// The CEE and export actions check the token's operator and permissions themselves (cee.mjs, exports.mjs).
		const operator = req.headers.authorization ? SANDBOX_OPERATOR_ID : undefined;
		if (matched.name.startsWith('cee')) {
			const uuid = matched.pattern.exec(path)[1];
			const query = Object.fromEntries(url.searchParams);
			return cee.ceeRoute(
				matched.name,
				{ body, query, uuid: uuid === undefined ? undefined : decodeURIComponent(uuid) },
				operator,
				res,
			);
		}
		if (matched.name === 'exportCreate') return createExport(body, operator, res);
		// HasPermissionByScopeMiddleware: no token, no permission.
		if (!req.headers.authorization) return send(res, 403, rpcError(-32503, 'Forbidden Error', 'Invalid permissions'));
		if (matched.name === 'create') return createJourney(body, res);
		if (matched.name === 'list') return listJourneys(url.searchParams, res);
		return journeyRoute(matched.name, decodeURIComponent(matched.pattern.exec(path)[1]), body, res);
	}

	/** Test hooks: set a journey's check result, switch maintenance on or off, read counters. */
	async function sandboxControl(req, res, path) {
		const body = await readJson(req);
		if (path === '/stats') {
			return send(res, 200, {
				tokenCalls: state.tokenCalls,
				journeys: state.journeys.size,
				rateLimited: state.rateLimited,
			});
		}
		if (path === '/maintenance') {
			state.maintenance = Boolean(body?.on);
			return send(res, 200, { maintenance: state.maintenance });
		}
		if (path === '/check') {
			const record = state.journeys.get(body?.operator_journey_id);
			if (!record) return send(res, 404);
			Object.assign(record, STATUS_COLUMNS[body.status]);
			if (record.acquisition === 'processed') record.located = true;
			return send(res, 200, journeyStatus(record, body.operator_journey_id));
		}
		send(res, 404);
	}

	const server = createServer((req, res) => {
		route(req, res).catch((error) => {
			log(`sandbox error: ${error.stack}`);
			send(res, 500, rpcError(-32603, 'Internal error'));
		});
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		state,
		/** Gives a journey the columns the registry's checks would set for this status (see STATUS_COLUMNS). */
		setStatus: (id, status) => {
			const record = Object.assign(state.journeys.get(id), STATUS_COLUMNS[status]);
			if (record.acquisition === 'processed') record.located = true; // processGeo: placed, then processed
		},
		/**
		 * Stores the journey the CEE example workflow applies for, ended 10 days ago and located (it is eligible when
		 * the sandbox's CEE dates include today: see ceeStartDate and ceeEndDate).
		 */
		seedCeeExample: () => addRecord(CEE_EXAMPLE_JOURNEY_ID, ceeJourney(CEE_EXAMPLE_JOURNEY_ID), STATUS_COLUMNS.ok),
		/**
		 * Stores journeys the registry flagged in the last days, as `npm start` needs them for the examples "Check
		 * flagged journeys" and the Covoiturage Trigger's Fetch Test Event: the list route reaches journeys that started
		 * in the 7 days before today 00:00 Paris time (list.mjs), so they are placed relative to now, 2 to 4 days ago.
		 */
		seedFlaggedExamples: () => {
			for (const [id, endedDaysAgo, status] of FLAGGED_EXAMPLES) addRecord(id, ceeJourney(id, { endedDaysAgo }), STATUS_COLUMNS[status]);
			return FLAGGED_EXAMPLES.map(([id]) => id);
		},
		/** Stores a CEE application as if made earlier: by this operator, or another one (`operator_id: 2`). */
		seedCeeApplication: (row) => cee.seedApplication(row),
		/** The public key of the sandbox's CEE tokens (the registry publishes its own in its documentation). */
		ceePublicKey: cee.publicKey,
		/** Stores a journey as if it had been sent earlier (e.g. one that started yesterday, to list it). */
		seed: (journey, status = 'pending') => addRecord(journey.operator_journey_id, journey, STATUS_COLUMNS[status]),
		setMaintenance: (on) => (state.maintenance = on),
		/** Forgets every stored journey (between benchmark runs). */
		clearJourneys: () => {
			state.journeys.clear();
			state.journeysByIdentity.clear();
		},
		/** Expires every token issued so far: the next call with one of them gets the registry's 401. */
		expireTokens: () => {
			for (const issued of state.tokens.values()) issued.expiry = 0;
		},
		tokenCalls: () => state.tokenCalls,
		/**
		 * What the rate limiters counted (with `rateLimits` on), per key: requests, refused (429s), peakPerWindow (the
		 * most one window let through) and peakPerSpan (the most let through in any span of the window's length).
		 */
		rateStats: () => limiters?.stats() ?? {},
		/** Forgets what the rate limiters counted, their windows included. */
		resetRateLimits: () => limiters?.reset(),
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

/** The n8n credentials that reach this sandbox: application token and key pair. */
export function covoiturageSandboxCredentials(url) {
	return [
		{
			id: 'covoiturage-sandbox',
			name: 'Covoiturage sandbox (application token)',
			type: 'covoiturageApi',
			data: {
				environment: 'custom',
				customUrl: url,
				apiVersion: 'v3.3',
				authentication: 'applicationToken',
				applicationToken: SANDBOX_APPLICATION_TOKEN,
			},
		},
		{
			id: 'covoiturage-sandbox-keys',
			name: 'Covoiturage sandbox (key pair)',
			type: 'covoiturageApi',
			data: {
				environment: 'custom',
				customUrl: url,
				apiVersion: 'v3.3',
				authentication: 'accessKey',
				accessKey: SANDBOX_ACCESS_KEY,
				secretKey: SANDBOX_SECRET_KEY,
			},
		},
	];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const portArgument = process.argv.indexOf('--port');
	const port = portArgument > 0 ? Number(process.argv[portArgument + 1]) : 4010;
	const sandbox = await startCovoiturageSandbox({ port, log: (line) => console.log(line) });
	console.log(`Covoiturage registry sandbox on ${sandbox.url} (versions ${SUPPORTED_VERSIONS.join(', ')})`);
	console.log(
		`Application token: ${SANDBOX_APPLICATION_TOKEN}; key pair: ${SANDBOX_ACCESS_KEY} / ${SANDBOX_SECRET_KEY}`,
	);
}
