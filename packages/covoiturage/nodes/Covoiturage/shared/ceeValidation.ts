import type { IDataObject } from 'n8n-workflow';

import { instantOf } from '../../shared/dates';
import { isRegistryDateTime } from './dates';
import { phoneTrunc } from './journeyValidation';
import { describe, text, type Problems } from './problems';

/**
 * The rules of the registry's CEE routes (covoiturage-gouv-fr/mono api/src/pdc/services/cee/contracts/
 * common/ceeSchema.ts and the schemas of each route), checked before sending: a wrong field fails its own item,
 * named, and nothing is sent. What depends on the registry's data and settings (the journey, earlier applications,
 * the programme's dates, the delay after the journey) is the registry's to check.
 */

/** drivingLicenseSchema: one of four forms. */
const DRIVING_LICENSE_FORMS: Array<[RegExp, number, number]> = [
	[/^[0-9]{12}$/, 12, 12], // since 1975
	[/^[A-Z0-9]{1,15}[0-9]{4}$/, 5, 19], // before 1975
	[/^[A-Z0-9]{1,15}$/, 1, 15], // older ones
	[/^99-.*$/, 4, 64], // a foreign licence
];

const IDENTITY_KEY = /^[a-f0-9]{64}$/;
const LAST_NAME_TRUNC = /^[A-Z ]{3}$/;
/** ajv-formats "uuid", at most 36 characters (ceeApplicationUuidSchema). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function drivingLicense(problems: Problems, value: unknown): void {
	const valid =
		typeof value === 'string' &&
		DRIVING_LICENSE_FORMS.some(([form, min, max]) => value.length >= min && value.length <= max && form.test(value));
	if (!valid) {
		problems.push(
			`driving_license must be a driving licence number: 12 digits (licences since 1975), up to 19 capital letters and digits (older ones), or a foreign licence written "99-" and its number (got ${describe(value)})`,
		);
	}
}

export function identityKey(problems: Problems, value: unknown): void {
	if (typeof value !== 'string' || !IDENTITY_KEY.test(value)) {
		problems.push(`identity_key must be 64 lowercase hex characters (got ${describe(value)})`);
	}
}

export function lastNameTrunc(problems: Problems, value: unknown): void {
	if (typeof value !== 'string' || !LAST_NAME_TRUNC.test(value)) {
		problems.push(
			`last_name_trunc must be the first 3 letters of the last name in capitals, padded with spaces (e.g. "MAR", "TO "), without accents (got ${describe(value)})`,
		);
	}
}

/** A date-time that must have passed (the registry refuses one in the future: "Date should be before 0 days"). */
export function pastDateTime(problems: Problems, path: string, value: unknown, what: string, now = Date.now()): void {
	if (!isRegistryDateTime(value)) {
		problems.push(`${path} (${what}) must be a date and time, e.g. 2025-09-18T06:45:00Z (got ${describe(value)})`);
	} else if (instantOf(value, 'UTC') >= now) {
		problems.push(`${path} (${what}) must be in the past (got ${String(value)})`);
	}
}

/** The ID of a CEE application, as Register gives it. */
export function validateApplicationId(id: unknown): Problems {
	return typeof id === 'string' && UUID.test(id)
		? []
		: [
				`Application ID must be the uuid Register gave, e.g. 8a9d2da9-39e3-4db7-be8e-12b4d2179fda (got ${describe(id)})`,
			];
}

/** The driver's identity as given (Identity: Already Computed), for Register or Simulate. */
export function validateGivenIdentity(
	identity: IDataObject,
	{ identityKeyRequired = true, withPhoneTrunc = true } = {},
): Problems {
	const problems: Problems = [];
	if (identityKeyRequired || identity.identity_key !== undefined) identityKey(problems, identity.identity_key);
	lastNameTrunc(problems, identity.last_name_trunc);
	if (withPhoneTrunc) phoneTrunc(problems, 'phone_trunc', identity.phone_trunc);
	return problems;
}

/** The other fields of POST /policies/cee (registerApplication.schema.ts: one shape for each journey type). */
export function validateRegistration(body: IDataObject, now = Date.now()): Problems {
	const problems: Problems = [];
	if (body.journey_type === 'short') text(problems, 'operator_journey_id', body.operator_journey_id);
	drivingLicense(problems, body.driving_license);
	if (body.journey_type === 'long') {
		pastDateTime(problems, 'datetime', body.datetime, 'the date the costs were shared', now);
	}
	pastDateTime(problems, 'application_timestamp', body.application_timestamp, 'when the driver signed up', now);
	return problems;
}
