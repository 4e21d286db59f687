import type { IHookFunctions } from 'n8n-workflow';

import { callCoopCycle, nodeErrorOf, statusOf } from './webhookApi';
import { checkBeforeRegistering } from './webhookChecks';
import { registrationError } from './webhookErrors';
import {
	deleteLeftovers,
	deleteWebhooks,
	eventsOf,
	keepWebhooks,
	storedWebhooks,
	webhookUrlOf,
	type StoredWebhook,
} from './webhookStore';

/**
 * The trigger's lifecycle: n8n calls `checkExists` at each activation (and n8n 1.x at each start), `create` when
 * it answered false, and `delete` at deactivation and at the end of a test.
 */

/**
 * Whether the webhooks kept for this node still exist on CoopCycle, for the events and the n8n address the node
 * has now. Anything else (an event added or removed, n8n's address changed, a webhook deleted on CoopCycle's side)
 * makes n8n call `create`, which deletes what is left before registering again: never a duplicate. The webhooks
 * given up on (stale) are deleted again first, whatever the answer.
 */
export async function webhooksExist(this: IHookFunctions): Promise<boolean> {
	await deleteLeftovers(this);
	const stored = storedWebhooks(this.getWorkflowStaticData('node'));
	const current = stored.filter((webhook) => !webhook.stale);
	const stale = stored.filter((webhook) => webhook.stale);
	if (stale.length) keepWebhooks(this, [...current, ...(await deleteWebhooks(this, stale))]);
	const events = eventsOf(this);
	const url = webhookUrlOf(this);
	if (!events.length || current.length !== events.length || current.some((webhook) => webhook.url !== url))
		return false;
	if (events.some((event) => !current.some((webhook) => webhook.event === event))) return false;
	for (const webhook of current) {
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

/** Registers one webhook per event (one event each on CoopCycle), after deleting those kept from before. */
export async function createWebhooks(this: IHookFunctions): Promise<boolean> {
	const events = eventsOf(this);
	const url = webhookUrlOf(this);
	await checkBeforeRegistering(this, events, url);
	await deleteLeftovers(this);
	const left = await deleteWebhooks(this, storedWebhooks(this.getWorkflowStaticData('node')));
	keepWebhooks(this, left);
	const created: StoredWebhook[] = [];
	for (const event of events) {
		const { body, failed } = await callCoopCycle(this, 'POST', '/api/webhooks', { url, event });
		if (!failed && typeof body['@id'] === 'string' && typeof body.secret === 'string') {
			created.push({ id: body['@id'], event, secret: body.secret, url });
			continue;
		}
		// Leave nothing half-registered: n8n does not call `delete` after a failed `create`.
		keepWebhooks(this, [...left, ...(await deleteWebhooks(this, created))]);
		throw nodeErrorOf(
			this,
			failed,
			failed
				? registrationError(failed, url)
				: { message: 'CoopCycle registered a webhook but did not return its id and secret' },
		);
	}
	keepWebhooks(this, [...left, ...created]);
	return true;
}

/** Deletes the node's webhooks (deactivation, end of a test): what could not be deleted is kept for next time. */
export async function deleteStoredWebhooks(this: IHookFunctions): Promise<boolean> {
	await deleteLeftovers(this);
	const left = await deleteWebhooks(this, storedWebhooks(this.getWorkflowStaticData('node')));
	keepWebhooks(this, left);
	return left.length === 0;
}
