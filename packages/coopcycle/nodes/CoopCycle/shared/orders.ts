import type { IDataObject } from 'n8n-workflow';

import type { ReadableError } from '../../shared/transport';
import { describeCoopCycleError, type ErrorHints } from './errors';
import { simplifiedOrder } from './orderOutput';
import { callCoopCycle, type TriggerContext } from './webhookApi';

/**
 * A restaurant's food orders: the routes and error hints of the Order operations, and the order the CoopCycle
 * Trigger fetches for Order Created.
 *
 * coopcycle-web config/packages/security.yaml: firewalls api_orders_get (^/api/orders/[0-9]+$, GET),
 * api_orders_accept (^/api/orders/[0-9]+/accept$, PUT) and api_orders (^/api/orders$, GET) take OAuth tokens.
 * src/Entity/Sylius/Order.php: Get with is_granted('view', object), Accept with is_granted('accept', object), the
 * list with ROLE_ADMIN or ROLE_OAUTH2_ORDERS:ALL. src/Security/OrderActionsVoter.php l.82-105: an OAuth client with
 * the "orders" scope may view and accept the orders of its API app's shop (a restaurant's API app, made from the
 * restaurant's page: src/Controller/Utils/RestaurantTrait.php, src/Form/ApiAppType.php gives it "orders" only);
 * "orders:all", which only the administrator's API apps can be granted, may view every order and nothing else.
 */
export const ORDER_ROUTE = '/api/orders/{orderId}';

export const ORDER_NOT_FOUND = 'Check the Order ID: no such order.';

export const ORDER_ERRORS: ErrorHints = {
	notFound: ORDER_NOT_FOUND,
	forbidden:
		'An order can be read only by the API app of its restaurant, with the "orders" scope (or by an app granted "orders:all").',
};

/** Also shown as a notice on Order → Get Many. */
export const NEEDS_ORDERS_ALL_SCOPE =
	'Listing orders needs the "orders:all" scope, which only the cooperative’s administrator can grant, to an API app made in Administration → API (a restaurant’s own API app has "orders" only). It lists every order of the cooperative: every restaurant’s, and the orders of the stores’ deliveries.';

export const ACCEPT_ERRORS: ErrorHints = {
	notFound: ORDER_NOT_FOUND,
	forbidden:
		'Only the API app of the order’s restaurant, with the "orders" scope, can accept it. An app granted "orders:all" can read orders but not accept them.',
	badRequest:
		'Most often the order’s reusable packaging (LoopEat) is out of stock. Open the order on the cooperative’s CoopCycle site to see what is missing.',
};

export const orderPath = (id: number | string): string => ORDER_ROUTE.replace('{orderId}', String(id));

/** The order, simplified as Order → Get gives it, or why it could not be fetched. */
export async function fetchOrder(
	context: TriggerContext,
	id: number | string,
): Promise<{ order: IDataObject; error?: undefined } | { order?: undefined; error: ReadableError }> {
	const { body, failed } = await callCoopCycle(context, 'GET', orderPath(id));
	if (!failed) return { order: simplifiedOrder(body) };
	return { error: failed.tokenFailure ?? describeCoopCycleError(failed.failure, ORDER_ERRORS) };
}
