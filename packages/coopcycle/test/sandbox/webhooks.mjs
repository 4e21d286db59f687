// Webhooks: the /api/webhooks routes, and CoopCycle's calls to the webhooks' URLs when a task changes.
//
// coopcycle-web src/Entity/Webhook.php: Get, Delete and Post only (no list, no update); `secret` is shown in the
// answer to Post only (group webhook_with_secret); `event` must be one of Webhook::EVENTS (Assert\Choice: 400
// ConstraintViolationList on "event", features/webhooks.feature), `url` has no constraint at all.
// src/Action/Webhook/Create.php: the webhook belongs to the OAuth client of the token; its secret is
// base64_encode(random_bytes(32)).
// config/packages/security.yaml: firewall api_webhooks (^/api/webhooks, bearer_token) and access control
// ^/api/webhooks for ROLE_USER or ROLE_API_APP (ROLE_OAUTH2_TASKS, _DELIVERIES and _ORDERS give ROLE_API_APP:
// "tasks:all" alone does not). src/Security/WebhookVoter.php: only an OAuth2 token may create; view and delete
// only by the client that created it (403 otherwise).
// src/MessageHandler/Task/TriggerWebhook.php: which task event sends which webhook event.
// src/MessageHandler/WebhookHandler.php: who is called, in which order, the body and the signature; it stops at
// the first answer that is not 2xx. config/packages/messenger.yaml: the message is handled asynchronously, and a
// failed handling is retried WHOLE 3 times, 1 s × 2ⁿ apart (at most 10 s). src/MessageHandler/Order/TriggerWebhook.php:
// order.created for an order of a restaurant.
import { createHmac, randomBytes } from 'node:crypto';

import { hydraError, violationError } from './http.mjs';

// src/Entity/Webhook.php Webhook::EVENTS, in its order.
export const WEBHOOK_EVENTS = [
	'delivery.assigned',
	'delivery.started',
	'delivery.failed',
	'delivery.picked',
	'delivery.in_transit',
	'delivery.completed',
	'order.created',
];

/** PHP's json_encode with its default flags: "/" is written "\/" (the payloads hold no other escaped character). */
export const phpJsonEncode = (value) => JSON.stringify(value).replace(/\//g, '\\/');

/** src/MessageHandler/WebhookHandler.php: base64_encode(hex2bin(hash_hmac('sha256', json_encode($payload), $secret))). */
export const coopCycleSignature = (body, secret) => createHmac('sha256', secret).update(body).digest('base64');

export function webhookRoutes(state, { retryDelayMs = 1000 } = {}) {
	const { counters } = state;
	const webhooks = new Map();
	/** Every call CoopCycle made to a webhook URL (each attempt), for assertions. */
	const calls = [];
	const pending = new Set();

	const webhookJson = (webhook, withSecret = false) => ({
		'@context': '/api/contexts/Webhook',
		'@id': `/api/webhooks/${webhook.id}`,
		'@type': 'Webhook',
		url: webhook.url,
		event: webhook.event,
		...(withSecret ? { secret: webhook.secret } : {}),
	});

	function route(request, auth, { resource, first, number }) {
		if (resource !== 'webhooks') return undefined;
		const { method, body } = request;
		// security.yaml access control: ROLE_API_APP comes from the tasks, deliveries and orders scopes.
		if (!auth.scopes.some((scope) => ['tasks', 'deliveries', 'orders'].includes(scope))) {
			throw hydraError(403, 'Access Denied.');
		}
		if (method === 'POST' && !first) {
			if (!WEBHOOK_EVENTS.includes(body?.event)) {
				throw violationError([{ propertyPath: 'event', message: 'The value you selected is not a valid choice.' }]);
			}
			// No constraint on url; the column is NOT NULL (Webhook.orm.xml), so a missing one fails in the database.
			if (body.url === undefined || body.url === null) throw hydraError(500, 'Internal Server Error');
			const webhook = {
				id: ++counters.webhook,
				url: String(body.url),
				event: body.event,
				secret: randomBytes(32).toString('base64'),
				client: auth.client,
			};
			webhooks.set(webhook.id, webhook);
			return [201, webhookJson(webhook, true)];
		}
		const webhook = webhooks.get(number(first));
		if (!webhook) throw hydraError(404, 'Not Found');
		// WebhookVoter: view and edit only by the OAuth client that created it.
		if (webhook.client !== auth.client) throw hydraError(403, 'Access Denied.');
		if (method === 'GET') return [200, webhookJson(webhook)];
		if (method === 'DELETE') {
			webhooks.delete(webhook.id);
			return [204, undefined];
		}
		return undefined;
	}

	/** One POST as Symfony's HttpClient sends it: `{ status, text }` of the answer; throws on a transport error. */
	async function post(url, body, signature) {
		const response = await fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				...(signature === undefined ? {} : { 'X-CoopCycle-Signature': signature }),
			},
			body,
		});
		const text = await response.text();
		return { status: response.status, text };
	}

	/**
	 * The webhooks WebhookHandler calls for one message, in its order: the API apps of the delivery's store (or,
	 * for an order, of its restaurant: `findBy(['shop' => ...])`), then, for each app, its webhooks for the event
	 * (`findBy(['oauth2Client' => ..., 'event' => ...])`). Neither findBy sorts: the database gives its rows in
	 * primary-key order, so apps in the order they were created (here: the order of the `clients` option) and each
	 * app's webhooks by id.
	 */
	function webhooksFor(object, event) {
		const apps = appsFor(object);
		return apps.flatMap((client) =>
			[...webhooks.values()]
				.filter((webhook) => webhook.client === client && webhook.event === event)
				.sort((a, b) => a.id - b.id),
		);
	}

	function appsFor(object) {
		const delivery = /^\/api\/deliveries\/(\d+)$/.exec(object);
		if (delivery) {
			// WebhookHandler: a delivery without a store calls nobody.
			const store = state.deliveries.get(Number(delivery[1]))?.store;
			return store ? state.clients.filter((client) => client.store === store) : [];
		}
		const order = /^\/api\/orders\/(\d+)$/.exec(object);
		const restaurant = order ? state.orders?.get(Number(order[1]))?.restaurant : undefined;
		return restaurant ? state.clients.filter((client) => client.shop === restaurant) : [];
	}

	/**
	 * One handling of the message by WebhookHandler::__invoke: each webhook in turn, signed with its own secret; the
	 * first answer that is not 2xx (getContent() throws for it), or a transport error, is rethrown, so the
	 * webhooks after it are not called. Returns whether every webhook answered 2xx.
	 */
	async function handle(object, event, attempt, record) {
		for (const webhook of webhooksFor(object, event)) {
			const body = phpJsonEncode({ data: { object, event: webhook.event } });
			const call = { webhook: webhook.id, event: webhook.event, object, attempt };
			try {
				const { status, text } = await post(webhook.url, body, coopCycleSignature(body, webhook.secret));
				// WebhookExecution logs the status only; the answer is kept here for the tests to read.
				record({ ...call, status, text });
				if (status < 200 || status >= 300) return false;
			} catch (error) {
				record({ ...call, status: undefined, error: error.message });
				return false;
			}
		}
		return true;
	}

	/**
	 * The message, as Messenger runs it (config/packages/messenger.yaml, transport "async": max_retries 3, delay
	 * 1000 ms, multiplier 2, max_delay 10000): when a handling throws, the WHOLE message is handled again after
	 * 1 s, 2 s, then 4 s (so every webhook before the failing one is called again), then it goes to the "failed"
	 * transport and nobody is called any more. `retryDelayMs` stands for the 1 s.
	 */
	async function deliver(object, event) {
		const made = [];
		const record = (call) => {
			made.push(call);
			calls.push(call);
		};
		for (let attempt = 0; attempt <= 3; attempt++) {
			if (await handle(object, event, attempt, record)) break;
			if (attempt < 3) await new Promise((resolve) => setTimeout(resolve, Math.min(retryDelayMs * 2 ** attempt, 10 * retryDelayMs)));
		}
		return made;
	}

	/**
	 * Dispatches the message for `object` (a delivery or order IRI) and `event`; resolves, once it is handled,
	 * with the calls it made (each attempt of each webhook).
	 */
	function fire(object, event) {
		const all = deliver(object, event);
		pending.add(all);
		all.finally(() => pending.delete(all));
		return all;
	}

	/** src/MessageHandler/Task/TriggerWebhook.php: the webhook event of a task event ('' for none). */
	function eventOfTask(task, name) {
		const pickup = task.type === 'PICKUP';
		if (name === 'task:assigned') return pickup ? '' : 'delivery.assigned';
		if (name === 'task:started') return pickup ? 'delivery.started' : 'delivery.in_transit';
		if (name === 'task:failed') return 'delivery.failed';
		if (name === 'task:done') return pickup ? 'delivery.picked' : 'delivery.completed';
		return '';
	}

	/** Called for each task event: Messenger handles the webhook after the request that caused it. */
	function onTaskEvent(task, name) {
		const event = eventOfTask(task, name);
		if (event && task.delivery) setImmediate(() => fire(`/api/deliveries/${task.delivery}`, event));
	}

	return {
		route,
		webhooks,
		calls,
		fire,
		onTaskEvent,
		post,
		/** Resolves once every webhook call under way (retries included) has ended. */
		settled: async () => {
			while (pending.size) await Promise.all([...pending]);
		},
	};
}
