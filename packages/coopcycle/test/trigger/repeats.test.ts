import type { IDataObject } from 'n8n-workflow';

import { setClock } from '../../../shared/test/harness/clock';
import { coopCycle } from '../fixtures';
import { bodyOf, createdWebhook, signedCall, trigger, WEBHOOK_URL } from './triggerFixtures';

/** The webhook kept for the node, as `create` left it. */
const kept = (id: number, url = WEBHOOK_URL) => {
	const { secret } = createdWebhook(id, 'delivery.completed');
	return { id: `/api/webhooks/${id}`, event: 'delivery.completed', secret: String(secret), url };
};

/** A trigger activated earlier, listening to delivery.completed, without fetching (no request to CoopCycle). */
function activeTrigger(parameters: IDataObject = {}) {
	const node = trigger({ events: ['delivery.completed'], fetchResource: false, ...parameters });
	node.staticData = { 'node:Trigger': { webhooks: [kept(1)] } };
	return node;
}

/** What one call started: the delivery ids of its items (none when it started nothing). */
async function started(node: ReturnType<typeof activeTrigger>, deliveryId: number) {
	const { result, written } = await node.call(
		signedCall(bodyOf(`/api/deliveries/${deliveryId}`, 'delivery.completed'), kept(1).secret),
	);
	expect(written.status).toBeUndefined(); // every one of CoopCycle's calls gets 200
	return (result.workflowData?.[0] ?? []).map((item) => item.json.deliveryId);
}

/**
 * coopcycle-web config/packages/messenger.yaml: a failed handling of the event is retried whole, 1, 2 and 4 s later,
 * so the same call arrives again; src/MessageHandler/WebhookHandler.php sends the same body each time.
 */
describe('CoopCycle Trigger: repeated calls', () => {
	afterEach(() => jest.useRealTimers());

	it('the same call again (CoopCycle’s retries 1, 2 and 4 s later) starts the workflow once', async () => {
		coopCycle();
		setClock('2025-06-12T10:00:00Z');
		const node = activeTrigger();
		expect(await started(node, 31)).toEqual([31]);
		for (const seconds of [1, 3, 7]) {
			setClock(`2025-06-12T10:00:0${seconds}Z`);
			expect(await started(node, 31)).toEqual([]);
		}
		// Another delivery is another event.
		expect(await started(node, 32)).toEqual([32]);
	});

	it('after the window, the same event for the same delivery starts the workflow again', async () => {
		coopCycle();
		setClock('2025-06-12T11:00:00Z');
		const node = activeTrigger({ ignoreRepeatsSeconds: 30 });
		expect(await started(node, 33)).toEqual([33]);
		setClock('2025-06-12T11:00:20Z');
		expect(await started(node, 33)).toEqual([]);
		// 30 s after the last call (a repeat extends the window).
		setClock('2025-06-12T11:00:50Z');
		expect(await started(node, 33)).toEqual([33]);
	});

	it('0: every call starts the workflow', async () => {
		coopCycle();
		const node = activeTrigger({ ignoreRepeatsSeconds: 0 });
		expect(await started(node, 34)).toEqual([34]);
		expect(await started(node, 34)).toEqual([34]);
	});

	it('the test address and the production address are told apart: each starts once', async () => {
		coopCycle();
		const node = activeTrigger();
		const testUrl = WEBHOOK_URL.replace('/webhook/', '/webhook-test/');
		node.staticData = { 'node:Trigger': { webhooks: [kept(1), kept(2, testUrl)] } };
		expect(await started(node, 35)).toEqual([35]);
		const { result } = await node.call(signedCall(bodyOf('/api/deliveries/35', 'delivery.completed'), kept(2).secret));
		expect(result.workflowData?.[0][0].json.deliveryId).toBe(35);
	});
});
