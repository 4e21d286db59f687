import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { objectOf } from '../../shared/values';
import { idOfIri } from './ids';
import { simplify } from './simplify';
import { describeCoopCycleError } from './errors';
import { callCoopCycle } from './webhookApi';
import { eventsOf, storedWebhooks, type StoredWebhook } from './webhookLifecycle';
import { isSignedBy } from './webhookSignature';

/**
 * A call from CoopCycle. Its signature is checked first, over the bytes received: a missing or wrong one gets 401
 * and starts nothing. Each webhook has its own secret; the call does not say which webhook sent it, so every
 * secret kept for the node is tried (one per event, at most seven HMACs), and the webhook whose secret matches must
 * be the one of the event the signed body names. A genuine call for an event the node does not (or no longer)
 * listen to gets 200, so that CoopCycle does not send it again, and starts nothing.
 */
export async function receiveCall(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const rawBody = (this.getRequestObject() as { rawBody?: Buffer }).rawBody;
	const signature = this.getHeaderData()['x-coopcycle-signature'];
	const data = objectOf(objectOf(rawBody?.toString('utf8')).data);
	const event = typeof data.event === 'string' ? data.event : '';
	const signer: StoredWebhook | undefined =
		rawBody && typeof signature === 'string' && signature !== ''
			? storedWebhooks(this.getWorkflowStaticData('node')).find((webhook) =>
					isSignedBy(rawBody, signature, webhook.secret),
				)
			: undefined;
	if (!signer || signer.event !== event || typeof data.object !== 'string') {
		this.getResponseObject().status(401).json({ message: 'Missing or invalid X-CoopCycle-Signature' });
		return { noWebhookResponse: true };
	}
	if (signer.stale || !eventsOf(this).includes(event)) {
		return { webhookResponse: { received: true, started: false } };
	}
	return { workflowData: [this.helpers.returnJsonArray([await outputOf(this, event, data.object)])] };
}

/** The event, the id and IRI of what it is about, and (Fetch the Delivery) that delivery or order, simplified. */
async function outputOf(context: IWebhookFunctions, event: string, iri: string): Promise<IDataObject> {
	const kind = iri.startsWith('/api/orders/') ? 'order' : 'delivery';
	const output: IDataObject = { event, [`${kind}Id`]: idOfIri(iri) ?? null, '@id': iri };
	if (!context.getNodeParameter('fetchResource', true)) return output;
	const { body, failed } = await callCoopCycle(context, 'GET', iri);
	if (!failed) return { ...output, [kind]: simplify(body) as IDataObject };
	// The event is not lost: it comes out without the delivery, saying why it could not be fetched.
	const readable = failed.tokenFailure ?? describeCoopCycleError(failed.failure);
	return { ...output, [kind]: null, fetchError: { ...readable } };
}
