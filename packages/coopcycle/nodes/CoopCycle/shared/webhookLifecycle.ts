import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { callCoopCycle, credentialOf, nodeErrorOf, statusOf } from './webhookApi';
import { NEEDS_DELIVERIES_SCOPE, NEEDS_STORE, registrationError, unreachableWebhookUrl } from './webhookErrors';

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
	 * A webhook the node no longer wants but could not delete (CoopCycle answered with an error): it is deleted
	 * again at the next activation, and its calls are answered without starting the workflow.
	 */
	stale?: boolean;
}

export function storedWebhooks(staticData: IDataObject): StoredWebhook[] {
	return Array.isArray(staticData.webhooks) ? (staticData.webhooks as unknown as StoredWebhook[]) : [];
}

function keep(staticData: IDataObject, webhooks: StoredWebhook[]): void {
	if (webhooks.length) staticData.webhooks = webhooks as unknown as IDataObject[];
	else delete staticData.webhooks;
}

export function eventsOf(context: { getNodeParameter: IHookFunctions['getNodeParameter'] }): string[] {
	return [...new Set(context.getNodeParameter('events', []) as string[])];
}

function webhookUrlOf(context: IHookFunctions): string {
	return String(context.getNodeWebhookUrl('default') ?? '');
}

/**
 * Deletes webhooks on CoopCycle. Gone already (404) or out of this credential's reach (403: another API app made
 * it, e.g. after the credential was changed) counts as deleted, since nothing more can be done; any other failure
 * keeps the webhook, marked stale, for the next try. Returns those kept.
 */
async function deleteWebhooks(context: IHookFunctions, webhooks: StoredWebhook[]): Promise<StoredWebhook[]> {
	const kept: StoredWebhook[] = [];
	for (const webhook of webhooks) {
		const { failed } = await callCoopCycle(context, 'DELETE', webhook.id);
		if (!failed) continue;
		const status = statusOf(failed);
		if (status === 404 || status === 403) continue;
		context.logger.warn(`CoopCycle Trigger could not delete webhook ${webhook.id} (${status ?? 'unreachable'})`);
		kept.push({ ...webhook, stale: true });
	}
	return kept;
}

/**
 * Whether the webhooks kept for this node still exist on CoopCycle, for the events and the n8n address the node
 * has now. Anything else (an event added or removed, n8n's address changed, a webhook deleted on CoopCycle's side)
 * makes n8n call `create`, which deletes what is left before registering again: never a duplicate.
 */
export async function webhooksExist(this: IHookFunctions): Promise<boolean> {
	const stored = storedWebhooks(this.getWorkflowStaticData('node'));
	const events = eventsOf(this);
	const url = webhookUrlOf(this);
	if (
		!events.length ||
		stored.length !== events.length ||
		stored.some((webhook) => webhook.stale || webhook.url !== url)
	)
		return false;
	if (events.some((event) => !stored.some((webhook) => webhook.event === event))) return false;
	for (const webhook of stored) {
		// The only way to know a webhook still exists: there is no list route.
		const { body, failed } = await callCoopCycle(this, 'GET', webhook.id);
		if (failed) {
			const status = statusOf(failed);
			// 404: deleted on CoopCycle's side; 403 (src/Security/WebhookVoter.php): made by another API app.
			if (status === 404 || status === 403) return false;
			throw nodeErrorOf(this, failed, registrationError(failed, url));
		}
		if (body.url !== url || body.event !== webhook.event) return false;
	}
	return true;
}

/** What can be told before anything is registered: an address CoopCycle cannot call, a missing scope or store. */
async function checkBeforeRegistering(context: IHookFunctions, events: string[], url: string): Promise<void> {
	const { instanceUrl, scopes } = await credentialOf(context);
	const fail = (readable: { message: string; description?: string }) => {
		throw nodeErrorOf(context, undefined, readable);
	};
	if (!events.length) {
		fail({ message: 'Choose at least one event', description: 'Pick in Events what should start the workflow.' });
	}
	const unreachable = unreachableWebhookUrl(url, instanceUrl);
	if (unreachable) fail(unreachable);
	const deliveryEvents = events.some((event) => event.startsWith('delivery.'));
	// No scope at all: CoopCycle grants its default scope, "deliveries" (config/packages/league_oauth2_server.yaml).
	if (
		deliveryEvents &&
		context.getNodeParameter('fetchResource', true) &&
		scopes.length &&
		!scopes.includes('deliveries')
	) {
		fail(NEEDS_DELIVERIES_SCOPE);
	}
	if (deliveryEvents) {
		const { body: me, failed } = await callCoopCycle(context, 'GET', '/api/me');
		if (failed) throw nodeErrorOf(context, failed, registrationError(failed, url));
		if (typeof me.store !== 'string' || me.store === '') fail(NEEDS_STORE);
	}
}

/** Registers one webhook per event (one event each on CoopCycle), after deleting those kept from before. */
export async function createWebhooks(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const events = eventsOf(this);
	const url = webhookUrlOf(this);
	await checkBeforeRegistering(this, events, url);
	const left = await deleteWebhooks(this, storedWebhooks(staticData));
	keep(staticData, left);
	const created: StoredWebhook[] = [];
	for (const event of events) {
		const { body, failed } = await callCoopCycle(this, 'POST', '/api/webhooks', { url, event });
		if (!failed && typeof body['@id'] === 'string' && typeof body.secret === 'string') {
			created.push({ id: body['@id'], event, secret: body.secret, url });
			continue;
		}
		// Leave nothing half-registered: n8n does not call `delete` after a failed `create`.
		keep(staticData, [...left, ...(await deleteWebhooks(this, created))]);
		throw nodeErrorOf(
			this,
			failed,
			failed
				? registrationError(failed, url)
				: { message: 'CoopCycle registered a webhook but did not return its id and secret' },
		);
	}
	keep(staticData, [...left, ...created]);
	return true;
}

/** Deletes the node's webhooks (deactivation, end of a test): what could not be deleted is kept for next time. */
export async function deleteStoredWebhooks(this: IHookFunctions): Promise<boolean> {
	const staticData = this.getWorkflowStaticData('node');
	const left = await deleteWebhooks(this, storedWebhooks(staticData));
	keep(staticData, left);
	return left.length === 0;
}
