import type { IDataObject } from 'n8n-workflow';

import { instantOf } from '../../shared/dates';
import { isLatitude, isLongitude } from '../../shared/position';
import { isRegistryDateTime } from './dates';
import { overseasWrittenAsFrench, toE164 } from './identity';
import { describe, integer, isObject, onlyKeys, text, type Problems } from './problems';

/**
 * The registry's create, patch and cancel rules (its JSON schemas and its handlers), checked before sending so
 * that a wrong journey fails on its own item with a sentence naming the field, and nothing is sent for it.
 */

const SIRET = /^[0-9]{14}$/;
const IDENTITY_KEY = /^[a-f0-9]{64}$/;
const CANCEL_CODE = /^[0-9A-Za-z_-]{1,32}$/;

function position(problems: Problems, path: string, value: unknown): void {
	if (!isObject(value)) {
		problems.push(`${path} must be an object with datetime, lat and lon (got ${describe(value)})`);
		return;
	}
	onlyKeys(problems, path, value, ['datetime', 'lat', 'lon']);
	if (!isRegistryDateTime(value.datetime)) {
		problems.push(
			`${path}.datetime must be an ISO 8601 date-time with a time zone, e.g. 2025-09-18T06:45:00Z (got ${describe(value.datetime)})`,
		);
	}
	if (!isLatitude(value.lat)) {
		problems.push(`${path}.lat must be a latitude in decimal degrees from -90 to 90 (got ${describe(value.lat)})`);
	}
	if (!isLongitude(value.lon)) {
		problems.push(`${path}.lon must be a longitude in decimal degrees from -180 to 180 (got ${describe(value.lon)})`);
	}
}

function timeline(problems: Problems, start: unknown, end: unknown, now: number): void {
	if (!isObject(start) || !isObject(end)) return;
	const startTime = instantOf(start.datetime, 'UTC');
	const endTime = instantOf(end.datetime, 'UTC');
	if (Number.isNaN(startTime) || Number.isNaN(endTime)) return;
	if (endTime > now) problems.push('end.datetime must not be in the future: only finished journeys can be sent');
	if (startTime > endTime) problems.push('start.datetime must be before end.datetime');
}

function incentiveList(problems: Problems, path: string, value: unknown, withType: boolean): void {
	if (!Array.isArray(value) || value.length > 20) {
		problems.push(`${path} must be a list of at most 20 entries (got ${describe(value)})`);
		return;
	}
	value.forEach((entry, index) => {
		const entryPath = `${path}[${index}]`;
		if (!isObject(entry)) {
			problems.push(`${entryPath} must be an object (got ${describe(entry)})`);
			return;
		}
		onlyKeys(
			problems,
			entryPath,
			entry,
			withType ? ['index', 'siret', 'type', 'amount'] : ['index', 'siret', 'amount'],
		);
		integer(problems, `${entryPath}.index`, entry.index, 0, 19);
		if (typeof entry.siret !== 'string' || !SIRET.test(entry.siret)) {
			problems.push(`${entryPath}.siret must be a SIRET number of 14 digits (got ${describe(entry.siret)})`);
		}
		if (withType) text(problems, `${entryPath}.type`, entry.type);
		// Payments are integers in the schema; incentives are numbers there but integers in the database (cents.ts).
		integer(problems, `${entryPath}.amount`, entry.amount, 0, 100000, ' cents');
	});
}

/**
 * A truncated phone as the registry's phonetrunc format takes it: a phone number once "00" is added, e.g.
 * +336010203; and not an overseas number written with +33 (see notOverseasAsFrench).
 */
export function phoneTrunc(problems: Problems, path: string, value: unknown): void {
	const valid =
		typeof value === 'string' && value.length >= 8 && value.length <= 20 && toE164(`${value}00`) !== undefined;
	if (!valid) {
		problems.push(
			`${path} must be a phone number in international format without its last 2 digits, e.g. +336010203 (got ${describe(value)})`,
		);
	}
	notOverseasAsFrench(problems, path, value);
}

/**
 * An overseas number written with +33 or nationally: the registry would store it with +33 (its phone format
 * defaults to France), and an identity key given with it was most likely computed with +33 too, a key no other
 * operator computes for this person.
 */
function notOverseasAsFrench(problems: Problems, path: string, value: unknown): void {
	const written = typeof value === 'string' ? overseasWrittenAsFrench(value) : undefined;
	if (written) {
		problems.push(
			`${path} ${describe(value)} is a number of ${written.territory.name}: its country code is ${written.territory.code}, not +33. Write it ${written.rightForm}, and compute identity_key with that code (or give the phone and last name and let the node compute both)`,
		);
	}
}

function identity(problems: Problems, path: string, value: unknown, requireOver18: boolean): void {
	if (!isObject(value)) {
		problems.push(`${path} must be an object (got ${describe(value)})`);
		return;
	}
	onlyKeys(problems, path, value, [
		'identity_key',
		'operator_user_id',
		'phone',
		'phone_trunc',
		'travel_pass',
		'over_18',
		'firstname',
		'lastname',
		'company',
		'email',
	]);
	if (typeof value.identity_key !== 'string' || !IDENTITY_KEY.test(value.identity_key)) {
		problems.push(`${path}.identity_key must be 64 lowercase hex characters (got ${describe(value.identity_key)})`);
	}
	text(problems, `${path}.operator_user_id`, value.operator_user_id);
	if (value.phone === undefined && value.phone_trunc === undefined) {
		problems.push(`${path} must have a phone or a phone_trunc`);
	}
	if (value.phone !== undefined) {
		if (typeof value.phone !== 'string' || value.phone.length < 10 || value.phone.length > 20 || !toE164(value.phone)) {
			problems.push(`${path}.phone must be a valid phone number, e.g. +33601020304 (got ${describe(value.phone)})`);
		}
	}
	if (value.phone_trunc !== undefined) phoneTrunc(problems, `${path}.phone_trunc`, value.phone_trunc);
	if (value.phone !== undefined) notOverseasAsFrench(problems, `${path}.phone`, value.phone);
	if (value.travel_pass !== undefined) {
		const pass = value.travel_pass;
		if (!isObject(pass)) {
			problems.push(`${path}.travel_pass must be an object with name and user_id (got ${describe(pass)})`);
		} else {
			onlyKeys(problems, `${path}.travel_pass`, pass, ['name', 'user_id']);
			if (pass.name !== 'navigo')
				problems.push(`${path}.travel_pass.name must be "navigo" (got ${describe(pass.name)})`);
			// The schema allows 256 characters but the registry's database column holds 128 (longer: a 500).
			text(problems, `${path}.travel_pass.user_id`, pass.user_id, 128);
		}
	}
	if (value.over_18 !== undefined && value.over_18 !== true && value.over_18 !== false && value.over_18 !== null) {
		problems.push(`${path}.over_18 must be true or false (got ${describe(value.over_18)})`);
	}
	if (requireOver18 && value.over_18 !== true && value.over_18 !== false) {
		problems.push(`${path}.over_18 must be true or false: the registry records a missing answer as an adult`);
	}
	text(problems, `${path}.firstname`, value.firstname, 256, false);
	text(problems, `${path}.lastname`, value.lastname, 256, false);
	text(problems, `${path}.company`, value.company, 256, false);
	if (
		value.email !== undefined &&
		(typeof value.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.email))
	) {
		problems.push(`${path}.email must be an e-mail address (got ${describe(value.email)})`);
	}
}

/**
 * The fields Update sends: the ones PATCH /journeys/{id} corrects (PatchJourneyAction.convertPayloadToRequest →
 * CarpoolAcquisitionService.patchCarpool → CarpoolRepository.update, which writes them to the journey and its
 * incentives). Its schema (patch.schema.ts) requires all of them but operator_trip_id. The identities, the driver's
 * revenue and the passenger's contribution, seats and payments cannot be corrected: cancel the journey and send it
 * again under a new id. The schema also accepts operator_id (replaced by the token's operator) and
 * incentive_counterparts, which the update writes to a column that does not exist: the registry fails (500).
 */
export const CORRECTABLE_FIELDS = ['operator_trip_id', 'operator_class', 'start', 'end', 'distance', 'incentives'];
/** What Create may send (incentive_counterparts is accepted there, and not stored). */
const JOURNEY_FIELDS = [
	...CORRECTABLE_FIELDS,
	'operator_id',
	'incentive_counterparts',
	'operator_journey_id',
	'licence_plate',
	'driver',
	'passenger',
];

/** The fields that create and update share: class, trip id, start, end, distance, incentives. */
function journeyCore(problems: Problems, journey: IDataObject, now: number): void {
	if (!['A', 'B', 'C'].includes(journey.operator_class as string)) {
		problems.push(`operator_class must be A, B or C (got ${describe(journey.operator_class)})`);
	}
	position(problems, 'start', journey.start);
	position(problems, 'end', journey.end);
	timeline(problems, journey.start, journey.end, now);
	integer(problems, 'distance', journey.distance, 1, 1000000, ' metres');
	incentiveList(problems, 'incentives', journey.incentives, false);
	if (journey.operator_id !== undefined) integer(problems, 'operator_id', journey.operator_id, 1, 2147483647);
}

export function validateJourney(journey: IDataObject, now = Date.now()): Problems {
	const problems: Problems = [];
	onlyKeys(problems, '', journey, JOURNEY_FIELDS);
	text(problems, 'operator_journey_id', journey.operator_journey_id);
	text(problems, 'operator_trip_id', journey.operator_trip_id);
	journeyCore(problems, journey, now);
	// The schema allows 256 characters but the registry's database column holds 32.
	text(problems, 'licence_plate', journey.licence_plate, 32, false);

	const { driver, passenger } = journey;
	if (!isObject(driver)) {
		problems.push(`driver must be an object with identity and revenue (got ${describe(driver)})`);
	} else {
		onlyKeys(problems, 'driver', driver, ['identity', 'revenue']);
		identity(problems, 'driver.identity', driver.identity, false);
		integer(problems, 'driver.revenue', driver.revenue, 0, 1000000, ' cents');
	}
	if (!isObject(passenger)) {
		problems.push(`passenger must be an object with identity and contribution (got ${describe(passenger)})`);
	} else {
		onlyKeys(problems, 'passenger', passenger, ['identity', 'contribution', 'seats', 'payments']);
		identity(problems, 'passenger.identity', passenger.identity, true);
		integer(problems, 'passenger.contribution', passenger.contribution, 0, 1000000, ' cents');
		if (passenger.seats !== undefined) integer(problems, 'passenger.seats', passenger.seats, 1, 8);
		if (passenger.payments !== undefined) incentiveList(problems, 'passenger.payments', passenger.payments, true);
	}
	return problems;
}

export function validateJourneyUpdate(update: IDataObject, now = Date.now()): Problems {
	const problems: Problems = [];
	onlyKeys(problems, '', update, CORRECTABLE_FIELDS);
	text(problems, 'operator_trip_id', update.operator_trip_id, 256, false);
	journeyCore(problems, update, now);
	return problems;
}

export function validateJourneyId(id: unknown, field = 'Operator Journey ID'): Problems {
	return typeof id === 'string' && id.trim().length >= 1 && id.length <= 256
		? []
		: [`${field} must be a text of 1 to 256 characters (got ${describe(id)})`];
}

export function validateCancel(code: unknown, message: unknown): Problems {
	const problems: Problems = [];
	if (typeof code !== 'string' || !CANCEL_CODE.test(code)) {
		problems.push(`code must be 1 to 32 letters, digits, "-" or "_" (got ${describe(code)})`);
	}
	if (message !== undefined && message !== '' && (typeof message !== 'string' || message.length > 512)) {
		problems.push(`message must be a text of at most 512 characters`);
	}
	return problems;
}
