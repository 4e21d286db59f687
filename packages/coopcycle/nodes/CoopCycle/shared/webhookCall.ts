import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { objectOf } from '../../shared/values';
import { DELIVERY_NOT_FOUND, describeCoopCycleError } from './errors';
import { idOfIri } from './ids';
import { fetchOrder } from './orders';
import { simplifiedResource } from './simplify';
import { callCoopCycle } from './webhookApi';
import { leftoversOf } from './webhookLeftovers';
import { isRepeat } from './webhookRepeats';
import { eventsOf, storedWebhooks, type StoredWebhook } from './webhookStore';
import { isSignedBy } from './webhookSignature';

/**
 * A call to the trigger's address. CoopCycle calls the webhooks of a store one after the other and stops at the
 * first answer that is not 2xx, then handles the whole event again, up to 3 times (coopcycle-web
 * src/MessageHandler/WebhookHandler.php l.68-116, config/packages/messenger.yaml): an error answered to one of ITS
 * calls would keep every later webhook of the store (other workflows' included) from the event, and repeat it to
 * the earlier ones. So:
 * - a call signed with the secret of a webhook the node has, or had and could not delete, gets 200; it starts
 *   the workflow only if it is one of the node's current webhooks, for an event it listens to, and not a repeat;
 * - any other call gets 401 and starts nothing. It was not signed by CoopCycle with a secret this node was ever
 *   given, so it is not one of CoopCycle's calls to this node, and its answer blocks none of CoopCycle's calls.
 * The signature is checked over the bytes received. The call does not say which webhook sent it, so every secret
 * kept for the node is tried (one per event, and those given up on), and the matching webhook must be the one of
 * the event the signed body names.
 */
export async function receiveCall(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const rawBody = (this.getRequestObject() as { rawBody?: Buffer }).rawBody;
	const signature = this.getHeaderData()['x-coopcycle-signature'];
	const data = objectOf(objectOf(rawBody?.toString('utf8')).data);
	const event = typeof data.event === 'string' ? data.event : '';
	const known = [...storedWebhooks(this.getWorkflowStaticData('node')), ...leftoversOf(this)];
	const signer: StoredWebhook | undefined =
		rawBody && typeof signature === 'string' && signature !== ''
			? known.find((webhook) => isSignedBy(rawBody, signature, webhook.secret))
			: undefined;
	if (!signer || signer.event !== event || typeof data.object !== 'string') {
		this.getResponseObject().status(401).json({ message: 'Missing or invalid X-CoopCycle-Signature' });
		return { noWebhookResponse: true };
	}
	const acknowledged = { webhookResponse: { received: true, started: false } };
	if (signer.stale || !eventsOf(this).includes(event)) return acknowledged;
	const workflow = `${String(this.getWorkflow().id)}|${this.getNode().id}`;
	const window = Number(this.getNodeParameter('ignoreRepeatsSeconds', 60));
	if (isRepeat(`${workflow}|${signer.url}|${event}|${data.object}`, window)) return acknowledged;
	return { workflowData: [this.helpers.returnJsonArray([await outputOf(this, event, data.object)])] };
}

/** The event, the id and IRI of what it is about, and (Fetch the Delivery) that delivery or order, simplified. */
async function outputOf(context: IWebhookFunctions, event: string, iri: string): Promise<IDataObject> {
	const id = idOfIri(iri);
	if (iri.startsWith('/api/orders/')) {
		const output: IDataObject = { event, orderId: id ?? null, '@id': iri };
		if (!context.getNodeParameter('fetchResource', true) || id === undefined) return output;
		// The event is not lost: it comes out without the order, saying why it could not be fetched.
		const { order, error } = await fetchOrder(context, id);
		return order ? { ...output, order } : { ...output, order: null, fetchError: { ...error } };
	}
	const output: IDataObject = { event, deliveryId: id ?? null, '@id': iri };
	if (!context.getNodeParameter('fetchResource', true)) return output;
	const { body, failed } = await callCoopCycle(context, 'GET', iri);
	if (!failed) return { ...output, delivery: simplifiedResource(objectOf(body)) };
	const readable = failed.tokenFailure ?? describeCoopCycleError(failed.failure, { notFound: DELIVERY_NOT_FOUND });
	return { ...output, delivery: null, fetchError: { ...readable } };
}
