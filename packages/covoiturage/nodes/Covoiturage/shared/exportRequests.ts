import { IANAZone } from 'luxon';
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { instantOf, utcText } from '../../shared/dates';
import { textOf } from '../../shared/values';
import { isRegistryDateTime, toRegistryDateTime } from './dates';
import { describe, failWithProblems, type Problems } from './problems';

/**
 * The preSend step of Export → Create (POST /exports, covoiturage-gouv-fr/mono
 * api/src/pdc/services/export/actions/CreateActionV3.ts and contracts/create.schema.ts), checked before sending.
 *
 * The registry means to refuse a start more than 3 years back and an end less than 5 days ago
 * (APP_EXPORT_MIN_START, APP_EXPORT_MAX_END, export/config/export.ts), but its check (ValidateDateMiddleware.ts)
 * compares the dates as the request gives them, as text, with dates: the comparison is always false, so it lets
 * anything through. These bounds are checked here. Its other check, start before end, compares the texts: with the
 * one UTC form sent here, that is the order of the instants.
 */

const DAY_MS = 24 * 3600 * 1000;
/** The registry's defaults: 3 years of 365 days, and 5 days (export/config/export.ts). */
const OLDEST_START_MS = 3 * 365 * DAY_MS;
const NEWEST_END_MS = 5 * DAY_MS;
/** recipients: at most 24, each a varchar (create.schema.ts). */
const MAX_RECIPIENTS = 24;
const EMAIL = /^[^@\s<>,;"]+@[^@\s<>,;"]+\.[^@\s<>,;"]+$/;
/** The kinds of area of geo_selector (TerritoryCodeEnum) that the registry documents. */
export const AREA_TYPES = ['arr', 'com', 'epci', 'aom', 'dep', 'reg'];
/** geo.perimeters codes: INSEE codes (5 characters, e.g. 2A004), SIREN numbers (9 digits), region codes. */
const AREA_CODE = /^[0-9A-Z]{1,9}$/;

const startOfUtcDay = (instant: number) => Math.floor(instant / DAY_MS) * DAY_MS;

/** The first and last start dates an export may have (its days taken as UTC days). */
export function exportBounds(now: number): { oldestStart: number; newestEnd: number } {
	return {
		oldestStart: startOfUtcDay(now - OLDEST_START_MS),
		newestEnd: startOfUtcDay(now - NEWEST_END_MS) + DAY_MS - 1000,
	};
}

/** Recipients from a text ("a@x.fr, b@y.fr") or a list (an expression). */
function recipientsOf(value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(textOf) : textOf(value).split(/[,;\n]/);
	return list.map((address) => address.trim()).filter(Boolean);
}

function checkRecipients(problems: Problems, recipients: string[]): void {
	if (!recipients.length) {
		problems.push(
			'recipients (Recipients) must hold at least one e-mail address: the registry e-mails the file, and with an API credential it has no user to send it to',
		);
	}
	if (recipients.length > MAX_RECIPIENTS) {
		problems.push(
			`recipients (Recipients) must hold at most ${MAX_RECIPIENTS} e-mail addresses (got ${recipients.length})`,
		);
	}
	for (const address of recipients) {
		if (address.length > 256 || !EMAIL.test(address)) {
			problems.push(
				`recipients (Recipients) must be e-mail addresses, e.g. data@operator.fr (got ${describe(address)})`,
			);
		}
	}
}

function checkDates(problems: Problems, start: unknown, end: unknown, now: number): void {
	const { oldestStart, newestEnd } = exportBounds(now);
	for (const [path, label, value] of [
		['start_at', 'Start', start],
		['end_at', 'End', end],
	] as const) {
		if (!isRegistryDateTime(value)) {
			problems.push(`${path} (${label}) must be a date and time, e.g. 2025-09-01T00:00:00Z (got ${describe(value)})`);
		}
	}
	if (!isRegistryDateTime(start) || !isRegistryDateTime(end)) return;
	const [startAt, endAt] = [instantOf(start, 'UTC'), instantOf(end, 'UTC')];
	if (startAt >= endAt)
		problems.push(`start_at (Start) must be before end_at (End) (got ${String(start)} and ${String(end)})`);
	if (startAt < oldestStart) {
		problems.push(
			`start_at (Start) must be no earlier than ${utcText(oldestStart)}, 3 years before today: the registry exports the last 3 years (got ${String(start)})`,
		);
	}
	if (endAt > newestEnd) {
		problems.push(
			`end_at (End) must be no later than ${utcText(newestEnd)}, 5 days ago: the registry needs that long to finish its checks of a journey (got ${String(end)})`,
		);
	}
}

/** geo_selector from the Area field: `{ com: ['69123'], aom: […] }`, or undefined for the whole of your journeys. */
function areaOf(problems: Problems, value: unknown): IDataObject | undefined {
	const entries = ((value as IDataObject | undefined)?.areas ?? []) as IDataObject[];
	if (!entries.length) return undefined;
	const selector: Record<string, string[]> = {};
	for (const entry of entries) {
		const type = textOf(entry.type);
		const codes = textOf(entry.codes)
			.split(/[,;\s]+/)
			.filter(Boolean)
			.map((code) => code.toUpperCase());
		if (!AREA_TYPES.includes(type))
			problems.push(`geo_selector (Area) type must be one of ${AREA_TYPES.join(', ')} (got ${describe(type)})`);
		if (!codes.length) problems.push(`geo_selector.${type} (Area) needs at least one code`);
		for (const code of codes) {
			if (!AREA_CODE.test(code)) {
				problems.push(
					`geo_selector.${type} (Area) codes must be INSEE codes or SIREN numbers, letters and digits only (got ${describe(code)})`,
				);
			}
		}
		selector[type] = [...(selector[type] ?? []), ...codes];
	}
	return selector;
}

/**
 * preSend of Export → Create: the period (journeys that started from Start, before End), the recipients, the area
 * and the time zone of the file's dates. The registry replaces operator_id with the credential's operator.
 */
export async function buildExportBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems: Problems = [];
	const { timeZone: givenZone } = this.getNodeParameter('options', {}) as IDataObject;
	const tz = textOf(givenZone) || this.getTimezone();
	if (!IANAZone.isValidZone(tz))
		problems.push(`tz (Time Zone) must be a time zone such as Europe/Paris (got ${describe(tz)})`);
	const start_at = toRegistryDateTime(this.getNodeParameter('exportStart', ''), this.getTimezone());
	const end_at = toRegistryDateTime(this.getNodeParameter('exportEnd', ''), this.getTimezone());
	checkDates(problems, start_at, end_at, Date.now());
	const recipients = recipientsOf(this.getNodeParameter('recipients', ''));
	checkRecipients(problems, recipients);
	const geo_selector = areaOf(problems, this.getNodeParameter('area', {}));
	if (problems.length) failWithProblems(this, problems, 'Export not requested');
	requestOptions.body = { tz, start_at, end_at, recipients, ...(geo_selector ? { geo_selector } : {}) };
	return requestOptions;
}
