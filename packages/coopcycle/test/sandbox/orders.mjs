// Food orders of a restaurant (CoopCycle's marketplace, not deliveries): GET /api/orders/{id}, and the
// order.created webhook a new order sends.
//
// config/packages/security.yaml: firewall api_orders_get (^/api/orders/[0-9]+$, GET, bearer_token), then the
// ^/api access control (IS_AUTHENTICATED_FULLY). src/Entity/Sylius/Order.php: Get with security
// is_granted('view', object). src/Security/OrderActionsVoter.php, for an OAuth2 token: "orders:all" may view any
// order; otherwise the token needs the "orders" scope, the order a vendor (a restaurant), and the API app's shop
// (TokenStoreExtractor::extractShop) must be the order's restaurant. A store's API app (no shop) is refused.
// src/MessageHandler/Order/TriggerWebhook.php: a new order of a restaurant dispatches order.created, which
// src/MessageHandler/WebhookHandler.php sends to the webhooks of the API apps whose shop is that restaurant.
import { hydraError } from './http.mjs';

// The sandbox's delivery orders are /api/orders/{delivery id}: food orders are numbered apart.
const FIRST_ORDER = 1001;

export function orderRoutes(state) {
	const { time } = state;
	const restaurants = new Map([
		[1, { id: 1, name: 'Sandbox Bistro', address: state.addAddress({ streetAddress: '3 Rue du Four, 75006 Paris' }, 0) }],
	]);
	const orders = new Map();
	Object.assign(state, { restaurants, orders });

	/** An order as GET /api/orders/{id} shows it (features/orders.feature, "Restaurant owner can retrieve order"). */
	const orderJson = (order) => {
		const restaurant = restaurants.get(order.restaurant);
		return {
			'@context': '/api/contexts/Order',
			'@id': `/api/orders/${order.id}`,
			'@type': 'http://schema.org/Order',
			id: order.id,
			number: order.number,
			state: order.state,
			customer: { '@type': 'Customer', fullName: 'Sandra Sandbox', telephone: '+33612345678' },
			restaurant: {
				'@id': `/api/restaurants/${restaurant.id}`,
				'@type': 'http://schema.org/Restaurant',
				name: restaurant.name,
				address: restaurant.address,
			},
			shippingAddress: order.shippingAddress,
			shippingTimeRange: order.shippingTimeRange.map((at) => time.format(at)),
			takeaway: false,
			items: order.items,
			itemsTotal: order.total - 350,
			total: order.total,
			taxTotal: Math.round(order.total / 11),
			notes: null,
			createdAt: time.format(order.createdAt),
			paymentMethod: 'CARD',
		};
	};

	/**
	 * A customer orders from a restaurant: the order is created, and order.created dispatched to the restaurant's
	 * API apps. Returns the order's IRI and the message's calls (once handled).
	 */
	function placeOrder(restaurantId = 1) {
		const id = FIRST_ORDER + orders.size;
		const now = Date.now();
		orders.set(id, {
			id,
			number: `SB${id}`,
			state: 'new',
			restaurant: restaurantId,
			createdAt: now,
			shippingTimeRange: [now + 30 * 60000, now + 40 * 60000],
			shippingAddress: state.addAddress({ streetAddress: '12 Rue de Sèvres, 75007 Paris' }, 0),
			items: [{ '@type': 'OrderItem', id: 1, name: 'Menu du jour', quantity: 2, unitPrice: 1450, total: 2900 }],
			total: 3250,
		});
		const iri = `/api/orders/${id}`;
		return { iri, calls: state.fireWebhook(iri, 'order.created') };
	}

	/** Its routes: the answer, or undefined for a route of another group. */
	function route(request, auth, { resource, first, second, number }) {
		if (resource !== 'orders' || request.method !== 'GET' || second || number(first) === undefined) return undefined;
		// The orders of deliveries (/api/orders/{delivery id}) are not modelled: found here are food orders only.
		const order = orders.get(number(first));
		if (!order) throw hydraError(404, 'Not Found');
		const allowed =
			auth.scopes.includes('orders:all') || (auth.scopes.includes('orders') && auth.client.shop === order.restaurant);
		if (!allowed) throw hydraError(403, 'Access Denied.');
		return [200, orderJson(order)];
	}

	return { placeOrder, route };
}
