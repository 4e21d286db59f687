import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { callCoopCycle, statusOf } from './webhookApi';
import { keepLeftovers, leftoversOf } from './webhookLeftovers';

/**
 * The webhooks of one trigger node, kept in the workflow's static data: CoopCycle has no route that lists
 * webhooks and shows each secret only once, in the answer to its creation (coopcycle-web src/Entity/Webhook.php:
 * Get, Delete and Post only; `secret` in the `webhook_with_secret` group of Post).
 */
export interface StoredWebhook {
	/** Its IRI, e.g. /api/webhooks/12. */
	id: string;
	event: string;
	secret: string;
	/** The n8n address it calls. */
	url: string;
	/**
	 * A webhook the node no longer wants but could not delete: CoopCycle answered with an error, or 403 because
	 * another API app made it (the credential now names another API app). It may still be called, so it is kept:
	 * its calls are answered 2xx without starting anything (CoopCycle stops at the first webhook of the store that
	 * does not answer 2xx, see webhookCall.ts), and its deletion is tried again at each activation and
	 * deactivation, until CoopCycle deletes it or says it is gone (404).
	 */
	stale?: boolean;
}

export function storedWebhooks(staticData: IDataObject): StoredWebhook[] {
	return Array.isArray(staticData.webhooks) ? (staticData.webhooks as unknown as StoredWebhook[]) : [];
}

/** "Listen for test event": n8n runs the hooks of a test in manual mode, with static data it never saves. */
function isTest(context: IHookFunctions): boolean {
	return context.getMode() === 'manual';
}

/** Keeps the node's webhooks in its static data; those of a test that could not be deleted, in the process too. */
export function keepWebhooks(context: IHookFunctions, webhooks: StoredWebhook[]): void {
	const staticData = context.getWorkflowStaticData('node');
	if (webhooks.length) staticData.webhooks = webhooks as unknown as IDataObject[];
	else delete staticData.webhooks;
	if (!isTest(context)) return;
	const stale = webhooks.filter((webhook) => webhook.stale);
	const others = leftoversOf(context).filter((left) => !stale.some((webhook) => webhook.id === left.id));
	keepLeftovers(context, [...others, ...stale]);
}

export function eventsOf(context: { getNodeParameter: IHookFunctions['getNodeParameter'] }): string[] {
	return [...new Set(context.getNodeParameter('events', []) as string[])];
}

export function webhookUrlOf(context: IHookFunctions): string {
	return String(context.getNodeWebhookUrl('default') ?? '');
}

/**
 * Deletes webhooks on CoopCycle. Gone already (404) counts as deleted; any other failure, 403 included (another
 * API app made it: src/Security/WebhookVoter.php), keeps the webhook, marked stale, for the next try. Returns
 * those kept.
 */
export async function deleteWebhooks(context: IHookFunctions, webhooks: StoredWebhook[]): Promise<StoredWebhook[]> {
	const kept: StoredWebhook[] = [];
	for (const webhook of webhooks) {
		const { failed } = await callCoopCycle(context, 'DELETE', webhook.id);
		const status = failed ? statusOf(failed) : undefined;
		if (!failed || status === 404) {
			keepLeftovers(
				context,
				leftoversOf(context).filter((left) => left.id !== webhook.id),
			);
			continue;
		}
		context.logger.warn(
			`CoopCycle Trigger could not delete webhook ${webhook.id} (${status ?? 'unreachable'}${status === 403 ? ': made by another API app' : ''}); it is kept and will be deleted later`,
		);
		kept.push({ ...webhook, stale: true });
	}
	return kept;
}

/** Tries again to delete the test webhooks of this node that could not be deleted (see webhookLeftovers.ts). */
export async function deleteLeftovers(context: IHookFunctions): Promise<void> {
	await deleteWebhooks(context, leftoversOf(context));
}
