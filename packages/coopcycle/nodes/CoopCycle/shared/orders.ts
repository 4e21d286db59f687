import type { IDataObject } from 'n8n-workflow';

import type { ReadableError } from '../../shared/transport';
import { describeCoopCycleError, type ErrorHints } from './errors';
import { simplify } from './simplify';
import { callCoopCycle, type TriggerContext } from './webhookApi';

/**
 * A restaurant's food order (GET /api/orders/{id}): what the CoopCycle Trigger fetches for Order Created, and the
 * route and error hints an Order → Get operation would use with coopCycleRoute.
 *
 * coopcycle-web: firewall api_orders_get (^/api/orders/[0-9]+$, GET, OAuth tokens accepted) in
 * config/packages/security.yaml; src/Entity/Sylius/Order.php, Get with is_granted('view', object);
 * src/Security/OrderActionsVoter.php: an OAuth client may view an order with the "orders" scope when its API app's
 * shop is the order's restaurant ("orders:all" may view any order).
 */
export const ORDER_ROUTE = '/api/orders/{orderId}';

export const ORDER_ERRORS: ErrorHints = {
	notFound: 'Check the Order ID: no such order.',
	forbidden:
		'An order can be read only by the API app of its restaurant, with the "orders" scope (or by an app granted "orders:all").',
};

export const orderPath = (id: number | string): string => ORDER_ROUTE.replace('{orderId}', String(id));

/** The order, simplified as the node's operations give it, or why it could not be fetched. */
export async function fetchOrder(
	context: TriggerContext,
	id: number | string,
): Promise<{ order: IDataObject; error?: undefined } | { order?: undefined; error: ReadableError }> {
	const { body, failed } = await callCoopCycle(context, 'GET', orderPath(id));
	if (!failed) return { order: simplify(body) as IDataObject };
	return { error: failed.tokenFailure ?? describeCoopCycleError(failed.failure, ORDER_ERRORS) };
}
