import nock from 'nock';

import { coopCycle, INSTANCE, LD_JSON, parsed, violationList } from '../fixtures';
import { createdWebhook, ME, shownWebhook, SHOP_ME, trigger, WEBHOOK_URL } from './triggerFixtures';

const TWO_EVENTS = { events: ['delivery.picked', 'delivery.completed'] };

/** A CoopCycle that registers webhooks in the order asked, from id `firstId`: the bodies it got. */
function registering(api: ReturnType<typeof coopCycle>['api'], count: number, firstId = 1) {
	const bodies: unknown[] = [];
	let id = firstId;
	api
		.post('/api/webhooks')
		.matchHeader('content-type', LD_JSON)
		.matchHeader('accept', LD_JSON)
		.times(count)
		.reply(201, (_uri, body) => {
			const sent = parsed(body) as { event: string; url: string };
			bodies.push(sent);
			return createdWebhook(id++, sent.event, sent.url);
		});
	return bodies;
}

/** A trigger activated with `parameters` (one webhook per event, from id 1); /api/me answered `meTimes` times. */
async function activated(parameters = { events: ['delivery.completed'] }, meTimes = 1) {
	const { api } = coopCycle();
	api.get('/api/me').times(meTimes).reply(200, ME);
	registering(api, (parameters.events as string[]).length);
	const node = trigger(parameters);
	await node.activate();
	return { api, node };
}

describe('CoopCycle Trigger: activation and deactivation', () => {
	it('registers one webhook per event and keeps each id and secret in the static data', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		const bodies = registering(api, 2);
		const node = trigger(TWO_EVENTS);
		await node.activate();
		expect(bodies).toEqual([
			{ url: WEBHOOK_URL, event: 'delivery.picked' },
			{ url: WEBHOOK_URL, event: 'delivery.completed' },
		]);
		expect(node.nodeData.webhooks).toEqual([
			{ id: '/api/webhooks/1', event: 'delivery.picked', secret: createdWebhook(1, '').secret, url: WEBHOOK_URL },
			{ id: '/api/webhooks/2', event: 'delivery.completed', secret: createdWebhook(2, '').secret, url: WEBHOOK_URL },
		]);
	});

	it('re-activation (or an n8n restart) finds the webhooks with GET and registers nothing', async () => {
		const { api, node } = await activated(TWO_EVENTS);
		api.get('/api/webhooks/1').reply(200, shownWebhook(1, 'delivery.picked'));
		api.get('/api/webhooks/2').reply(200, shownWebhook(2, 'delivery.completed'));
		expect(await node.hook('checkExists')).toBe(true);
	});

	it('a webhook deleted on CoopCycle’s side: the others are deleted before registering again, no duplicate', async () => {
		const { api, node } = await activated(TWO_EVENTS, 2);
		api.get('/api/webhooks/1').reply(200, shownWebhook(1, 'delivery.picked'));
		api.get('/api/webhooks/2').reply(404, { '@type': 'hydra:Error', 'hydra:description': 'Not Found' });
		api.delete('/api/webhooks/1').reply(204);
		api.delete('/api/webhooks/2').reply(404, { '@type': 'hydra:Error', 'hydra:description': 'Not Found' });
		registering(api, 2, 3);
		await node.activate();
		expect((node.nodeData.webhooks as Array<{ id: string }>).map((webhook) => webhook.id)).toEqual([
			'/api/webhooks/3',
			'/api/webhooks/4',
		]);
	});

	it('changed events: checkExists says no without asking CoopCycle, and create replaces the webhooks', async () => {
		const { api, node } = await activated(TWO_EVENTS, 2);
		node.setParameters({ events: ['delivery.failed'] });
		expect(await node.hook('checkExists')).toBe(false);
		api.delete('/api/webhooks/1').reply(204);
		api.delete('/api/webhooks/2').reply(204);
		const bodies = registering(api, 1, 3);
		await node.hook('create');
		expect(bodies).toEqual([{ url: WEBHOOK_URL, event: 'delivery.failed' }]);
		expect(node.nodeData.webhooks).toHaveLength(1);
	});

	it('a webhook that calls another address (n8n’s WEBHOOK_URL changed) is not kept', async () => {
		const { api, node } = await activated();
		api.get('/api/webhooks/1').reply(200, shownWebhook(1, 'delivery.completed', 'https://old.example.org/webhook/x'));
		expect(await node.hook('checkExists')).toBe(false);
	});

	it('a webhook of another API app (403, the credential was changed) is not kept', async () => {
		const { api, node } = await activated();
		api.get('/api/webhooks/1').reply(403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		expect(await node.hook('checkExists')).toBe(false);
	});

	it('deactivation deletes every webhook and leaves no static data', async () => {
		const { api, node } = await activated(TWO_EVENTS);
		api.delete('/api/webhooks/1').reply(204);
		api.delete('/api/webhooks/2').reply(204);
		expect(await node.hook('delete')).toBe(true);
		expect(node.nodeData.webhooks).toBeUndefined();
	});

	it('a webhook CoopCycle could not delete is kept, marked stale, and deleted again at the next activation', async () => {
		const { api, node } = await activated(TWO_EVENTS, 2);
		api.delete('/api/webhooks/1').reply(204);
		api.delete('/api/webhooks/2').reply(500, { '@type': 'hydra:Error', 'hydra:description': 'Internal Server Error' });
		expect(await node.hook('delete')).toBe(false);
		expect(node.nodeData.webhooks).toEqual([expect.objectContaining({ id: '/api/webhooks/2', stale: true })]);
		// Activation: checkExists tries the deletion again (still failing), and says no.
		api.delete('/api/webhooks/2').reply(503, { '@type': 'hydra:Error', 'hydra:description': 'Service Unavailable' });
		expect(await node.hook('checkExists')).toBe(false);
		expect(node.nodeData.webhooks).toEqual([expect.objectContaining({ id: '/api/webhooks/2', stale: true })]);
		api.delete('/api/webhooks/2').reply(204);
		registering(api, 2, 3);
		await node.hook('create');
		expect((node.nodeData.webhooks as Array<{ id: string }>).map((webhook) => webhook.id)).toEqual([
			'/api/webhooks/3',
			'/api/webhooks/4',
		]);
	});

	// coopcycle-web src/Security/WebhookVoter.php: only the OAuth client that made a webhook may delete it. Its
	// calls go on (src/MessageHandler/WebhookHandler.php), so the node keeps answering them: see calls.test.ts.
	it('the credential moved to another API app: the old webhook (403 on DELETE) is kept, and its deletion tried at each activation', async () => {
		const { api, node } = await activated(undefined, 2);
		const forbidden = { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' };
		api.get('/api/webhooks/1').reply(403, forbidden);
		api.delete('/api/webhooks/1').reply(403, forbidden);
		registering(api, 1, 2);
		await node.activate();
		expect(node.nodeData.webhooks).toEqual([
			expect.objectContaining({ id: '/api/webhooks/1', stale: true }),
			expect.objectContaining({ id: '/api/webhooks/2', event: 'delivery.completed' }),
		]);
		expect((node.nodeData.webhooks as Array<{ stale?: boolean }>)[1].stale).toBeUndefined();
		// A later activation with the current webhook still there: registers nothing, tries the old one again.
		api.delete('/api/webhooks/1').reply(403, forbidden);
		api.get('/api/webhooks/2').reply(200, shownWebhook(2, 'delivery.completed'));
		expect(await node.hook('checkExists')).toBe(true);
		// The credential moved back: the old webhook can be deleted now.
		api.delete('/api/webhooks/1').reply(204);
		api.get('/api/webhooks/2').reply(200, shownWebhook(2, 'delivery.completed'));
		expect(await node.hook('checkExists')).toBe(true);
		expect((node.nodeData.webhooks as Array<{ id: string }>).map((webhook) => webhook.id)).toEqual(['/api/webhooks/2']);
	});

	it('deactivation keeps a webhook another API app made (403), and deletes the others', async () => {
		const { api, node } = await activated(TWO_EVENTS);
		api.delete('/api/webhooks/1').reply(204);
		api.delete('/api/webhooks/2').reply(403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		expect(await node.hook('delete')).toBe(false);
		expect(node.nodeData.webhooks).toEqual([expect.objectContaining({ id: '/api/webhooks/2', stale: true })]);
	});

	it('a test webhook that could not be deleted is remembered by the n8n process and deleted at the next test', async () => {
		const { api } = coopCycle();
		api.get('/api/me').times(2).reply(200, ME);
		registering(api, 1);
		const node = trigger();
		await node.activate(true);
		api.delete('/api/webhooks/1').reply(500, { '@type': 'hydra:Error', 'hydra:description': 'Internal Server Error' });
		expect(await node.hook('delete', true)).toBe(false);
		// n8n never saves a test's static data: the next test starts without it.
		node.staticData = {};
		api.delete('/api/webhooks/1').reply(204);
		registering(api, 1, 2);
		await node.activate(true);
		expect((node.nodeData.webhooks as Array<{ id: string }>).map((webhook) => webhook.id)).toEqual(['/api/webhooks/2']);
		api.delete('/api/webhooks/2').reply(204);
		expect(await node.hook('delete', true)).toBe(true);
	});

	it('Order Created with a restaurant’s API app (scope "orders"): registered', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, SHOP_ME);
		const bodies = registering(api, 1);
		const node = trigger({ events: ['order.created'] }, { scope: 'orders' });
		await node.activate();
		expect(bodies).toEqual([{ url: WEBHOOK_URL, event: 'order.created' }]);
		expect(node.nodeData.webhooks).toEqual([
			expect.objectContaining({ id: '/api/webhooks/1', event: 'order.created' }),
		]);
	});

	it('test mode registers at the test address and its clean-up deletes what it registered', async () => {
		const { api } = coopCycle();
		api.get('/api/me').reply(200, ME);
		const bodies = registering(api, 1);
		const node = trigger();
		await node.activate(true);
		expect(bodies).toEqual([{ url: WEBHOOK_URL.replace('/webhook/', '/webhook-test/'), event: 'delivery.completed' }]);
		api.delete('/api/webhooks/1').reply(204);
		expect(await node.hook('delete', true)).toBe(true);
		expect(node.nodeData.webhooks).toBeUndefined();
	});
});

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
