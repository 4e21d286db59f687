import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { CoopCycleOAuth2Api } from '../../credentials/CoopCycleOAuth2Api.credentials';
import { CoopCycleTrigger } from '../../nodes/CoopCycle/CoopCycleTrigger.node';
import { signatureOf } from '../../nodes/CoopCycle/shared/webhookSignature';
import { TriggerRunner, type TriggerOptions } from '../../../shared/test/harness/runTrigger';
import { coopCycle, LD_JSON, ME, newCredential, parsed } from '../fixtures';

/** The address n8n gives CoopCycle for the trigger of the tests. */
export const WEBHOOK_URL = 'https://n8n.example.org/webhook/5f1c1a5e-0000-4000-8000-000000000001/webhook';

/** A trigger node with its own credential (and so its own token), listening to `events`. */
export function trigger(
	parameters: IDataObject = { events: ['delivery.completed'] },
	credential: ICredentialDataDecryptedObject = {},
	options: TriggerOptions = {},
): TriggerRunner {
	return new TriggerRunner(
		new CoopCycleTrigger(),
		new CoopCycleOAuth2Api(),
		newCredential(credential),
		parameters,
		options,
	);
}

/** CoopCycle's answer to POST /api/webhooks (features/webhooks.feature). */
export function createdWebhook(id: number, event: string, url = WEBHOOK_URL): IDataObject {
	return {
		'@context': '/api/contexts/Webhook',
		'@id': `/api/webhooks/${id}`,
		'@type': 'Webhook',
		url,
		event,
		secret: `c2VjcmV0LW9mLXdlYmhvb2st${id}LXh4eHh4eHh4eHh4eHh4eHh4eHh4eA==`,
	};
}

/** CoopCycle's answer to GET /api/webhooks/{id}: no secret. */
export function shownWebhook(id: number, event: string, url = WEBHOOK_URL): IDataObject {
	const shown = createdWebhook(id, event, url);
	delete shown.secret;
	return shown;
}

/** The body CoopCycle sends: PHP's json_encode, "/" written "\\/" (src/MessageHandler/WebhookHandler.php). */
export const bodyOf = (object: string, event: string): string =>
	`{"data":{"object":"${object.replace(/\//g, '\\/')}","event":"${event}"}}`;

/** A call as n8n hands it to the node: the raw body, signed with `secret` (or the signature given). */
export function signedCall(body: string, secret: string, signature = signatureOf(body, secret)) {
	return {
		rawBody: Buffer.from(body),
		headers: { 'content-type': 'application/json', 'x-coopcycle-signature': signature },
	};
}

/** GET /api/me for a restaurant's API app (features/authentication.feature, "Authenticated request with OAuth (for shop)"). */
export const SHOP_ME = { ...ME, '@id': '/api/api_apps/2', store: null, shop: '/api/restaurants/1', name: 'Bistro app' };

export const TWO_EVENTS = { events: ['delivery.picked', 'delivery.completed'] };

/** A CoopCycle that registers webhooks in the order asked, from id `firstId`: the bodies it got. */
export function registering(api: ReturnType<typeof coopCycle>['api'], count: number, firstId = 1) {
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
export async function activated(parameters = { events: ['delivery.completed'] }, meTimes = 1) {
	const { api } = coopCycle();
	api.get('/api/me').times(meTimes).reply(200, ME);
	registering(api, (parameters.events as string[]).length);
	const node = trigger(parameters);
	await node.activate();
	return { api, node };
}

export { ME };
