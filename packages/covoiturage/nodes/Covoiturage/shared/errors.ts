import type { DeclarativeRestApiSettings, IDataObject } from 'n8n-workflow';

import { NOT_DONE_WAIT_MINUTES } from '../../shared/retry';
import { networkErrorCode, notSent, type HttpFailure, type ReadableError } from '../../shared/transport';

/**
 * What each terms-of-use label means, in the words an operator needs. The two counts include canceled journeys:
 * CarpoolLookupRepository.countJourneyBy means to leave them out, but its filter (`acquisition_status <>
 * ANY('{canceled,expired,terms_violation_error}')`) is true for every status.
 */
export const TERMS_VIOLATION_EXPLANATIONS: Record<string, string> = {
	expired: 'sent more than 24 hours after the journey started',
	distance_too_short: 'shorter than 2 km',
	too_many_trips_by_day: 'one of the two people already has 4 other trips with you that day, canceled ones included',
	too_close_trips:
		'another trip with the same two people, canceled ones included, starts or ends within 30 minutes of this one',
};

export function explainLabels(labels: string[]): string {
	return labels
		.map((label) => `${label} (${TERMS_VIOLATION_EXPLANATIONS[label] ?? 'see the registry documentation'})`)
		.join(', ');
}

/**
 * Labels no Update can remove: the registry checks the terms of use only when a journey is sent
 * (CarpoolAcquisitionService.registerRequest), never on an Update (patchCarpool), and these depend on when the
 * journey was sent and on your other trips.
 */
const LABELS_UPDATE_CANNOT_CORRECT = ['expired', 'too_many_trips_by_day', 'too_close_trips'];

/** "An Update cannot correct expired, too_close_trips: …", or '' when it can correct them all. */
export function cannotBeCorrected(labels: string[]): string {
	const stuck = labels.filter((label) => LABELS_UPDATE_CANNOT_CORRECT.includes(label));
	return stuck.length
		? `An Update cannot correct ${stuck.join(', ')}: ${stuck.length > 1 ? 'they depend' : 'it depends'} on when the journey was sent and on your other trips.`
		: '';
}

/** What an Update can do for a journey the registry has just flagged with these labels (422). */
export function whatUpdateCanCorrect(labels: string[]): string {
	const distance = labels.includes('distance_too_short')
		? 'If the distance was wrong, correct it with Update within 24 hours of the start.'
		: '';
	return [cannotBeCorrected(labels), distance].filter(Boolean).join(' ');
}

const RESEND_HINT =
	'Nothing was recorded for this item: run it again later. Re-sending journeys is safe, the registry answers "already registered" for those it has.';

/** What to do after a failure that changed nothing, for the route that failed (a read is not a journey sent). */
function runAgainHint(request?: DeclarativeRestApiSettings.ResultOptions): string {
	const { method = 'GET' } = request?.options ?? {};
	if (method === 'GET') return 'Nothing was changed: run the item again later.';
	if (method === 'PATCH') return 'Run the item again later: sending the same update again is safe.';
	return RESEND_HINT;
}

/**
 * A write that is never sent twice got an answer that does not say whether the registry did it (its gateway's
 * 502 or 504, or a connection broken after the request went out): what may have happened, and how to find out.
 */
export function unconfirmedRegistryWrite(failure: HttpFailure, done: string, howToKnow: string): ReadableError {
	const code = failure.status === undefined ? networkErrorCode(failure.error) : undefined;
	// n8n replaces a message that names a network code (ECONNRESET…) with its own words: the code goes below.
	const how =
		failure.status === undefined
			? `the connection broke after the request went out (${code ?? 'no answer'})`
			: `its gateway answered ${failure.status}, which it also does while the registry is still working on a request`;
	return {
		message: `The registry did not confirm that it ${done}: it may have done it; check before running the item again`,
		description: `It was not sent again: ${how}. ${howToKnow}`,
	};
}

/**
 * What the registry's database answers (500) to a value its columns cannot hold, although its schema let it
 * through: a fraction of a cent in an integer column (CarpoolRepository.syncIncentives), a text longer than its
 * varchar column, a field without a column (incentive_counterparts on PATCH). The transaction is rolled back:
 * nothing was stored, and the same request fails the same way every time.
 */
const DATABASE_REFUSALS = [
	/^invalid input syntax for type /,
	/^value too long for type /,
	/out of range for type /,
	/^column .* does not exist$/,
];

const CREDENTIAL_HINT = 'Check the Covoiturage API credential: its environment, and its application token or key pair.';

/**
 * The registry answers 500, not 401, when it cannot verify a token: accessTokenMiddleware.ts falls back to the
 * application-token check only for HS256 tokens, and every other failure reaches errorHandlerMiddleware.ts, which
 * answers 500 with the error's class name in `data` (jose's for access tokens, jsonwebtoken's for application
 * tokens). These are the names a wrong token gives; a key set the registry cannot load (JWKSTimeout, JWKSInvalid)
 * is the registry's own trouble and stays a plain 500.
 */
const TOKEN_ERRORS = [
	'JsonWebTokenError',
	'NotBeforeError',
	'JWSInvalid',
	'JWSSignatureVerificationFailed',
	'JWTInvalid',
	'JWTClaimValidationFailed',
	'JWKSNoMatchingKey',
	'JOSEAlgNotAllowed',
	'JOSENotSupported',
];

/** The JSON-RPC error object the registry wraps most failures in (`{ error: { code, message, data } }`). */
export function rpcErrorOf(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && 'error' in body) {
		const error = (body as IDataObject).error;
		if (error && typeof error === 'object') return error as IDataObject;
	}
	return undefined;
}

/** The answer of a route that wraps it in JSON-RPC (`{ result: { meta, data } }`), or the body itself. */
export function rpcDataOf(body: unknown): IDataObject {
	const object = (body && typeof body === 'object' ? body : {}) as IDataObject;
	return ((object.result as IDataObject | undefined)?.data ?? object) as IDataObject;
}

/** "/driver/identity/phone_trunc: must match format \"phonetrunc\"" → "driver.identity.phone_trunc: must match …" */
export function readableSchemaMessage(message: string): string {
	const match = /^\/([^:]*):\s*(.*)$/.exec(message);
	if (!match) return message;
	return `${match[1].replace(/\//g, '.').replace(/\.(\d+)(?=\.|$)/g, '[$1]')}: ${match[2]}`;
}

function detailsOf(data: unknown): string[] {
	if (Array.isArray(data)) return data.map((entry) => readableSchemaMessage(String(entry)));
	if (typeof data === 'string' && data !== '') return [readableSchemaMessage(data)];
	return [];
}

/**
 * What a route that does not wrap its failures in JSON-RPC (CEE applications, exports) answers: the error's data as
 * it is, or `{ error: message }` when it has none (registerExpressRoute.ts, without rpcAnswerOnFailure). So a
 * text ("Date should be before 7 days from now"), the validator's messages (a list), `{ error: "Not found" }`, or
 * the data of a conflict (an object).
 */
export function plainAnswerOf(body: unknown): { text?: string; details: string[] } {
	let answer = body;
	if (typeof body === 'string' && /^\s*["[{]/.test(body)) {
		try {
			answer = JSON.parse(body);
		} catch {
			answer = body;
		}
	}
	if (typeof answer === 'string') return { text: answer, details: [] };
	if (Array.isArray(answer)) return { details: answer.map((entry) => readableSchemaMessage(String(entry))) };
	const error = (answer as IDataObject | undefined)?.error;
	return { text: typeof error === 'string' ? error : undefined, details: [] };
}

/** The validator's problems (a 400): the first in the message, all of them in the description. */
export function validatorProblems(what: string, details: string[]): ReadableError {
	return {
		message: `${what}: ${details[0]}`,
		description: details.length > 1 ? `All problems: ${details.join('; ')}` : undefined,
	};
}

/** Turns any registry failure into a sentence naming what to fix. */
export function describeRegistryError(
	failure: HttpFailure,
	request?: DeclarativeRestApiSettings.ResultOptions,
): ReadableError {
	if (failure.unconfirmed) {
		return unconfirmedRegistryWrite(
			failure,
			'did it',
			'Look at the journey with Get Status before running the item again.',
		);
	}
	const rpc = rpcErrorOf(failure.body);
	const details = detailsOf(rpc?.data);
	const apiSays = details.length ? details.join('; ') : (rpc?.message as string | undefined);
	switch (failure.status) {
		case undefined:
			if (!networkErrorCode(failure.error)) return notSent('the registry', failure);
			return {
				message: `Could not reach the registry: ${failure.error.message}`,
				description: `Check the environment or custom URL of the Covoiturage API credential. ${runAgainHint(request)}`,
			};
		case 400:
			return validatorProblems(
				'The registry rejected the request',
				details.length ? details : [apiSays ?? 'invalid parameters'],
			);
		case 401:
			return {
				message: 'The registry rejected the credential (401)',
				description: `The application of the token may have been deleted in the registry app, or a new access token was refused. ${CREDENTIAL_HINT}`,
			};
		case 403:
			return {
				message: 'The registry refused access (403)',
				description: `The token is missing, or its application may not do this (for example, an operator_id that is not the token's operator). Check the Covoiturage API credential.${apiSays && apiSays !== 'Forbidden Error' ? ` The registry says: ${apiSays}` : ''}`,
			};
		case 404:
			if (!rpc) {
				return {
					message: 'Nothing answers at this address (404): the API version or URL is wrong',
					description: 'Check the API version (v3.3 or v3.2) and the environment of the Covoiturage API credential.',
				};
			}
			return {
				message: 'The registry has no journey with this operator_journey_id for your operator (404)',
				description: apiSays ? `The registry says: ${apiSays}` : undefined,
			};
		case 409:
			return {
				message: `The registry already has this journey: ${apiSays ?? 'already registered'}`,
				description: 'A journey id can only be sent once. To correct it, use the Update operation.',
			};
		case 422: {
			const labels = (rpc?.data as IDataObject | undefined)?.terms_violation_labels;
			if (Array.isArray(labels)) {
				return {
					message: `The registry stored the journey but it breaks the terms of use: ${explainLabels(labels as string[])}`,
					description: `It will not receive incentives. ${whatUpdateCanCorrect(labels as string[])}`.trim(),
				};
			}
			return {
				message: `The registry could not process the journey: ${apiSays ?? 'unprocessable request'}`,
				description: 'Only finished journeys can be sent, and a journey must start before it ends.',
			};
		}
		case 500:
			if (typeof rpc?.data === 'string' && TOKEN_ERRORS.includes(rpc.data)) {
				return {
					message: `The registry does not accept the credential's token (500: ${rpc.data})`,
					description: `The token is malformed, or it belongs to the other environment (for example a production token used on pre-production). ${CREDENTIAL_HINT} Running the workflow again will give the same error.`,
				};
			}
			if (
				typeof rpc?.message === 'string' &&
				DATABASE_REFUSALS.some((refusal) => refusal.test(rpc.message as string))
			) {
				return {
					message: `The registry could not store a value of this item (500: ${rpc.message})`,
					description:
						'Its database refused the value: nothing was stored, and running the item again gives the same error. Correct the value: amounts in cents must be whole numbers, the licence plate holds 32 characters at most.',
				};
			}
			return defaultError(failure.status, apiSays, request);
		case 429:
			return {
				message: `The registry is still limiting requests (429) after waiting ${NOT_DONE_WAIT_MINUTES} minutes`,
				description: `${runAgainHint(request)} The node already spreads its requests under the registry's limits: another program may be using the same limit. To send fewer requests at once, use the node's Batching option.`,
			};
		case 503:
			return {
				message: `The registry is still unavailable (503) after waiting ${NOT_DONE_WAIT_MINUTES} minutes, probably for maintenance`,
				description: runAgainHint(request),
			};
		case 502:
		case 504:
			return {
				message: `The registry did not answer in time (${failure.status}), even after several tries`,
				description:
					request?.options.method === 'POST'
						? 'It may have recorded the journey: run the item again later, re-sending is safe (the registry answers "already registered" for those it has).'
						: runAgainHint(request),
			};
		default:
			return defaultError(failure.status, apiSays, request);
	}
}

function defaultError(
	status: number,
	apiSays: string | undefined,
	request?: DeclarativeRestApiSettings.ResultOptions,
): ReadableError {
	return {
		message: `The registry answered with an error (${status})${apiSays ? `: ${apiSays}` : ''}`,
		description: runAgainHint(request),
	};
}
