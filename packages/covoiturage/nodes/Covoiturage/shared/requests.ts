import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { roundCents } from './cents';
import { toRegistryDateTime } from './dates';
import { journeyCoreFromFields, journeyFromFields, notAlreadySaid } from './journeyFromFields';
import { journeyFromJson } from './journeyFromJson';
import {
	CORRECTABLE_FIELDS,
	validateCancel,
	validateJourney,
	validateJourneyId,
	validateJourneyUpdate,
} from './journeyValidation';
import { validateListQuery } from './listValidation';
import { failWithProblems } from './problems';

/**
 * The preSend step of each journey operation: its request built from the fields or the JSON, and checked against
 * the registry's rules. An item with a problem fails with all of them, and nothing is sent for it.
 */

/**
 * The journey of Journey Source "Input Item" or "JSON Object", as given; undefined for "Fields Below". The input
 * item is read as it is, without an expression: n8n evaluates a `{{ $json }}` parameter several times per item.
 */
function givenJourney(context: IExecuteSingleFunctions): unknown {
	const mode = context.getNodeParameter('inputMode', 'fields');
	if (mode === 'item') return context.getInputData().json;
	if (mode === 'json') return context.getNodeParameter('journeyJson');
	return undefined;
}

/** preSend of Create: the journey from the fields, the input item or the JSON, validated. */
export async function buildCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems: string[] = [];
	const given = givenJourney(this);
	const journey = roundCents(given === undefined ? journeyFromFields(this, problems) : journeyFromJson(this, given));
	problems.push(...notAlreadySaid(problems, validateJourney(journey)));
	if (problems.length) failWithProblems(this, problems);
	requestOptions.body = journey;
	return requestOptions;
}

/** preSend of Update: the corrections, and only what PATCH corrects. */
export async function buildUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems = validateJourneyId(this.getNodeParameter('operatorJourneyId', ''));
	let update: IDataObject;
	const given = givenJourney(this);
	if (given !== undefined) {
		// A whole journey is accepted: only what PATCH corrects is sent (identities, revenue, contribution and
		// payments cannot be corrected: cancel the journey and send it again under a new id).
		const journey = journeyFromJson(this, given);
		update = Object.fromEntries(Object.entries(journey).filter(([key]) => CORRECTABLE_FIELDS.includes(key)));
	} else {
		update = journeyCoreFromFields(this, problems);
	}
	problems.push(...notAlreadySaid(problems, validateJourneyUpdate(roundCents(update))));
	if (problems.length) failWithProblems(this, problems, 'Update not sent');
	requestOptions.body = update;
	return requestOptions;
}

/** preSend of Cancel: the reason code and message. */
export async function buildCancelBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const code = String(this.getNodeParameter('cancelCode', '')).trim();
	const message = String(this.getNodeParameter('cancelMessage', '') ?? '');
	const problems = [
		...validateJourneyId(this.getNodeParameter('operatorJourneyId', '')),
		...validateCancel(code, message),
	];
	if (problems.length) failWithProblems(this, problems, 'Cancellation not sent');
	requestOptions.body = message ? { code, message } : { code };
	return requestOptions;
}

/** preSend of Get Status: the journey's id must be usable in the URL (Update and Cancel check it with the rest). */
export async function checkJourneyId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems = validateJourneyId(this.getNodeParameter('operatorJourneyId', ''));
	if (problems.length) failWithProblems(this, problems, 'Request not sent');
	return requestOptions;
}

/** preSend of Get Many: the status and the window, checked against what the registry can list. */
export async function buildListQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const timeZone = this.getTimezone();
	const start = toRegistryDateTime(filters.startedAfter, timeZone);
	const end = toRegistryDateTime(filters.startedBefore, timeZone);
	const status = this.getNodeParameter('status') as string;
	const problems = validateListQuery(status, start, end);
	if (problems.length) failWithProblems(this, problems, 'List not requested');
	requestOptions.qs = { status, ...(start ? { start } : {}), ...(end ? { end } : {}) };
	return requestOptions;
}
