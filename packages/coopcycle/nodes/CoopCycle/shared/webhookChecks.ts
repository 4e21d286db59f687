import type { IHookFunctions } from 'n8n-workflow';

import type { ReadableError } from '../../shared/transport';
import { callCoopCycle, credentialOf, nodeErrorOf } from './webhookApi';
import {
	NEEDS_DELIVERIES_SCOPE,
	NEEDS_ORDERS_SCOPE,
	NEEDS_STORE,
	ORDER_CREATED_NEEDS_SHOP,
	registrationError,
	SHOP_APP_NO_DELIVERY_EVENTS,
	unreachableWebhookUrl,
} from './webhookErrors';

/**
 * What can be told before anything is registered: an address CoopCycle cannot call, a missing scope, and events
 * CoopCycle would never send to this API app. coopcycle-web src/MessageHandler/WebhookHandler.php sends delivery
 * events to the API apps of the delivery's store (l.55-58) and order.created to those whose shop is the order's
 * restaurant (l.60-62); GET /api/me (src/Action/Me.php) says which the credential's app has: a store's app has a
 * `store`, a restaurant's app a `shop` (src/Form/ApiAppType.php gives it the "orders" scope only).
 */
export async function checkBeforeRegistering(context: IHookFunctions, events: string[], url: string): Promise<void> {
	const { instanceUrl, scopes } = await credentialOf(context);
	const fail = (readable: ReadableError) => {
		throw nodeErrorOf(context, undefined, readable);
	};
	if (!events.length) {
		fail({ message: 'Choose at least one event', description: 'Pick in Events what should start the workflow.' });
	}
	const unreachable = unreachableWebhookUrl(url, instanceUrl);
	if (unreachable) fail(unreachable);
	const deliveryEvents = events.some((event) => event.startsWith('delivery.'));
	const orderEvents = events.includes('order.created');
	const fetching = context.getNodeParameter('fetchResource', true) as boolean;
	// No scope at all: CoopCycle grants its default scope, "deliveries" (config/packages/league_oauth2_server.yaml).
	if (deliveryEvents && fetching && scopes.length && !scopes.includes('deliveries')) fail(NEEDS_DELIVERIES_SCOPE);
	// src/Security/OrderActionsVoter.php: reading an order needs "orders" (or "orders:all").
	if (orderEvents && fetching && !scopes.some((scope) => scope === 'orders' || scope === 'orders:all')) {
		fail(NEEDS_ORDERS_SCOPE);
	}
	const { body: me, failed } = await callCoopCycle(context, 'GET', '/api/me');
	if (failed) throw nodeErrorOf(context, failed, registrationError(failed, url));
	const linked = (value: unknown) => typeof value === 'string' && value !== '';
	if (deliveryEvents && !linked(me.store)) fail(linked(me.shop) ? SHOP_APP_NO_DELIVERY_EVENTS : NEEDS_STORE);
	if (orderEvents && !linked(me.shop)) fail(ORDER_CREATED_NEEDS_SHOP);
}
