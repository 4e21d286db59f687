// A local CoopCycle for the end-to-end tests and `npm start`: the parts of the API the CoopCycle node uses,
// behaving as CoopCycle does (see the node's README section), in memory, with node:http only.
//
// What it reproduces, because users meet it on real instances:
// - OAuth2 client credentials at POST /oauth2/token: Basic client authentication, scopes checked against the
//   ones granted (invalid_scope), tokens that expire (401 on the API afterwards), no refresh token;
// - JSON-LD: POST /api/deliveries refuses anything but application/ld+json (415);
// - hydra collections with `hydra:member`, `hydra:view`/`hydra:next` and `itemsPerPage` (at most 100), 30
//   items a page by default; the store's delivery list, which answers 500 to any scalar query parameter and so
//   can only ever serve its first page (see `listDeliveries`);
// - times in the server's time zone (see `timeModel`);
// - error shapes: 400 ConstraintViolationList, 400 hydra:Error, 403, 404, and the 500 CoopCycle gives for an
//   address it cannot geocode (here: an address text without any digit, or containing "nowhere");
// - `before` alone gives a 15-minute window.
//
// The sandbox is split by route group, each module naming the coopcycle-web files it models: oauth.mjs (the
// token route), stores.mjs (the API app, its store and address book), deliveries.mjs and deliveryBodies.mjs,
// deliveryList.mjs (the store's delivery list), timeSlots.mjs, tasks.mjs, webhooks.mjs (the webhook routes, and
// the signed calls CoopCycle makes to webhooks, one after the other, when a task changes or an order is placed),
// orders.mjs and orderJson.mjs (a restaurant's food orders, and the list of every order), optimizations.mjs (a
// better order for a delivery's tasks), paymentMethods.mjs (cash on delivery); state.mjs holds what they share,
// http.mjs and time.mjs how CoopCycle answers and reads times.
//
// Run alone: node test/sandbox/index.mjs [--port 4020] [--token-ttl 3600] [--seed 12] [--seed-orders 2]
//   [--courier-every 20]
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

import { courierFor } from './courier.mjs';
import { deliveryBodies } from './deliveryBodies.mjs';
import { deliveryRoutes } from './deliveries.mjs';
import { deliveryList } from './deliveryList.mjs';
import { capacityModel } from './capacity.mjs';
import { HttpError, hydraError, LD_JSON } from './http.mjs';
import { oauth } from './oauth.mjs';
import { orderRoutes } from './orders.mjs';
import { sandboxPages } from './pages.mjs';
import { createState } from './state.mjs';
import { storeRoutes } from './stores.mjs';
import { taskRoutes } from './tasks.mjs';
import { timeModel } from './time.mjs';
import { timeSlotRoutes } from './timeSlots.mjs';
import { coopCycleSignature, phpJsonEncode, webhookRoutes } from './webhooks.mjs';

export const SANDBOX_CLIENT = { clientId: 'sandbox-shop', clientSecret: 'sandbox-shop-secret' };
/** The API app of the sandbox's restaurant, made from its page: scope "orders" only (src/Form/ApiAppType.php). */
export const SANDBOX_RESTAURANT_CLIENT = { clientId: 'sandbox-bistro', clientSecret: 'sandbox-bistro-secret' };

/** An n8n credential (import format) of one of the sandbox's API apps. */
const credential = (id, name, client, scope) => (url) => ({
	id,
	name,
	type: 'coopCycleOAuth2Api',
	data: { baseUrl: url, ...client, scope },
});

/** The n8n credential that points at a sandbox: its shop's API app. */
export const coopCycleSandboxCredential = credential(
	'coopcycle-sandbox',
	'CoopCycle sandbox',
	SANDBOX_CLIENT,
	'deliveries tasks',
);

/** The n8n credential of the sandbox's restaurant (its Order Created and orders). */
export const coopCycleRestaurantCredential = credential(
	'coopcycle-sandbox-restaurant',
	'CoopCycle sandbox (restaurant)',
	SANDBOX_RESTAURANT_CLIENT,
	'orders',
);

/**
 * Starts a sandbox. Options:
 * - port (0 = any free port), tokenTtlSeconds (3600),
 * - tokenUses: a token stops working after this many API requests (to expire tokens in the middle of a run),
 * - timeZoneOffset: the server's UTC offset, e.g. '+02:00' ('+00:00'),
 * - clients: the API apps, in the order they were created: [{ clientId, clientSecret, scopes, store }] for a
 *   store's app, [{ clientId, clientSecret, scopes: ['orders'], shop: 1 }] for a restaurant's (default: the shop
 *   client with deliveries and tasks, then the restaurant's),
 * - cashOnDeliveryStores: the stores the cooperative enabled cash on delivery for ([]), cashOnDeliveryEverywhere:
 *   the instance enables it for every store (CASH_ON_DELIVERY_ENABLED, false), see paymentMethods.mjs,
 * - seedDeliveries: deliveries to create at start for the shop's store (see `seed`), e.g. for a demo,
 * - seedOrders: orders placed at start at the restaurant (see `placeOrder`), for a demo,
 * - webhookRetryDelayMs: the first delay before CoopCycle calls a failed webhook again (1000, as CoopCycle),
 * - courier: `{ everySeconds }` makes the sandbox's courier move one delivery one step (assign, start, pick up, drop
 *   off) every so many seconds, sending the webhooks (courier.mjs); off by default. Its page, /sandbox, and
 *   `courier(action)` move one delivery by hand either way,
 * - capacity: the instance's capacity (none: every request answered at once), see capacity.mjs:
 *   { workers: 8, latencyMs: 100, gatewayTimeoutMs: 10000, unconfirmedCreateRate: 0.05, dropConnectionRate: 0 }.
 */
export async function startCoopCycleSandbox(options = {}) {
	const {
		port = 0,
		tokenTtlSeconds = 3600,
		tokenUses = Infinity,
		timeZoneOffset = '+00:00',
		clients = [
			{ ...SANDBOX_CLIENT, scopes: ['deliveries', 'tasks'], store: 1 },
			{ ...SANDBOX_RESTAURANT_CLIENT, scopes: ['orders'], shop: 1 },
		],
		cashOnDeliveryStores = [],
		cashOnDeliveryEverywhere = false,
		log = false,
		seedDeliveries = 0,
		seedOrders = 0,
		webhookRetryDelayMs = 1000,
		courier: courierOptions = {},
		capacity,
	} = options;

	const state = createState({ time: timeModel(timeZoneOffset) });
	const { requests, tokens, deliveries, tasks, stores, addresses } = state;
	for (const id of cashOnDeliveryStores) stores.get(id).cashOnDeliveryEnabled = true;
	state.cashOnDeliveryEverywhere = cashOnDeliveryEverywhere;
	// An API app's id is its place in the list (src/Entity/ApiApp.php: ids in creation order).
	state.clients = clients.map((client, index) => ({ app: index + 1, ...client }));
	const { issueToken, authenticate, needScope } = oauth(state, { clients: state.clients, tokenTtlSeconds, tokenUses });
	// The route groups share the state; what one needs of another is looked up on it when called.
	Object.assign(state, deliveryBodies(state), deliveryList(state));
	const timeSlots = timeSlotRoutes(state, { needScope });
	state.slotChoices = timeSlots.slotChoices;
	const deliveryGroup = deliveryRoutes(state, { needScope });
	const webhookGroup = webhookRoutes(state, { retryDelayMs: webhookRetryDelayMs });
	state.onTaskEvent = webhookGroup.onTaskEvent;
	state.fireWebhook = webhookGroup.fire;
	const orderGroup = orderRoutes(state);
	const courier = courierFor(state, {
		addEvent: deliveryGroup.addEvent,
		everySeconds: courierOptions.everySeconds ?? 0,
	});
	const pages = sandboxPages(state, { courier, webhooks: webhookGroup.webhooks });
	const groups = [
		storeRoutes(state, { needScope }),
		deliveryGroup,
		timeSlots,
		taskRoutes(state, { needScope }),
		webhookGroup,
		orderGroup,
	];

	function route(request) {
		const { method, path } = request;
		if (method === 'POST' && path === '/oauth2/token')
			return [200, issueToken(request.rawBody, request.headers.authorization)];
		if (method === 'GET' && path === '/api')
			return [200, { '@context': '/api/contexts/Entrypoint', '@id': '/api', '@type': 'Entrypoint' }];
		if (!path.startsWith('/api/')) throw new HttpError(404, { message: 'Not Found' });

		const auth = authenticate(request);
		const segments = path.split('/').slice(2); // after /api
		const [resource, first, second, third] = segments;
		const number = (value) => (/^\d+$/.test(value ?? '') ? Number(value) : undefined);
		for (const group of groups) {
			const answer = group.route(request, auth, { resource, first, second, third, number });
			if (answer) return answer;
		}
		throw hydraError(404, 'Not Found');
	}

	/* ---------------------------------------------------------------- server */
	/** The answer to one request, once read: `{ status, headers, body }` (what PHP computes, and commits). */
	function handle(req, rawBody) {
		const url = new URL(req.url, 'http://sandbox');
		const request = {
			method: req.method,
			path: url.pathname.replace(/\/+$/, '') || '/',
			query: url.searchParams,
			headers: req.headers,
			rawBody,
			body: undefined,
		};
		const record = {
			method: req.method,
			path: request.path,
			query: Object.fromEntries(url.searchParams),
			contentType: req.headers['content-type'],
			accept: req.headers.accept,
			authorization: req.headers.authorization?.split(' ')[0], // the scheme only: no secret in the log
			body: undefined,
		};
		requests.push(record);
		let status;
		let answer;
		let headers = {};
		try {
			if (rawBody && !request.path.startsWith('/oauth2')) {
				try {
					request.body = JSON.parse(rawBody);
				} catch {
					throw hydraError(400, 'Syntax error');
				}
				record.body = request.body;
			}
			[status, answer] = route(request);
		} catch (error) {
			if (!(error instanceof HttpError)) {
				status = 500;
				answer = { '@type': 'hydra:Error', 'hydra:description': 'Internal Server Error' };
				if (log) console.error(error);
			} else {
				[status, answer, headers] = [error.status, error.body, error.headers];
			}
		}
		record.status = status;
		if (log) console.log(`${req.method} ${req.url} → ${status}`);
		const isOAuth = request.path.startsWith('/oauth2') || status === 401;
		return {
			status,
			headers: { 'Content-Type': isOAuth ? 'application/json' : LD_JSON, ...headers },
			body: answer === undefined ? undefined : JSON.stringify(answer),
		};
	}

	// With `capacity`, requests go through the worker pool and the gateway of capacity.mjs; without, at once.
	const pool = capacity ? capacityModel(capacity) : undefined;
	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString();
			// The tracking page and the sandbox's own page are web pages, not the API (pages.mjs).
			const url = new URL(req.url, 'http://sandbox');
			const webPage = pages.serve({
				method: req.method,
				path: url.pathname.replace(/\/+$/, '') || '/',
				query: url.searchParams,
				headers: req.headers,
				rawBody,
			});
			if (webPage) {
				res.writeHead(webPage.status, {
					...(webPage.type ? { 'Content-Type': webPage.type } : {}),
					...webPage.headers,
				});
				res.end(webPage.body);
				return;
			}
			if (pool) {
				pool.submit(req, res, () => handle(req, rawBody));
				return;
			}
			const { status, headers, body } = handle(req, rawBody);
			res.writeHead(status, headers);
			res.end(body);
		});
	});

	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	server.url = `http://127.0.0.1:${server.address().port}`;
	state.url = server.url;

	const sandbox = {
		url: server.url,
		requests,
		tokenCalls: () => state.stats.tokenCalls,
		/** Makes every token issued so far invalid: the next API call with one of them gets 401. */
		expireTokens: () => tokens.clear(),
		/** The deliveries of a store as the API shows them (for assertions). */
		deliveries: (storeId = 1) =>
			[...deliveries.values()].filter((d) => d.store === storeId).map((d) => state.deliveryJson(d)),
		/**
		 * Creates `count` deliveries for a store (the shop's by default), for lists and demos: one an hour from
		 * today 8:00 UTC, each with a one-hour dropoff window, or the dropoff windows `dropoffWindow(index)` gives
		 * as [after, before] in epoch milliseconds.
		 */
		seed: (count, { store = 1, dropoffWindow } = {}) => {
			const start = new Date();
			start.setUTCHours(8, 0, 0, 0);
			for (let index = 0; index < count; index++) {
				const [after, before] = dropoffWindow?.(index) ?? [
					start.getTime() + (index - 1) * 3600 * 1000,
					start.getTime() + index * 3600 * 1000,
				];
				const read = state.readDelivery(
					{
						dropoff: {
							address: `${index + 1} Rue de la Paix, 75002 Paris`,
							after: state.time.format(after),
							before: state.time.format(before),
						},
					},
					stores.get(store),
				);
				deliveryGroup.createDelivery(read, stores.get(store));
			}
		},
		/** The saved address of this id, as it is now (for assertions). */
		address: (id) => addresses.get(id)?.address,
		/** Saves `count` addresses in a store's address book (the shop's by default). */
		seedAddresses: (count, { store = 1 } = {}) => {
			for (let index = 0; index < count; index++) {
				state.addAddress(
					{
						streetAddress: `${index + 1} Rue du Carnet, 75011 Paris`,
						geo: { '@type': 'GeoCoordinates', latitude: 48.86, longitude: 2.38 },
					},
					store,
					{ saved: true },
				);
			}
		},
		/** Sets (or, with null, removes) a store's default time slot, as the cooperative's admin would. */
		setDefaultTimeSlot: (slot, store = 1) => {
			stores.get(store).timeSlot = slot;
		},
		/** Marks the tasks of a delivery assigned to a courier, as a dispatcher would. */
		assign: (deliveryId, username = 'courier') => {
			for (const taskId of deliveries.get(deliveryId)?.tasks ?? []) tasks.get(taskId).assignedTo = username;
		},
		/** The webhooks registered on the sandbox: [{ id, url, event, secret, client }]. */
		webhooks: () => [...webhookGroup.webhooks.values()],
		/** Deletes a webhook as if someone removed it on CoopCycle's side (not through the API of its client). */
		removeWebhook: (id) => webhookGroup.webhooks.delete(id),
		/**
		 * Every call the sandbox made to a webhook URL, each attempt of each message:
		 * [{ webhook, event, object, status, text, attempt }] (text: n8n's answer).
		 */
		webhookCalls: webhookGroup.calls,
		/**
		 * Sends `event` for a delivery (its number or IRI) as CoopCycle does: each webhook of the store's API apps
		 * in turn, signed, stopping at the first answer that is not 2xx, the whole message retried up to 3 times;
		 * resolves with the calls it made.
		 */
		fireWebhooks: (delivery, event) =>
			webhookGroup.fire(typeof delivery === 'number' ? `/api/deliveries/${delivery}` : delivery, event),
		/**
		 * A customer orders from a restaurant (1 by default; options: takeaway, notes, loopeatShortage): `{ iri,
		 * calls }`, calls resolving as fireWebhooks.
		 */
		placeOrder: (restaurant, options) => orderGroup.placeOrder(restaurant, options),
		/** Sets an order's state as the restaurant's staff would on CoopCycle's site (refused, cancelled…). */
		setOrderState: (id, next) => orderGroup.setOrderState(id, next),
		/** An order as stored (for assertions): { state, events, hasDelivery, acceptedEmails }. */
		order: (id) => orderGroup.orderRecord(id),
		/** The payment method recorded for a delivery's order (CASH_ON_DELIVERY), or undefined. */
		paymentMethodOf: (deliveryId) => deliveries.get(deliveryId)?.paymentMethod,
		/** Resolves once every webhook call under way (retries included) has ended. */
		webhooksSettled: () => webhookGroup.settled(),
		/**
		 * A call that did not come from CoopCycle: the body CoopCycle would send for `object` and `event`, with
		 * `signature` (none if undefined); `{ status, text }` of n8n's answer.
		 */
		forgeWebhookCall: (url, { object, event, signature }) =>
			webhookGroup.post(url, phpJsonEncode({ data: { object, event } }), signature),
		/** The signature CoopCycle gives a body with a secret. */
		signature: coopCycleSignature,
		/**
		 * With `capacity`: { peakInFlight (requests arrived and not answered yet), peakQueued (waiting for a
		 * worker), gatewayTimeouts (504s of the gateway, the unconfirmed creates included), unconfirmedCreates,
		 * droppedConnections }.
		 */
		capacityStats: () =>
			pool?.stats() ?? {
				peakInFlight: 0,
				peakQueued: 0,
				gatewayTimeouts: 0,
				unconfirmedCreates: 0,
				droppedConnections: 0,
			},
		/**
		 * Makes the sandbox's courier move a delivery: 'next' (one step), 'assign', 'pickup', 'dropoff' (see
		 * courier.mjs); `{ delivery, steps }`. The webhooks it sends resolve with webhooksSettled().
		 */
		courier: (action) => courier.act(action),
		close: () =>
			new Promise((resolve) => {
				courier.stop();
				pool?.close();
				server.close(() => resolve());
			}),
	};
	sandbox.seed(seedDeliveries);
	for (let count = 0; count < seedOrders; count++) orderGroup.placeOrder(1);
	return sandbox;
}

/* -------------------------------------------------------------------- standalone */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const argument = (name, fallback) => {
		const index = process.argv.indexOf(`--${name}`);
		return index > 0 ? Number(process.argv[index + 1]) : fallback;
	};
	const sandbox = await startCoopCycleSandbox({
		port: argument('port', 4020),
		seedDeliveries: argument('seed', 12),
		seedOrders: argument('seed-orders', 2),
		tokenTtlSeconds: argument('token-ttl', 3600),
		courier: { everySeconds: argument('courier-every', 0) },
		log: true,
	});
	console.log(`CoopCycle sandbox listening on ${sandbox.url} (its courier: ${sandbox.url}/sandbox)`);
	console.log(
		`Credential: Instance URL ${sandbox.url}, client ID ${SANDBOX_CLIENT.clientId}, client secret ${SANDBOX_CLIENT.clientSecret}`,
	);
	console.log(
		`Restaurant credential: client ID ${SANDBOX_RESTAURANT_CLIENT.clientId}, client secret ${SANDBOX_RESTAURANT_CLIENT.clientSecret}, scope orders`,
	);
	process.on('SIGINT', () => sandbox.close().then(() => process.exit(0)));
}
