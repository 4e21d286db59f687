import type { INodePropertyOptions } from 'n8n-workflow';

import { instantOf, utcText } from '../../shared/dates';
import { registryMidnight } from './dates';
import { describe, type Problems } from './problems';

/** The statuses the list route can filter on (list.schema.ts); the first three mean the same (castStatus.ts). */
export const LISTABLE_STATUSES = [
	'acquisition_error',
	'validation_error',
	'normalization_error',
	'anomaly_error',
	'canceled',
	'fraud_error',
	'ok',
	'pending',
];

/**
 * The statuses a user can list, as options of a field (Get Many's Status, the trigger's Trigger On). The
 * registry filters on each of its checks separately (castStatus.ts castFromStatusEnum): a journey can come out under
 * several statuses, and under one that Get Status does not give it. The descriptions say so.
 */
export const LISTABLE_STATUS_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Acquisition Error',
		value: 'acquisition_error',
		description: 'The registry could not process the journey (e.g. its places)',
	},
	{
		name: 'Anomaly Error',
		value: 'anomaly_error',
		description: 'Flagged by the anomaly checks, including journeys canceled since',
	},
	{ name: 'Canceled', value: 'canceled' },
	{
		name: 'Fraud Error',
		value: 'fraud_error',
		description: 'Flagged by the checks across operators, including journeys canceled since',
	},
	{ name: 'OK', value: 'ok', description: 'Every check passed' },
	{
		name: 'Pending',
		value: 'pending',
		description:
			'At least one check not finished (they take up to 48 hours). Includes canceled journeys and journeys that broke the terms of use while their checks are pending.',
	},
];

/**
 * The list route's rules (ListJourneyAction.applyDefault and validateStartEnd), with the registry's "today":
 * 00:00 Paris time of the current UTC date. Without a start the registry starts 7 days before today; without an
 * end it ends at today. `start`/`end` are the registry's UTC texts, as the node sends them.
 */
export function validateListQuery(
	status: unknown,
	start: string | undefined,
	end: string | undefined,
	now = Date.now(),
): Problems {
	const problems: Problems = [];
	if (typeof status !== 'string' || !LISTABLE_STATUSES.includes(status)) {
		// list.schema.ts accepts "expired", but castStatus.ts has no filter for it: the query then fails (500).
		const reason =
			status === 'expired'
				? 'the registry accepts "expired" but then fails (error 500); journeys sent too late have the status terms_violation_error, which it cannot list either'
				: 'the registry cannot list this status (use Get Status for one journey)';
		problems.push(
			`Status must be one of acquisition_error, anomaly_error, canceled, fraud_error, ok, pending (got ${describe(status)}): ${reason}`,
		);
	}
	const startTime = start ? instantOf(start, 'UTC') : undefined;
	const endTime = end ? instantOf(end, 'UTC') : undefined;
	if (startTime !== undefined && Number.isNaN(startTime)) {
		problems.push(`Started After must be a date and time (got ${describe(start)})`);
	}
	if (endTime !== undefined && Number.isNaN(endTime)) {
		problems.push(`Started Before must be a date and time (got ${describe(end)})`);
	}
	if (Number.isNaN(startTime) || Number.isNaN(endTime)) return problems;
	const windowProblems = problems.length;

	const today = registryMidnight(now);
	const earliest = registryMidnight(now, 90);
	if (endTime !== undefined && endTime > today) {
		problems.push(
			`Started Before must be no later than ${utcText(today)}, today 00:00 Paris time: the registry lists no journey that started today (use Get Status for those) (got ${end})`,
		);
	}
	if (startTime !== undefined && startTime < earliest) {
		problems.push(
			`Started After must be no earlier than ${utcText(earliest)}, 90 days before today 00:00 Paris time: the registry lists no older journeys (got ${start})`,
		);
	}
	if (problems.length > windowProblems) return problems;
	// The registry refuses only start > end; an empty window (start = end) would list nothing, so it is refused too.
	if (startTime !== undefined && endTime !== undefined && startTime >= endTime) {
		problems.push(`Started After must be before Started Before (got ${start} and ${end})`);
	} else if (startTime !== undefined && endTime === undefined && startTime >= today) {
		problems.push(
			`Started After must be before ${utcText(today)}, where the list ends when Started Before is empty (today 00:00 Paris time) (got ${start})`,
		);
	} else if (startTime === undefined && endTime !== undefined && endTime <= registryMidnight(now, 7)) {
		problems.push(
			`Started Before must be after ${utcText(registryMidnight(now, 7))}, where the list starts when Started After is empty (7 days before today 00:00 Paris time): set Started After too (got ${end})`,
		);
	}
	return problems;
}
