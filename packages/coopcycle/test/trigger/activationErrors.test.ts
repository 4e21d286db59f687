import nock from 'nock';

import { coopCycle, INSTANCE, violationList } from '../fixtures';
import { activated, ME, registering, SHOP_ME, trigger, TWO_EVENTS, WEBHOOK_URL } from './triggerFixtures';

describe('CoopCycle Trigger: activation errors', () => {
	async function activationError(node = trigger()) {
		const error = await node.activate().then(
			() => undefined,
			(thrown: Error & { description?: string }) => thrown,
		);
		expect(error).toBeDefined();
		return error!;
	}

	it('a failed registration deletes the webhooks registered before it and says why', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		registering(api, 1);
		api.post('/api/webhooks').reply(500, { '@type': 'hydra:Error', 'hydra:description': 'Internal Server Error' });
		api.delete('/api/webhooks/1').reply(204);
		const node = trigger(TWO_EVENTS);
		const error = await activationError(node);
		expect(error.message).toBe(
			'Could not set up the webhooks with CoopCycle: CoopCycle answered with an error (500): Internal Server Error',
		);
		expect(node.nodeData.webhooks).toBeUndefined();
	});

	it('403: names the scopes webhooks need', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api.post('/api/webhooks').reply(403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		const error = await activationError();
		expect(error.message).toBe('CoopCycle refused to register the webhook (403)');
		expect(error.description).toMatch(/"tasks:all" alone is not enough/);
	});

	// n8n 2.x reads N8N_WEBHOOK_URL (and still WEBHOOK_URL, logged as deprecated); n8n 1.x reads WEBHOOK_URL only.
	it('an address CoopCycle refuses (400 on url) names N8N_WEBHOOK_URL (n8n 2.x) and WEBHOOK_URL (n8n 1.x)', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		api.post('/api/webhooks').reply(400, violationList('url', 'This value is not a valid URL.'));
		const error = await activationError();
		expect(error.message).toBe(`CoopCycle refused the webhook address ${WEBHOOK_URL}: This value is not a valid URL.`);
		expect(error.description).toMatch(/N8N_WEBHOOK_URL on n8n 2\.x, or WEBHOOK_URL on n8n 1\.x/);
	});

	it('an n8n known only as localhost, with a CoopCycle elsewhere: refused before anything is sent', async () => {
		coopCycle();
		const node = trigger(undefined, {}, { webhookBaseUrl: 'http://localhost:5678/' });
		const error = await activationError(node);
		expect(error.message).toBe(
			'CoopCycle cannot call n8n at http://localhost:5678/webhook/5f1c1a5e-0000-4000-8000-000000000001/webhook: this address only works on the n8n machine itself',
		);
		expect(error.description).toMatch(/N8N_WEBHOOK_URL on n8n 2\.x, or WEBHOOK_URL on n8n 1\.x/);
	});

	it('a credential without the "deliveries" scope: refused before anything is sent', async () => {
		coopCycle();
		const error = await activationError(trigger(undefined, { scope: 'tasks' }));
		expect(error.message).toBe('The trigger needs the "deliveries" scope to fetch the deliveries');
		expect(error.description).toMatch(/Fetch the Delivery/);
	});

	it('an API app without a store: refused, since CoopCycle would never call', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, { ...ME, store: null });
		const error = await activationError();
		expect(error.message).toBe(
			'This CoopCycle API app is not linked to a store, so CoopCycle would never send it delivery events',
		);
	});

	it('a wrong client secret: the credential’s own words', async () => {
		nock(INSTANCE)
			.post('/oauth2/token')
			.reply(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
		const error = await activationError();
		expect(error.message).toBe('CoopCycle refused the client ID or client secret (invalid_client)');
	});

	it('CoopCycle failing while the webhooks are checked: activation stops and says so (nothing is re-registered)', async () => {
		const { api, node } = await activated();
		api.get('/api/webhooks/1').reply(503, { '@type': 'hydra:Error', 'hydra:description': 'Service Unavailable' });
		const error = await activationError(node);
		expect(error.message).toBe(
			'Could not set up the webhooks with CoopCycle: CoopCycle answered with an error (503): Service Unavailable',
		);
		expect(node.nodeData.webhooks).toHaveLength(1);
	});

	// coopcycle-web src/MessageHandler/WebhookHandler.php l.60-62: order.created goes to the API apps whose shop
	// is the order's restaurant; a store's API app has none (src/Form/ApiAppType.php).
	it('Order Created with a store’s API app: refused, since CoopCycle would never send it', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		const error = await activationError(trigger({ events: ['order.created'], fetchResource: false }));
		expect(error.message).toBe(
			'CoopCycle sends Order Created only to a restaurant’s API app: this one is a store’s, so it would never fire',
		);
		expect(error.description).toMatch(/API app of your restaurant.*Scope "orders"/);
	});

	it('Order Created with Fetch on and a credential without the "orders" scope: refused before anything is sent', async () => {
		coopCycle();
		const error = await activationError(trigger({ events: ['order.created'] }));
		expect(error.message).toBe('The trigger needs the "orders" scope to fetch the orders');
	});

	it('Delivery events with a restaurant’s API app: refused, since CoopCycle sends it only Order Created', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, SHOP_ME);
		const error = await activationError(
			trigger({ events: ['delivery.completed', 'order.created'] }, { scope: 'orders deliveries' }),
		);
		expect(error.message).toBe(
			'This CoopCycle API app belongs to a restaurant, so CoopCycle would never send it delivery events',
		);
	});

	it('no event chosen', async () => {
		coopCycle();
		const error = await activationError(trigger({ events: [] }));
		expect(error.message).toBe('Choose at least one event');
	});
});
