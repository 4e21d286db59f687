import { coopCycle } from '../fixtures';
import { bodyOf, createdWebhook, SHOP_ME, signedCall, trigger } from './triggerFixtures';

/** GET /api/orders/{id} for the restaurant's own app (features/orders.feature). */
const ORDER = {
	'@context': '/api/contexts/Order',
	'@id': '/api/orders/1001',
	'@type': 'http://schema.org/Order',
	id: 1001,
	number: 'SB1001',
	state: 'new',
	restaurant: { '@id': '/api/restaurants/1', '@type': 'http://schema.org/Restaurant', name: 'Bistro' },
	total: 3250,
};

/**
 * Order Created with a restaurant's API app (scope "orders"): coopcycle-web src/MessageHandler/WebhookHandler.php
 * l.60-62 sends it to the apps whose shop is the order's restaurant, and src/Security/OrderActionsVoter.php lets
 * that app read the order (GET /api/orders/{id}, firewall api_orders_get in config/packages/security.yaml).
 */
describe('CoopCycle Trigger: Order Created', () => {
	async function activatedForOrders() {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, SHOP_ME);
		api.post('/api/webhooks').reply(201, createdWebhook(7, 'order.created'));
		const node = trigger({ events: ['order.created'] }, { scope: 'orders' });
		await node.activate();
		return { api, node };
	}

	it('registers with a restaurant’s API app, and the call starts the workflow with the order fetched', async () => {
		const { api, node } = await activatedForOrders();
		api.get('/api/orders/1001').reply(200, ORDER);
		const { result } = await node.call(
			signedCall(bodyOf('/api/orders/1001', 'order.created'), String(createdWebhook(7, '').secret)),
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'order.created',
			orderId: 1001,
			'@id': '/api/orders/1001',
			// Simplified as Order → Get gives it: flat.
			order: { id: 1001, number: 'SB1001', state: 'new', restaurant: 'Bistro', total: 3250 },
		});
		expect((result.workflowData?.[0][0].json.order as { '@context'?: string })['@context']).toBeUndefined();
	});

	it('an order that cannot be read: the event still starts the workflow, saying why', async () => {
		const { api, node } = await activatedForOrders();
		api.get('/api/orders/1002').reply(403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		const { result } = await node.call(
			signedCall(bodyOf('/api/orders/1002', 'order.created'), String(createdWebhook(7, '').secret)),
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'order.created',
			orderId: 1002,
			order: null,
			fetchError: { message: 'CoopCycle refused access (403): Access Denied.' },
		});
		expect(String((result.workflowData?.[0][0].json.fetchError as { description?: string }).description)).toMatch(
			/API app of its restaurant/,
		);
	});
});
