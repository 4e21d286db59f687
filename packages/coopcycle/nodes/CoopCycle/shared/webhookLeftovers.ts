import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { StoredWebhook } from './webhookStore';

/**
 * Test webhooks ("Listen for test event") that could not be deleted. n8n keeps a test's static data in memory for
 * the test only and never saves it, so a test webhook whose deletion failed would be forgotten with its secret,
 * while CoopCycle keeps calling it. They are kept here, in the n8n process, for this workflow's trigger node: its
 * calls are answered (see webhookCall.ts), and its deletion is tried again at the next activation, deactivation or
 * test of the node. Lost if n8n restarts first.
 */
const leftovers = new Map<string, StoredWebhook[]>();

function keyOf(context: IHookFunctions | IWebhookFunctions): string {
	return `${String(context.getWorkflow().id)}|${context.getNode().id}`;
}

export function leftoversOf(context: IHookFunctions | IWebhookFunctions): StoredWebhook[] {
	return leftovers.get(keyOf(context)) ?? [];
}

export function keepLeftovers(context: IHookFunctions, webhooks: StoredWebhook[]): void {
	if (webhooks.length) leftovers.set(keyOf(context), webhooks);
	else leftovers.delete(keyOf(context));
}
