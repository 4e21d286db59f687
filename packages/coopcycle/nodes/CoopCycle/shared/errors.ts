import type { DeclarativeRestApiSettings, IDataObject } from 'n8n-workflow';

import { NOT_DONE_WAIT_MINUTES } from '../../shared/retry';
import { networkErrorCode, notSent, type HttpFailure, type ReadableError } from '../../shared/transport';
import { objectOf } from '../../shared/values';

/** What an operation knows that makes its errors clearer. */
export interface ErrorHints {
	/** For 404: which field named the missing thing, e.g. 'Check the Delivery ID.' */
	notFound?: string;
	/** For 403: what this operation needs beyond the store's own data (a scope, e.g. tasks:all). */
	forbidden?: string;
	/** For 400: what usually causes it for this operation. */
	badRequest?: string;
	/** For 500: what CoopCycle's internal error most likely means for this operation. */
	serverError?: ReadableError;
}

/** CoopCycle answers 500 when it cannot find an address given as text on the map. */
export const GEOCODING_ERROR: ReadableError = {
	message: 'CoopCycle could not handle an address (500): most likely it could not find it on the map',
	description:
		'Write the full address (number, street, postcode, city), or give its latitude and longitude in the details. A saved address (/api/addresses/…) also avoids the lookup.',
};

/* What some operations add to their errors. */
export const DELIVERY_NOT_FOUND = 'Check the Delivery ID: no such delivery, or it belongs to another store.';

/** Pick and drop fail with a 500 when done twice or in the wrong order. */
export const TASK_ORDER_ERROR: ReadableError = {
	message: 'CoopCycle could not mark the delivery (500)',
	description:
		'The pickup must be marked before the dropoff, and each only once. Look at the delivery (Delivery → Get) to see its tasks’ status.',
};

export const TASK_NOT_FOUND = 'Check the Task ID: no such task, or it belongs to another store.';

export const NEEDS_TASKS_SCOPE =
	'Tasks need the "tasks" scope: add it to the credential’s Scope field (the API app must have been granted it).';

/** Also shown as a notice on Task → Get Many. */
export const NEEDS_TASKS_ALL_SCOPE =
	'Getting all the tasks of a day needs the "tasks:all" scope: the cooperative’s administrator must grant it to the API app, and the credential’s Scope field must ask for it (e.g. "deliveries tasks tasks:all").';

export const TIME_SLOT_NOT_FOUND = 'Check the Time Slot ID: see the "timeSlots" of Store → Get My Store.';

/** CoopCycle answers 500 to Get Choices when the store has no default time slot (its "timeSlot" is null). */
export const NO_DEFAULT_TIME_SLOT: ReadableError = {
	message: 'CoopCycle could not list the time slot choices (500): most likely your store has no default time slot',
	description:
		'Ask the cooperative to give your store a default time slot, or use Get Choices of a Time Slot with one of the "timeSlots" of Store → Get My Store.',
};

export interface Violation {
	propertyPath?: string;
	message?: string;
}

/** `propertyPath: message` for each violation of an API Platform ConstraintViolationList. */
export function violationsOf(body: unknown): Violation[] | undefined {
	const violations = objectOf(body).violations;
	return Array.isArray(violations) ? (violations as Violation[]) : undefined;
}

export function listViolations(violations: Violation[]): string {
	return violations
		.map((violation) =>
			violation.propertyPath
				? `${violation.propertyPath}: ${violation.message ?? ''}`
				: String(violation.message ?? ''),
		)
		.join('; ');
}

/**
 * The message of a PHP exception CoopCycle wrote out whole (class, message, file, stack trace): its accept route
 * answers `new BadRequestHttpException($e)` (src/Action/Order/Accept.php), the exception cast to text.
 */
function exceptionMessage(text: string): string {
	return text
		.replace(/\s*Stack trace:[\s\S]*$/, '')
		.replace(/\s+in \/\S+:\d+\s*$/, '')
		.replace(/^[A-Za-z_][\w\\]*(?:Exception|Error): /, '')
		.replace(/^Handling "[^"]*" failed: /, '')
		.trim();
}

/** The human sentence of a hydra:Error (or of the `{code, message}` / OAuth error bodies). */
function apiMessage(body: IDataObject): string | undefined {
	for (const key of [
		'hydra:description',
		'description',
		'detail',
		'error_description',
		'message',
		'hydra:title',
		'title',
	]) {
		const value = body[key];
		if (typeof value === 'string' && value.trim() !== '') return exceptionMessage(value.trim());
	}
	return undefined;
}

/**
 * Create's answer when the store does not take cash on delivery. src/Api/State/DeliveryCreateOrUpdateProcessor.php
 * checks the payment method (l.193-224) after DeliveryOrderManager::createOrder has saved the order and its
 * delivery (l.120-125): the delivery exists, paid the usual way.
 */
const PAYMENT_METHOD_REFUSED: ReadableError = {
	message:
		'CoopCycle refused cash on delivery for your store (order.paymentMethod is not valid), but it has most likely created the delivery anyway',
	description:
		'CoopCycle creates the delivery before it checks the payment method. Do not run this item again: look for the delivery with Delivery → Get Many (it is to be paid the usual way) and cancel it if you do not want it. Ask the cooperative to enable cash on delivery for your store, or set Payment Method to "Usual Payment".',
};

/** CoopCycle's own words that need explaining, whatever the operation. */
const KNOWN_ANSWERS = new Map<string, ReadableError>([['order.paymentMethod is not valid', PAYMENT_METHOD_REFUSED]]);

/** What each write that is never sent twice did, and how to find out whether it was done. */
const UNCONFIRMED_WRITES: Array<{ method: string; path: RegExp; done: string; check: string }> = [
	{
		method: 'POST',
		path: /^\/api\/deliveries$/,
		done: 'that it created the delivery',
		check:
			'Look for it in the store’s deliveries (Delivery → Get Many, its dropoff day): running the item again would create a second delivery.',
	},
	{
		method: 'POST',
		path: /^\/api\/deliveries\/quotes$/,
		done: 'that it created the quote',
		check: 'Running the item again creates another quote: only confirm one of them.',
	},
	{
		method: 'PUT',
		path: /\/confirm$/,
		done: 'that it confirmed the quote',
		check:
			'The delivery may exist: look for it in the store’s deliveries (Delivery → Get Many) before running the item again, or a second delivery is created.',
	},
	{
		method: 'PUT',
		path: /\/pick$/,
		done: 'that it marked the pickup done',
		check: 'Look at the delivery’s pickup (Delivery → Get).',
	},
	{
		method: 'PUT',
		path: /\/drop$/,
		done: 'that it marked the dropoff done',
		check: 'Look at the delivery’s dropoff (Delivery → Get).',
	},
	{
		method: 'DELETE',
		path: /^\/api\/deliveries\/[^/]+$/,
		done: 'that it cancelled the delivery',
		check: 'Look at the delivery (Delivery → Get).',
	},
	{
		method: 'POST',
		path: /\/addresses$/,
		done: 'that it added the address',
		check: 'Look at the store’s addresses (Store → Get Addresses).',
	},
];

/**
 * A write that is never sent twice got an answer that does not say whether CoopCycle did it: its gateway's 502 or
 * 504 (nginx gives up waiting while PHP goes on and saves), or a connection broken after the request went out.
 */
function unconfirmedWrite(failure: HttpFailure, request?: DeclarativeRestApiSettings.ResultOptions): ReadableError {
	const { method = 'GET', url = '' } = request?.options ?? {};
	const path = String(url)
		.replace(/^https?:\/\/[^/]+/i, '')
		.split('?')[0];
	const write = UNCONFIRMED_WRITES.find((entry) => entry.method === method && entry.path.test(path));
	const how =
		failure.status === undefined
			? `the connection broke after the request went out (${networkErrorCode(failure.error) ?? 'no answer'})`
			: `its gateway answered ${failure.status}, as it does when CoopCycle takes too long, while CoopCycle goes on with the request`;
	return {
		message: `CoopCycle did not confirm ${write?.done ?? 'that it did it'}: it may have done it; check before running the item again`,
		description: `It was not sent again: ${how}. ${write?.check ?? ''}`.trim(),
	};
}

/** Turns any CoopCycle failure into a sentence that says what went wrong and what to change. */
export function describeCoopCycleError(
	failure: HttpFailure,
	hints: ErrorHints = {},
	request?: DeclarativeRestApiSettings.ResultOptions,
): ReadableError {
	if (failure.unconfirmed) return unconfirmedWrite(failure, request);
	const body = objectOf(failure.body);
	const said = apiMessage(body);
	const violations = violationsOf(failure.body);
	switch (failure.status) {
		case 400:
			if (KNOWN_ANSWERS.has(said ?? '')) return KNOWN_ANSWERS.get(said ?? '') as ReadableError;
			if (violations?.length) {
				return {
					message: `CoopCycle rejected the request: ${listViolations(violations)}`,
					description: 'Each part names the field CoopCycle found wrong and why. Fix those fields and run again.',
				};
			}
			return {
				message: `CoopCycle rejected the request: ${said ?? 'bad request (400)'}`,
				description:
					hints.badRequest ?? 'CoopCycle explained why in its own words above. Fix the field it names and run again.',
			};
		case 401:
			return {
				message: 'CoopCycle refused the access token (401), even after a new token was fetched',
				description:
					'Check the client ID and secret of the credential, and that the cooperative’s administrator has not deleted or disabled the API app.',
			};
		case 403:
			return {
				message: `CoopCycle refused access (403)${said ? `: ${said}` : ''}`,
				description: [
					'An API app may only use its own store’s deliveries, tasks and time slots, with the scopes the administrator granted (the credential’s Scope field must ask for them).',
					hints.forbidden,
				]
					.filter(Boolean)
					.join(' '),
			};
		case 404:
			return {
				message: `CoopCycle found nothing at this address (404)${said && said !== 'Not Found' ? `: ${said}` : ''}`,
				description: hints.notFound ?? 'Check the id and the Instance URL of the credential.',
			};
		case 415:
			return {
				message: 'CoopCycle did not accept the format of the request (415)',
				description: 'CoopCycle expects JSON-LD (Content-Type: application/ld+json) here.',
			};
		case 500:
			if (hints.serverError) return hints.serverError;
			break;
		case 429:
		case 503:
			if (!failure.retried) break;
			return {
				message: `CoopCycle ${failure.status === 429 ? 'is still limiting requests (429)' : 'is still unavailable (503)'} after waiting ${NOT_DONE_WAIT_MINUTES} minutes`,
				description:
					'Nothing was done for this item: run it again later. To ask less of CoopCycle at once, lower "Max Requests at Once" in the credential, or use the node’s Batching option.',
			};
		case 502:
		case 504:
			if (!failure.retried) break;
			return {
				message: `CoopCycle did not answer in time (${failure.status}), even after several tries`,
				description:
					'Its server is overloaded or down. This request is safe to send again: run the item again later; if it persists, tell the cooperative.',
			};
		case undefined:
			if (!networkErrorCode(failure.error)) return notSent('CoopCycle', failure);
			return {
				message: `Could not reach CoopCycle: ${failure.error.message}`,
				description: 'Check the Instance URL of the credential and that the CoopCycle site is up.',
			};
	}
	return {
		message: `CoopCycle answered with an error (${failure.status})${said ? `: ${said}` : ''}`,
		description:
			failure.status && failure.status >= 500
				? 'A problem on the CoopCycle side. Try again later; if it persists, tell the cooperative.'
				: undefined,
	};
}
