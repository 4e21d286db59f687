// Food orders of a restaurant (CoopCycle's marketplace, not deliveries): GET /api/orders/{id}, PUT
// /api/orders/{id}/accept, GET /api/orders, and the order.created webhook a new order sends.
//
// config/packages/security.yaml: firewalls api_orders_get (^/api/orders/[0-9]+$, GET), api_orders_accept
// (^/api/orders/[0-9]+/accept$, PUT) and api_orders (^/api/orders$, GET), all bearer_token, then the ^/api access
// control (IS_AUTHENTICATED_FULLY). src/Entity/Sylius/Order.php: Get with is_granted('view', object), the accept
// Put with is_granted('accept', object), GetCollection with is_granted("ROLE_ADMIN") or
// is_granted("ROLE_OAUTH2_ORDERS:ALL"). src/Security/OrderActionsVoter.php l.82-105, for an OAuth2 token:
// "orders:all" may VIEW any order and nothing else (it is checked first, so it never accepts); otherwise the token
// needs "orders", the order a vendor (a restaurant), and the API app's shop (TokenStoreExtractor::extractShop) must
// be the order's restaurant, to view or accept. A store's API app (no shop) is refused.
// src/MessageHandler/Order/TriggerWebhook.php: a new order of a restaurant dispatches order.created, which
// src/MessageHandler/WebhookHandler.php sends to the webhooks of the API apps whose shop is that restaurant.
import { deliveryOrder, orderJson, orderListJson } from './orderJson.mjs';
import { collection, hydraError, internalError, phpQuery } from './http.mjs';

// The sandbox's delivery orders are /api/orders/{delivery id}: food orders are numbered apart.
const FIRST_ORDER = 1001;

/**
 * config/packages/winzou_state_machine.yaml, graph sylius_order: "accept" goes from "new" to "accepted" only. A
 * restaurant's staff may also refuse, start and finish preparing, fulfill or cancel an order on CoopCycle's site.
 */
export const ORDER_STATES = ['cart', 'new', 'accepted', 'refused', 'started', 'ready', 'fulfilled', 'cancelled'];

export function orderRoutes(state) {
	const { time } = state;
	const restaurants = new Map([
		[
			1,
			{ id: 1, name: 'Sandbox Bistro', address: state.addAddress({ streetAddress: '3 Rue du Four, 75006 Paris' }, 0) },
		],
		[2, { id: 2, name: 'Other Bistro', address: state.addAddress({ streetAddress: '8 Rue du Bac, 75007 Paris' }, 0) }],
	]);
	const orders = new Map();
	/** The orders whose customer CoopCycle e-mailed "accepted", once per e-mail (src/MessageHandler/Order/SendEmail.php). */
	const acceptedEmails = [];
	Object.assign(state, { restaurants, orders, deliveryOrder: (delivery) => deliveryOrder(state, delivery) });

	/**
	 * A customer orders from a restaurant: the order is created, and order.created dispatched to the restaurant's
	 * API apps. Returns the order's IRI and the message's calls (once handled). Options: takeaway (collection),
	 * notes, loopeatShortage (its reusable packaging is out of stock: accepting it fails).
	 */
	function placeOrder(restaurantId = 1, { takeaway = false, notes = null, loopeatShortage = false } = {}) {
		const id = FIRST_ORDER + orders.size;
		const now = Math.floor(Date.now() / 1000) * 1000;
		orders.set(id, {
			id,
			number: `SB${id}`,
			state: 'new',
			restaurant: restaurantId,
			createdAt: now,
			shippingTimeRange: [now + 30 * 60000, now + 40 * 60000],
			shippingAddress: state.addAddress(
				{ streetAddress: '12 Rue de Sèvres, 75007 Paris', description: 'Code 1234, 2nd floor' },
				0,
			),
			items: [
				{ id: 1, name: 'Menu du jour', quantity: 2, unitPrice: 1450, options: ['Frites', 'Sans oignon'] },
				{ id: 2, name: 'Citronnade', quantity: 1, unitPrice: 350, options: [] },
			],
			deliveryFee: takeaway ? 0 : 350,
			takeaway,
			notes,
			loopeatShortage,
			events: [{ type: 'order:created', createdAt: now }],
			hasDelivery: false,
		});
		const iri = `/api/orders/${id}`;
		return { iri, calls: state.fireWebhook(iri, 'order.created') };
	}

	/**
	 * PUT /api/orders/{id}/accept: src/Action/Order/Accept.php dispatches AcceptOrder and turns any exception into
	 * `new BadRequestHttpException($e)`, whose message is the exception cast to text (class, message, file, stack
	 * trace). src/MessageHandler/Order/Command/AcceptOrderHandler.php throws first when reusable packaging is out
	 * of stock (a Messenger HandlerFailedException around it), else dispatches OrderAccepted to every handler:
	 * src/MessageHandler/Order/UpdateState.php applies the "accept" transition SOFTLY ($stateMachine->apply($t,
	 * true)): an order that is not "new" keeps its state and nothing fails, while SendEmail.php e-mails the customer
	 * "your order is accepted" again, CreateTasks.php creates the order's delivery if it has none (unless takeaway,
	 * a refused order included), and EventStoreMiddleware records an order:accepted event. The answer is the order
	 * (src/Serializer/JsonLd/OrderNormalizer.php gives it the order's own @id).
	 */
	function accept(order) {
		if (order.loopeatShortage) {
			throw hydraError(
				400,
				'Symfony\\Component\\Messenger\\Exception\\HandlerFailedException: Handling "AppBundle\\Message\\Order\\Command\\AcceptOrder" failed: Insufficient reusable packaging quantity for « Menu du jour »\n in /var/www/html/vendor/symfony/messenger/Middleware/HandleMessageMiddleware.php:124\nStack trace:\n#0 /var/www/html/vendor/symfony/messenger/Middleware/SendMessageMiddleware.php(77): Symfony\\Component\\Messenger\\Middleware\\HandleMessageMiddleware->handle()\n#1 {main}',
			);
		}
		if (order.state === 'new') order.state = 'accepted';
		order.events.push({ type: 'order:accepted', createdAt: Date.now() });
		acceptedEmails.push(order.id);
		if (!order.hasDelivery && !order.takeaway) order.hasDelivery = true;
		return [200, orderJson(state, order)];
	}

	/** What the token may do with an order (src/Security/OrderActionsVoter.php, OAuth2 branch). */
	function allowed(auth, order, action) {
		if (auth.scopes.includes('orders:all')) return action === 'view';
		if (!auth.scopes.includes('orders') || !order.restaurant) return false;
		return auth.client.shop === order.restaurant;
	}

	/**
	 * GET /api/orders (GetCollection, group order:list), in API Platform's default order (by id): food orders and
	 * the orders of stores' deliveries alike (no filter by who asks). Filters of src/Entity/Sylius/Order.php:
	 * SearchFilter state (exact: one state or a list), src/Api/Filter/OrderDateFilter.php date (a day, or
	 * date[after] and date[before] days: the orders whose shipping time range overlaps from the first day's
	 * midnight to the last day's 23:59:59; it also leaves carts out; a missing bound is read by `new \DateTime(null)`,
	 * today, after a PHP warning; a text that is no date throws, 500). Paged as every collection: page, itemsPerPage.
	 */
	function list(request) {
		const { state: states, date } = phpQuery(request.query);
		let members = [...state.deliveries.values()].map((delivery) => state.deliveryOrder(delivery));
		members.push(...orders.values());
		if (states !== undefined) {
			const wanted = typeof states === 'object' ? Object.values(states) : [states];
			members = members.filter((order) => wanted.includes(order.state));
		}
		if (date !== undefined) {
			const day = (text) => {
				const at = text === undefined ? Date.now() : time.parse(`${text}`.slice(0, 10));
				if (at === undefined) throw internalError();
				return time.wallOf(at) - (time.wallOf(at) % 86400000);
			};
			const [from, to] = typeof date === 'object' ? [day(date.after), day(date.before)] : [day(date), day(date)];
			members = members.filter(
				(order) =>
					order.state !== 'cart' &&
					time.wallOf(order.shippingTimeRange[0]) <= to + 86399000 &&
					time.wallOf(order.shippingTimeRange[1]) >= from,
			);
		}
		members.sort((a, b) => a.id - b.id);
		return collection(
			request,
			'/api/orders',
			members.map((order) => orderListJson(state, order)),
			{
				context: '/api/contexts/Order',
			},
		);
	}

	/** Its routes: the answer, or undefined for a route of another group. */
	function route(request, auth, { resource, first, second, number }) {
		if (resource !== 'orders') return undefined;
		if (!first && request.method === 'GET') {
			if (!auth.scopes.includes('orders:all')) throw hydraError(403, 'Access Denied.');
			return [200, list(request)];
		}
		const id = number(first);
		const action =
			request.method === 'GET' && !second
				? 'view'
				: request.method === 'PUT' && second === 'accept'
					? 'accept'
					: undefined;
		if (id === undefined || !action) return undefined;
		// A delivery's order (no restaurant) is read from its delivery; food orders are numbered from 1001.
		const order =
			orders.get(id) ?? (state.deliveries.has(id) ? state.deliveryOrder(state.deliveries.get(id)) : undefined);
		if (!order) throw hydraError(404, 'Not Found');
		if (!allowed(auth, order, action)) throw hydraError(403, 'Access Denied.');
		if (action === 'accept') return accept(order);
		return [200, orderJson(state, order)];
	}

	/** What a restaurant's staff does on CoopCycle's site: refuse, cancel, start preparing… (for tests). */
	function setOrderState(id, next) {
		if (!ORDER_STATES.includes(next)) throw new Error(`not an order state: ${next}`);
		orders.get(id).state = next;
	}

	/** An order as the database holds it (for assertions): state, events, delivery, accepted e-mails sent. */
	function orderRecord(id) {
		const order = orders.get(id);
		return {
			state: order.state,
			events: order.events.map((event) => event.type),
			hasDelivery: order.hasDelivery,
			acceptedEmails: acceptedEmails.filter((sent) => sent === id).length,
		};
	}

	return { placeOrder, route, setOrderState, orderRecord };
}
