import type { IDataObject } from 'n8n-workflow';

import nock from 'nock';

import { coopCycle, delivery, INSTANCE, ME } from '../fixtures';
import { bodyOf, createdWebhook, signedCall, trigger, WEBHOOK_URL } from './triggerFixtures';

const SECRETS = { 'delivery.completed': 'c2VjcmV0LWNvbXBsZXRlZA==', 'delivery.failed': '123456' };

/** A trigger activated earlier: its static data holds one webhook per event, as `create` left it. */
function activeTrigger(parameters: IDataObject = { events: ['delivery.completed', 'delivery.failed'] }, stale = false) {
	const node = trigger(parameters);
	node.staticData = {
		'node:Trigger': {
			webhooks: Object.entries(SECRETS).map(([event, secret], index) => ({
				id: `/api/webhooks/${index + 1}`,
				event,
				secret,
				url: WEBHOOK_URL,
				...(stale ? { stale: true } : {}),
			})),
		},
	};
	return node;
}

describe('CoopCycle Trigger: calls from CoopCycle', () => {
	it('a signed call starts the workflow with the event, the delivery’s id and IRI, and the delivery', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/12').reply(200, delivery(12));
		const { result } = await activeTrigger().call(
			signedCall(bodyOf('/api/deliveries/12', 'delivery.completed'), SECRETS['delivery.completed']),
		);
		const json = result.workflowData?.[0].map((item) => item.json);
		expect(json).toHaveLength(1);
		expect(json?.[0]).toMatchObject({ event: 'delivery.completed', deliveryId: 12, '@id': '/api/deliveries/12' });
		const fetched = json?.[0].delivery as IDataObject;
		expect(fetched['@context']).toBeUndefined();
		expect(fetched).toMatchObject({ id: 12, trackingUrl: delivery(12).trackingUrl });
		expect((fetched.pickup as IDataObject).id).toBe(23);
	});

	it('accepts CoopCycle’s published test call (secret 123456, escaped slashes)', async () => {
		const node = activeTrigger({ events: ['delivery.failed'], fetchResource: false });
		const body = '{"data":{"object":"\\/api\\/deliveries\\/1","event":"delivery.failed"}}';
		const { result } = await node.call(signedCall(body, '123456'));
		expect(result.workflowData?.[0][0].json).toEqual({
			event: 'delivery.failed',
			deliveryId: 1,
			'@id': '/api/deliveries/1',
		});
	});

	it.each([
		['no signature', (body: string) => ({ rawBody: Buffer.from(body), headers: {} })],
		['an empty signature', (body: string) => signedCall(body, '', '')],
		['a signature made with another secret', (body: string) => signedCall(body, 'not-the-secret')],
		[
			'a signature of the re-serialised body (unescaped slashes)',
			(body: string) => ({
				...signedCall(JSON.stringify(JSON.parse(body)), SECRETS['delivery.completed']),
				rawBody: Buffer.from(body),
			}),
		],
		[
			'a body changed after signing',
			(body: string) => ({
				...signedCall(body, SECRETS['delivery.completed']),
				rawBody: Buffer.from(body.replace('12', '13')),
			}),
		],
		[
			'the signature of one event’s webhook on a body naming another event',
			() => signedCall(bodyOf('/api/deliveries/12', 'delivery.completed'), SECRETS['delivery.failed']),
		],
	])('answers 401 and starts nothing for %s', async (_name, make) => {
		coopCycle();
		const { result, written } = await activeTrigger().call(make(bodyOf('/api/deliveries/12', 'delivery.completed')));
		expect(written.status).toBe(401);
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData).toBeUndefined();
	});

	it('a genuine call for an event the node does not listen to: 200, nothing started', async () => {
		coopCycle();
		const node = activeTrigger({ events: ['delivery.completed'] });
		const { result, written } = await node.call(
			signedCall(bodyOf('/api/deliveries/12', 'delivery.failed'), SECRETS['delivery.failed']),
		);
		expect(written.status).toBeUndefined();
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toEqual({ received: true, started: false });
	});

	it('a call from a stale webhook (one that could not be deleted): 200, nothing started', async () => {
		coopCycle();
		const node = activeTrigger(undefined, true);
		const { result } = await node.call(
			signedCall(bodyOf('/api/deliveries/12', 'delivery.completed'), SECRETS['delivery.completed']),
		);
		expect(result.workflowData).toBeUndefined();
	});

	it('a delivery that cannot be fetched: the event still starts the workflow, saying why', async () => {
		const { api } = coopCycle();
		api.get('/api/deliveries/14').reply(403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		const { result } = await activeTrigger().call(
			signedCall(bodyOf('/api/deliveries/14', 'delivery.completed'), SECRETS['delivery.completed']),
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'delivery.completed',
			deliveryId: 14,
			delivery: null,
			fetchError: { message: 'CoopCycle refused access (403): Access Denied.' },
		});
	});

	it('no access token to fetch the delivery: the event comes out with the credential’s words', async () => {
		nock(INSTANCE)
			.post('/oauth2/token')
			.reply(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
		const { result } = await activeTrigger().call(
			signedCall(bodyOf('/api/deliveries/15', 'delivery.completed'), SECRETS['delivery.completed']),
		);
		expect(result.workflowData?.[0][0].json).toMatchObject({
			event: 'delivery.completed',
			delivery: null,
			fetchError: { message: 'CoopCycle refused the client ID or client secret (invalid_client)' },
		});
	});

	it('Fetch the Delivery off: no request to CoopCycle', async () => {
		coopCycle();
		const { result } = await activeTrigger({ events: ['delivery.completed'], fetchResource: false }).call(
			signedCall(bodyOf('/api/deliveries/16', 'delivery.completed'), SECRETS['delivery.completed']),
		);
		expect(result.workflowData?.[0][0].json).toEqual({
			event: 'delivery.completed',
			deliveryId: 16,
			'@id': '/api/deliveries/16',
		});
	});

	it('order.created names the order', async () => {
		const node = trigger({ events: ['order.created'], fetchResource: false });
		node.staticData = {
			'node:Trigger': {
				webhooks: [{ id: '/api/webhooks/5', event: 'order.created', secret: '123456', url: WEBHOOK_URL }],
			},
		};
		const body = '{"data":{"object":"\\/api\\/orders\\/1","event":"order.created"}}';
		const { result } = await node.call(signedCall(body, '123456', '8vf8W/TwEtIxWAWNHz8VIFwSTBNSiuk8GhTXbMsGWnc='));
		expect(result.workflowData?.[0][0].json).toEqual({ event: 'order.created', orderId: 1, '@id': '/api/orders/1' });
	});
});

/**
 * coopcycle-web src/MessageHandler/WebhookHandler.php l.68-116 calls the store's webhooks one after the other and
 * stops at the first answer that is not 2xx; Messenger then handles the whole event again (config/packages/
 * messenger.yaml). A webhook the node registered and lost must never be answered with an error.
 */
describe('CoopCycle Trigger: webhooks the node gave up on', () => {
	it('the credential moved to another API app: the old webhook (403 on DELETE) still gets 200, and starts nothing', async () => {
		const { api } = coopCycle();
		api.get('/api/me').times(2).reply(200, ME);
		api.post('/api/webhooks').reply(201, createdWebhook(1, 'delivery.completed'));
		const node = trigger({ events: ['delivery.completed'], fetchResource: false });
		await node.activate();
		// Now with another API app's credential: the old webhook is out of its reach.
		api.get('/api/webhooks/1').reply(403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		api.delete('/api/webhooks/1').reply(403, { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' });
		api.post('/api/webhooks').reply(201, createdWebhook(2, 'delivery.completed'));
		await node.activate();
		// CoopCycle calls the old webhook first (its API app is older), then the new one.
		const body = bodyOf('/api/deliveries/21', 'delivery.completed');
		const old = await node.call(signedCall(body, String(createdWebhook(1, '').secret)));
		expect(old.written.status).toBeUndefined();
		expect(old.result).toEqual({ webhookResponse: { received: true, started: false } });
		const current = await node.call(signedCall(body, String(createdWebhook(2, '').secret)));
		expect(current.result.workflowData?.[0][0].json).toMatchObject({ event: 'delivery.completed', deliveryId: 21 });
	});

	it('a forged call (no secret the node ever had) still gets 401 and starts nothing', async () => {
		coopCycle();
		const node = activeTrigger(undefined, true);
		const { result, written } = await node.call(
			signedCall(bodyOf('/api/deliveries/22', 'delivery.completed'), 'a secret of nobody'),
		);
		expect(written.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});
});
