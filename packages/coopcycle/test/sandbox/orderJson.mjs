// How CoopCycle writes an order: GET /api/orders/{id} (groups "order" and "address") and the members of GET
// /api/orders (group "order:list"), for the food orders of orders.mjs and the orders of the stores' deliveries.
//
// src/Resources/config/serialization.yaml (Sylius Order, OrderItem, Adjustment, Customer),
// src/Serializer/JsonLd/OrderNormalizer.php (invitation, paymentGateway), src/Serializer/Json/OrderItemNormalizer.php
// (an item's adjustments by type, as {label, amount}; its product name, variant name and vendor),
// features/orders.feature "Retrieve all orders via OAuth, then retrieve one order" and features/foodtech.feature
// "Accept order" for the shapes.

/** VAT included in an amount at `rate` (10 % for food in France), as Sylius rounds it. */
const taxIn = (amount, rate = 0.1) => Math.round(amount - amount / (1 + rate));

/** An order line: `unitPrice × quantity`, its options as menu_item_modifier adjustments (src/Sylius/Order/AdjustmentInterface.php). */
function itemJson(item, restaurant, rate) {
	const total = item.unitPrice * item.quantity;
	return {
		id: item.id,
		quantity: item.quantity,
		unitPrice: item.unitPrice,
		total,
		adjustments: {
			...(item.options.length
				? { menu_item_modifier: item.options.map((label) => ({ label: `1 × ${label}`, amount: 0 })) }
				: {}),
			tax: [{ label: `TVA ${rate * 100}%`, amount: taxIn(total, rate) }],
		},
		name: item.name,
		variantName: null,
		vendor: restaurant ? { '@id': `/api/restaurants/${restaurant.id}`, name: restaurant.name } : null,
		player: null,
	};
}

/**
 * The order of a delivery (src/Service/DeliveryOrderManager.php createOrder: "new" for a store's API app, priced
 * by the store's rules; its shipping time range is the dropoff's), numbered as the delivery.
 */
export function deliveryOrder(state, delivery) {
	const tasks = delivery.tasks.map((id) => state.tasks.get(id));
	const dropoff = tasks.findLast((task) => task.type === 'DROPOFF');
	const pickup = tasks.find((task) => task.type === 'PICKUP');
	return {
		id: delivery.id,
		number: `DL${delivery.id}`,
		state: 'new',
		restaurant: null,
		store: delivery.store,
		createdAt: delivery.createdAt,
		shippingTimeRange: [dropoff.after, dropoff.before],
		shippingAddress: dropoff.address,
		items: [{ id: delivery.id, name: 'Livraison à la demande', quantity: 1, unitPrice: delivery.price, options: [] }],
		deliveryFee: 0,
		takeaway: false,
		notes: null,
		events: [],
		// Order::getAssignedTo: the username of the courier of the delivery's pickup.
		courier: pickup.assignedTo ?? null,
	};
}

/** GET /api/orders/{id}, and the answer to accept. */
export function orderJson(state, order) {
	const { time } = state;
	const restaurant = order.restaurant ? state.restaurants.get(order.restaurant) : undefined;
	const restaurantJson = restaurant && {
		'@id': `/api/restaurants/${restaurant.id}`,
		'@type': 'http://schema.org/Restaurant',
		name: restaurant.name,
		address: restaurant.address,
	};
	const food = Boolean(restaurant);
	// Food at 10 % VAT, a delivery at 20 %.
	const rate = food ? 0.1 : 0.2;
	const items = order.items.map((item) => itemJson(item, restaurant, rate));
	const itemsTotal = items.reduce((total, item) => total + item.total, 0);
	const total = itemsTotal + order.deliveryFee;
	const [from, to] = order.shippingTimeRange;
	return {
		'@context': '/api/contexts/Order',
		'@id': `/api/orders/${order.id}`,
		'@type': 'http://schema.org/Order',
		customer: food
			? {
					'@id': `/api/customers/${order.id}`,
					'@type': 'Customer',
					username: 'sandra',
					email: 'sandra@example.org',
					fullName: 'Sandra Sandbox',
					telephone: '+33612345678',
					phoneNumber: '+33612345678',
				}
			: null,
		restaurant: restaurantJson ?? null,
		shippingAddress: order.shippingAddress,
		shippedAt: time.format(from),
		reusablePackagingEnabled: false,
		id: order.id,
		number: order.number,
		notes: order.notes,
		items,
		itemsTotal,
		total,
		state: order.state,
		createdAt: time.format(order.createdAt),
		taxTotal: taxIn(total, rate),
		preparationExpectedAt: food ? time.format(from - 25 * 60000) : null,
		pickupExpectedAt: food ? time.format(from - 10 * 60000) : null,
		adjustments: {
			delivery: order.deliveryFee ? [{ label: 'Livraison', amount: order.deliveryFee }] : [],
			delivery_promotion: [],
			order_promotion: [],
			reusable_packaging: [],
			tax: [{ label: `TVA ${rate * 100}%`, amount: taxIn(total, rate) }],
			tip: [],
			incident: [],
		},
		shippingTimeRange: [time.format(from), time.format(to)],
		takeaway: order.takeaway,
		vendor: restaurantJson ? { '@id': restaurantJson['@id'], name: restaurant.name } : null,
		preparationTime: food ? '15 minutes' : null,
		shippingTime: food ? '10 minutes' : null,
		reusablePackagingQuantity: 0,
		paymentMethod: 'CARD',
		hasReceipt: false,
		invitation: null,
		events: order.events.map((event) => ({ type: event.type, data: {}, createdAt: time.format(event.createdAt) })),
		paymentGateway: 'stripe',
		hasEdenredCredentials: false,
		assignedTo: order.courier ?? null,
	};
}

/** A member of GET /api/orders (group order:list): its address as an IRI, `client` its restaurant or store. */
export function orderListJson(state, order) {
	const { time } = state;
	const full = orderJson(state, order);
	return {
		'@id': full['@id'],
		'@type': full['@type'],
		shippingAddress: order.shippingAddress['@id'],
		shippingTimeRange: full.shippingTimeRange,
		number: order.number,
		total: full.total,
		state: order.state,
		createdAt: time.format(order.createdAt),
		client: order.restaurant ? `/api/restaurants/${order.restaurant}` : `/api/stores/${order.store}`,
		paymentGateway: full.paymentGateway,
		assignedTo: full.assignedTo,
	};
}
