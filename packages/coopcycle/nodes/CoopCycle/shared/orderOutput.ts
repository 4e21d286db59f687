import type { IDataObject } from 'n8n-workflow';

import { objectOf, textOf } from '../../shared/values';
import { idOfIri } from './ids';

/**
 * Simplify for an order: a flat, short object a restaurant maps from (what to prepare, for whom, for when, how
 * much). CoopCycle's order (src/Resources/config/serialization.yaml, groups "order" and "order:list";
 * src/Serializer/Json/OrderItemNormalizer.php for the items) holds much more: Simplify off gives all of it.
 */

/** Keys the node adds to an order (Order → Accept), kept by Simplify. */
const NODE_KEYS = ['alreadyAccepted', 'recovered'];

/** Labels of the adjustments of one type, e.g. an item's options ("1 × Frites"). */
function labelsOf(adjustments: unknown, type: string): string[] {
	const list = objectOf(adjustments)[type];
	return Array.isArray(list) ? list.map((adjustment) => textOf(objectOf(adjustment).label)).filter(Boolean) : [];
}

/** The sum of the adjustments of one type, in cents (the tip, say). */
function amountOf(adjustments: unknown, type: string): number | undefined {
	const list = objectOf(adjustments)[type];
	if (!Array.isArray(list)) return undefined;
	return list.reduce((total: number, adjustment) => total + (Number(objectOf(adjustment).amount) || 0), 0);
}

const itemOf = (item: unknown) => {
	const { name, quantity, total, adjustments } = objectOf(item);
	return { name, quantity, options: labelsOf(adjustments, 'menu_item_modifier'), total };
};

/**
 * An order (GET /api/orders/{id}, or a member of GET /api/orders) as a flat object. What the answer does not hold
 * is left out (the list holds no customer nor items); what it holds empty stays, as null.
 */
export function simplifiedOrder(order: IDataObject): IDataObject {
	const customer = objectOf(order.customer);
	const address = order.shippingAddress;
	const place = objectOf(address);
	const [from, until] = Array.isArray(order.shippingTimeRange) ? (order.shippingTimeRange as string[]) : [];
	const flat: IDataObject = {
		id: order.id ?? idOfIri(order['@id']),
		number: order.number,
		state: order.state,
		createdAt: order.createdAt,
		restaurant: objectOf(order.restaurant).name,
		client: order.client,
		customerName: customer.fullName ?? customer.username,
		customerPhone: customer.telephone ?? customer.phoneNumber,
		customerEmail: customer.email,
		takeaway: order.takeaway,
		// The list gives the address as an IRI only: Get the order for its text.
		deliveryAddress: typeof address === 'string' ? undefined : place.streetAddress,
		deliveryAddressDetails: place.description,
		shippingTimeFrom: from,
		shippingTimeUntil: until,
		items: Array.isArray(order.items) ? order.items.map(itemOf) : undefined,
		itemsTotal: order.itemsTotal,
		tip: amountOf(order.adjustments, 'tip'),
		total: order.total,
		notes: order.notes,
		paymentMethod: order.paymentMethod,
		courier: order.assignedTo,
	};
	for (const key of NODE_KEYS) if (order[key] !== undefined) flat[key] = order[key];
	for (const [key, value] of Object.entries(flat)) if (value === undefined) delete flat[key];
	return flat;
}
