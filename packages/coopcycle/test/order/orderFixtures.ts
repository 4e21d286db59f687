import type { IDataObject } from 'n8n-workflow';

/**
 * An order as GET /api/orders/{id} gives it to the restaurant's API app (coopcycle-web features/foodtech.feature
 * "Accept order", features/orders.feature; src/Serializer/Json/OrderItemNormalizer.php for the items).
 */
export function foodOrder(id: number, state = 'new'): IDataObject {
	return {
		'@context': '/api/contexts/Order',
		'@id': `/api/orders/${id}`,
		'@type': 'http://schema.org/Order',
		customer: {
			'@id': '/api/customers/4',
			'@type': 'Customer',
			username: 'sandra',
			email: 'sandra@example.org',
			fullName: 'Sandra Martin',
			telephone: '+33612345678',
			phoneNumber: '+33612345678',
		},
		restaurant: { '@id': '/api/restaurants/1', '@type': 'http://schema.org/Restaurant', name: 'Bistro' },
		shippingAddress: {
			'@id': '/api/addresses/9',
			'@type': 'http://schema.org/Place',
			geo: { latitude: 48.85, longitude: 2.32 },
			streetAddress: '12 Rue de Sèvres, 75007 Paris',
			description: 'Code 1234',
			telephone: null,
		},
		shippedAt: '2025-06-12T12:30:00+02:00',
		id,
		number: `A${id}`,
		notes: 'No onions please',
		items: [
			{
				id: 1,
				quantity: 2,
				unitPrice: 1450,
				total: 2900,
				adjustments: {
					menu_item_modifier: [{ label: '1 × Frites', amount: 0 }],
					tax: [{ label: 'TVA 10%', amount: 264 }],
				},
				name: 'Menu du jour',
				variantName: null,
				vendor: { '@id': '/api/restaurants/1', name: 'Bistro' },
				player: null,
			},
		],
		itemsTotal: 2900,
		total: 3250,
		state,
		createdAt: '2025-06-12T11:58:00+02:00',
		taxTotal: 295,
		adjustments: {
			delivery: [{ label: 'Livraison', amount: 350 }],
			tip: [],
			tax: [{ label: 'TVA 10%', amount: 295 }],
		},
		shippingTimeRange: ['2025-06-12T12:30:00+02:00', '2025-06-12T12:40:00+02:00'],
		takeaway: false,
		paymentMethod: 'CARD',
		events: [{ type: 'order:created', data: {}, createdAt: '2025-06-12T11:58:00+02:00' }],
		paymentGateway: 'stripe',
		assignedTo: null,
	};
}

/** foodOrder with Simplify: what a restaurant maps from. */
export function simplifiedFoodOrder(id: number, state = 'new'): IDataObject {
	return {
		id,
		number: `A${id}`,
		state,
		createdAt: '2025-06-12T11:58:00+02:00',
		restaurant: 'Bistro',
		customerName: 'Sandra Martin',
		customerPhone: '+33612345678',
		customerEmail: 'sandra@example.org',
		takeaway: false,
		deliveryAddress: '12 Rue de Sèvres, 75007 Paris',
		deliveryAddressDetails: 'Code 1234',
		shippingTimeFrom: '2025-06-12T12:30:00+02:00',
		shippingTimeUntil: '2025-06-12T12:40:00+02:00',
		items: [{ name: 'Menu du jour', quantity: 2, options: ['1 × Frites'], total: 2900 }],
		itemsTotal: 2900,
		tip: 0,
		total: 3250,
		notes: 'No onions please',
		paymentMethod: 'CARD',
		courier: null,
	};
}

export const hydraError = (description: string) => ({
	'@context': '/api/contexts/Error',
	'@type': 'hydra:Error',
	'hydra:title': 'An error occurred',
	'hydra:description': description,
});
