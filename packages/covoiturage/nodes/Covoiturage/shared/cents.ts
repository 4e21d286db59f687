import type { IDataObject } from 'n8n-workflow';

import { isObject } from './problems';

/**
 * Amounts in cents are whole numbers at the registry: incentives go to an integer column
 * (carpool_v2.operator_incentives.amount, migration 20190101100100-application.sql; CarpoolRepository.syncIncentives),
 * where a fraction fails the whole journey with a 500, although the schema lets any number through; payments,
 * revenue and contribution are integers in the schema (400). A workflow that maps euros to cents multiplies by
 * 100, and JavaScript's numbers make most such products a hair off a whole number: 1.15 * 100 is
 * 114.99999999999999. Such a value is rounded to the whole number it is meant to be; any other fraction is left
 * as it is, for the checks (journeyValidation.ts) to refuse it naming the field.
 */

/**
 * How far from a whole number a value of cents may be and still be read as it. Products of euros (two decimals)
 * by 100 up to the registry's largest amount (1,000,000 cents) are off by less than 1e-9; a fraction of a cent
 * that anyone means (115.5 cents, 115.01) is far more.
 */
const ROUNDING_NOISE = 1e-6;

/** `value` as a whole number of cents when it is one up to rounding noise; anything else as it is. */
export function wholeCents(value: unknown): unknown {
	if (typeof value !== 'number' || !Number.isFinite(value)) return value;
	const whole = Math.round(value);
	return Math.abs(value - whole) < ROUNDING_NOISE ? whole : value;
}

function round(object: unknown, key: string): void {
	if (isObject(object) && key in object) object[key] = wholeCents(object[key]) as number;
}

function roundEntries(list: unknown): void {
	if (Array.isArray(list)) for (const entry of list) round(entry, 'amount');
}

/**
 * Rounds, in place, the amounts in cents of a journey (Create) or of a correction (Update): incentives, the
 * passenger's payments, the driver's revenue and the passenger's contribution.
 */
export function roundCents(journey: IDataObject): IDataObject {
	roundEntries(journey.incentives);
	round(journey.driver, 'revenue');
	round(journey.passenger, 'contribution');
	if (isObject(journey.passenger)) roundEntries(journey.passenger.payments);
	return journey;
}
