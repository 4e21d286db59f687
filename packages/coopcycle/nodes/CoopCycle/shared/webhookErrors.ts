import type { ReadableError } from '../../shared/transport';
import { describeCoopCycleError, violationsOf } from './errors';
import type { CallFailure } from './webhookApi';

/** The activation errors of the trigger: what went wrong registering webhooks, and what the user can change. */

const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

function hostOf(url: string): string {
	try {
		return new URL(url).hostname;
	} catch {
		return '';
	}
}

/**
 * An n8n known only as localhost cannot be called by a CoopCycle on another machine: CoopCycle would accept the
 * address (coopcycle-web's Webhook has no constraint on `url`) and its calls would silently fail.
 */
export function unreachableWebhookUrl(webhookUrl: string, instanceUrl: string): ReadableError | undefined {
	if (!LOOPBACK.test(hostOf(webhookUrl)) || LOOPBACK.test(hostOf(instanceUrl))) return undefined;
	return {
		message: `CoopCycle cannot call n8n at ${webhookUrl}: this address only works on the n8n machine itself`,
		description:
			'Set the WEBHOOK_URL environment variable of n8n to the public address of your n8n (for example https://n8n.example.org/), restart n8n, and activate the workflow again.',
	};
}

/** The API app must use the "deliveries" scope to fetch deliveries. */
export const NEEDS_DELIVERIES_SCOPE: ReadableError = {
	message: 'The trigger needs the "deliveries" scope to fetch the deliveries',
	description:
		'Add "deliveries" to the Scope field of the CoopCycle credential (the API app must have been granted it), or turn off Fetch the Delivery.',
};

/** coopcycle-web src/MessageHandler/WebhookHandler.php sends delivery events only to API apps of the delivery's store. */
export const NEEDS_STORE: ReadableError = {
	message: 'This CoopCycle API app is not linked to a store, so CoopCycle would never send it delivery events',
	description: 'Ask the cooperative’s administrator to link the API app to your store.',
};

/** Why registering a webhook failed. */
export function registrationError(failed: CallFailure, webhookUrl: string): ReadableError {
	if (failed.tokenFailure) return failed.tokenFailure;
	const { failure } = failed;
	const urlViolation = violationsOf(failure.body)?.find((violation) => violation.propertyPath === 'url');
	if (failure.status === 400 && urlViolation) {
		return {
			message: `CoopCycle refused the webhook address ${webhookUrl}: ${urlViolation.message ?? 'invalid URL'}`,
			description:
				'CoopCycle must be able to call n8n at this address. Set the WEBHOOK_URL environment variable of n8n to its public https address, restart n8n, and activate the workflow again.',
		};
	}
	if (failure.status === 403) {
		// config/packages/security.yaml: /api/webhooks needs ROLE_API_APP (the deliveries, tasks or orders scope);
		// src/Security/WebhookVoter.php: only an OAuth2 token may create webhooks.
		return {
			message: 'CoopCycle refused to register the webhook (403)',
			description:
				'Webhooks need an API app of type OAuth whose credential asks for the "deliveries" scope (or "tasks" or "orders"): "tasks:all" alone is not enough. Check the Scope field of the credential, or ask the cooperative’s administrator.',
		};
	}
	const readable = describeCoopCycleError(failure);
	return { ...readable, message: `Could not set up the webhooks with CoopCycle: ${readable.message}` };
}
