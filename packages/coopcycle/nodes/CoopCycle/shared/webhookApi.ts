import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { accessTokenErrorIn } from '../../shared/accessToken';
import { httpFailureOf, type HttpFailure, type ReadableError } from '../../shared/transport';
import { CREDENTIAL_TYPE } from './apiApp';
import { instanceUrlOf } from './instanceUrl';

/**
 * The trigger's requests. A trigger has no declarative routing, so it calls CoopCycle itself, with full URLs
 * built from the credential's Instance URL and authenticated by the credential (n8n fetches the token through its
 * preAuthentication, and a fresh one after a 401).
 */
export type TriggerContext = IHookFunctions | IWebhookFunctions;

/** A failed call: the HTTP failure (status, CoopCycle's body; no status when unreachable), or the credential's
 * own words when it could not get an access token. */
export interface CallFailure {
	failure: HttpFailure;
	tokenFailure?: ReadableError;
}

/** The answer of a call: CoopCycle's JSON, or what went wrong. */
export type CallResult = { body: IDataObject; failed?: undefined } | { body?: undefined; failed: CallFailure };

/** The credential's fields the trigger reads: its instance address and the scopes it asks for. */
export async function credentialOf(context: TriggerContext): Promise<{ instanceUrl: string; scopes: string[] }> {
	const credential = await context.getCredentials(CREDENTIAL_TYPE);
	return {
		instanceUrl: instanceUrlOf(credential),
		scopes: String(credential.scope ?? '')
			.split(/\s+/)
			.filter(Boolean),
	};
}

/** One call to CoopCycle (path starts with /api). Never throws: a failure is returned, for the caller to word. */
export async function callCoopCycle(
	context: TriggerContext,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
): Promise<CallResult> {
	const { instanceUrl } = await credentialOf(context);
	try {
		const answer: unknown = await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
			method,
			url: `${instanceUrl}${path}`,
			headers: {
				Accept: 'application/ld+json',
				...(body ? { 'Content-Type': 'application/ld+json' } : {}),
			},
			...(body ? { body } : {}),
			json: true,
		});
		return { body: answer && typeof answer === 'object' ? (answer as IDataObject) : {} };
	} catch (thrown) {
		const tokenFailure = accessTokenErrorIn(thrown);
		return {
			failed: {
				failure: httpFailureOf(thrown as Error & IDataObject),
				tokenFailure: tokenFailure
					? { message: tokenFailure.message, description: tokenFailure.description }
					: undefined,
			},
		};
	}
}

/** The status CoopCycle answered a failed call with; undefined when it could not be reached or gave no token. */
export function statusOf(failed: CallFailure): number | undefined {
	return failed.tokenFailure ? undefined : failed.failure.status;
}

/** The node's error, with the sentence that says what to fix (and CoopCycle's answer, when there was one). */
export function nodeErrorOf(context: TriggerContext, failed: CallFailure | undefined, readable: ReadableError): Error {
	if (failed && statusOf(failed) !== undefined) {
		return new NodeApiError(context.getNode(), (failed.failure.body ?? {}) as JsonObject, {
			message: readable.message,
			description: readable.description,
			httpCode: String(failed.failure.status),
		});
	}
	return new NodeOperationError(context.getNode(), readable.message, { description: readable.description });
}
