import type { ReadableError } from '../../shared/transport';
import { describeCoopCycleError, violationsOf } from './errors';
import type { CallFailure } from './webhookApi';

/** The activation errors of the trigger: what went wrong registering webhooks, and what the user can change. */

const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

function hostOf(url: string): string {
	try {
		return new URL(url).hostname;
	} catch {
		return '';
	}
}

/**
 * How to give n8n its public address. n8n 2.x reads N8N_WEBHOOK_URL, and still WEBHOOK_URL, which it logs as
 * deprecated; n8n 1.x reads WEBHOOK_URL only.
 */
const SET_WEBHOOK_URL =
	'Set n8n’s public address (for example https://n8n.example.org/) in its environment variable N8N_WEBHOOK_URL on n8n 2.x, or WEBHOOK_URL on n8n 1.x, restart n8n, and activate the workflow again.';

/**
 * An n8n known only as localhost cannot be called by a CoopCycle on another machine: CoopCycle would accept the
 * address (coopcycle-web's Webhook has no constraint on `url`) and its calls would silently fail.
 */
export function unreachableWebhookUrl(webhookUrl: string, instanceUrl: string): ReadableError | undefined {
	if (!LOOPBACK.test(hostOf(webhookUrl)) || LOOPBACK.test(hostOf(instanceUrl))) return undefined;
	return {
		message: `CoopCycle cannot call n8n at ${webhookUrl}: this address only works on the n8n machine itself`,
		description: SET_WEBHOOK_URL,
	};
}

/** The API app must use the "deliveries" scope to fetch deliveries. */
export const NEEDS_DELIVERIES_SCOPE: ReadableError = {
	message: 'The trigger needs the "deliveries" scope to fetch the deliveries',
	description:
		'Add "deliveries" to the Scope field of the CoopCycle credential (the API app must have been granted it), or turn off Fetch the Delivery.',
};

/** Order Created fetches the order: src/Security/OrderActionsVoter.php lets only the "orders" scope read it. */
export const NEEDS_ORDERS_SCOPE: ReadableError = {
	message: 'The trigger needs the "orders" scope to fetch the orders',
	description:
		'Set the Scope field of the CoopCycle credential to "orders" (the only scope of a restaurant’s API app), or turn off Fetch the Delivery.',
};

/** coopcycle-web src/MessageHandler/WebhookHandler.php sends delivery events only to API apps of the delivery's store. */
export const NEEDS_STORE: ReadableError = {
	message: 'This CoopCycle API app is not linked to a store, so CoopCycle would never send it delivery events',
	description: 'Ask the cooperative’s administrator to link the API app to your store.',
};

/** A restaurant's API app (/api/me has a "shop", no "store") only ever receives Order Created. */
export const SHOP_APP_NO_DELIVERY_EVENTS: ReadableError = {
	message: 'This CoopCycle API app belongs to a restaurant, so CoopCycle would never send it delivery events',
	description:
		'A restaurant’s API app receives only Order Created: keep only that event, or use the credential of an API app linked to your store for the Delivery events.',
};

/**
 * WebhookHandler sends order.created only to the API apps whose shop is the order's restaurant (l.60-62); a
 * store's API app has no shop (src/Form/ApiAppType.php), so its webhook would register and never fire.
 */
export const ORDER_CREATED_NEEDS_SHOP: ReadableError = {
	message:
		'CoopCycle sends Order Created only to a restaurant’s API app: this one is a store’s, so it would never fire',
	description:
		'Order Created is for restaurants that take orders on the cooperative’s CoopCycle site: ask the cooperative’s administrator for an API app of your restaurant (made from the restaurant’s page, scope "orders") and use it in a credential with Scope "orders". For your store’s deliveries, choose the Delivery events instead.',
};

/** Why registering a webhook failed. */
export function registrationError(failed: CallFailure, webhookUrl: string): ReadableError {
	if (failed.tokenFailure) return failed.tokenFailure;
	const { failure } = failed;
	const urlViolation = violationsOf(failure.body)?.find((violation) => violation.propertyPath === 'url');
	if (failure.status === 400 && urlViolation) {
		return {
			message: `CoopCycle refused the webhook address ${webhookUrl}: ${urlViolation.message ?? 'invalid URL'}`,
			description: `CoopCycle must be able to call n8n at this address. ${SET_WEBHOOK_URL}`,
		};
	}
	if (failure.status === 403) {
		// config/packages/security.yaml: /api/webhooks needs ROLE_API_APP (the deliveries, tasks or orders scope);
		// src/Security/WebhookVoter.php: only an OAuth2 token may create webhooks.
		return {
			message: 'CoopCycle refused to register the webhook (403)',
			description:
				'Webhooks need an API app of type OAuth whose credential asks for the "deliveries" scope (or "tasks" or "orders"): "tasks:all" alone is not enough. Check the Scope field of the credential, or ask the cooperative’s administrator.',
		};
	}
	const readable = describeCoopCycleError(failure);
	return { ...readable, message: `Could not set up the webhooks with CoopCycle: ${readable.message}` };
}
