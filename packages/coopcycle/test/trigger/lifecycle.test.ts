import { coopCycle } from '../fixtures';
import {
	activated,
	createdWebhook,
	ME,
	registering,
	shownWebhook,
	SHOP_ME,
	trigger,
	TWO_EVENTS,
	WEBHOOK_URL,
} from './triggerFixtures';

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
