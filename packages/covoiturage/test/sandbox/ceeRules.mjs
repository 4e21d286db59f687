// The rules of the CEE routes that do not depend on the sandbox's state (covoiturage-gouv-fr/mono
// api/src/pdc/services/cee/config/rules.ts, providers/CeeRepositoryProvider.ts, carpool/helpers/castStatus.ts),
// and the journeys the tests and the CEE example seed.

const DAY = 24 * 3600e3;

// config/rules.ts applicationCooldownConstraint: how far back an earlier application counts, in years, for
// applications imported from the operators' history (specific, and only after a date) and those registered
// through the API (standardized).
export const COOLDOWN = {
	short: { specific: { years: 3, after: Date.parse('2020-01-01T00:00:00+0100') }, standardized: { years: 5 } },
	long: { specific: { years: 10, after: Date.parse('2015-01-01T00:00:00+0100') }, standardized: { years: 12 } },
};

/** `timestamp - n * interval '1 year'` in Postgres: the same day n years earlier. */
function yearsBefore(instant, years) {
	const date = new Date(instant);
	date.setUTCFullYear(date.getUTCFullYear() - years);
	return date.getTime();
}

/**
 * Roughly where the registry's geocoding (CarpoolAcquisitionService.processGeo → positionToInsee) puts a position:
 * inside France (metropolitan, Corsica, the five overseas departments) an INSEE code, elsewhere a code starting
 * with 99. Boxes, not borders: enough for the sandbox's journeys.
 */
const FRANCE = [
	[41.3, 51.1, -5.2, 9.6],
	[15.8, 16.6, -61.9, -60.9],
	[14.3, 14.95, -61.3, -60.75],
	[2, 6, -54.7, -51.5],
	[-21.5, -20.8, 55.1, 55.9],
	[-13.1, -12.6, 45, 45.35],
];
export const geoCodeOf = ({ lat, lon }) =>
	FRANCE.some(([south, north, west, east]) => lat >= south && lat <= north && lon >= west && lon <= east) ? 'FR' : '99';

// castStatus.ts castToStatusEnum, from the columns a query read (FindCeeAction's reads no anomaly_status).
export function statusOf({ acquisition, fraud, anomaly }) {
	if (!acquisition) return 'unknown';
	if (acquisition === 'canceled') return 'canceled';
	if (acquisition === 'expired' || acquisition === 'terms_violation_error') return 'terms_violation_error';
	if (acquisition === 'failed') return 'acquisition_error';
	if (acquisition === 'processed' && anomaly === 'passed' && fraud === 'passed') return 'ok';
	if (fraud === 'failed') return 'fraud_error';
	if (anomaly === 'failed') return 'anomaly_error';
	return 'pending';
}

// The identity match of every query: the licence, the identity key, or the truncated last name and phone of an
// application without an identity key (SQL: a NULL never equals).
export const sameDriver = (row, driver) =>
	(driver.driving_license != null && row.driving_license === driver.driving_license) ||
	(driver.identity_key != null && row.identity_key === driver.identity_key) ||
	(row.identity_key == null && row.last_name_trunc === driver.last_name_trunc && row.phone_trunc === driver.phone_trunc);

/** Whether an earlier application counts against this one, by the cooldowns of config/rules.ts. */
export const counts = (row, journeyType, datetime) => {
	const cooldown = COOLDOWN[journeyType];
	return row.is_specific
		? row.datetime >= yearsBefore(datetime, cooldown.specific.years) && row.datetime >= cooldown.specific.after
		: row.datetime >= yearsBefore(datetime, cooldown.standardized.years);
};

/** The journey the CEE example workflow applies for (examples/covoiturage-cee-register-drivers.json). */
export const CEE_EXAMPLE_JOURNEY_ID = 'cee-example-1';

/**
 * A journey as the sandbox stores it, for `seed`: one driver (phone_trunc +336123456, as the example's 06 12 34 56
 * 78), class C, `distance` metres in Lyon unless placed elsewhere, ended `endedDaysAgo` days ago after 30 minutes.
 */
export function ceeJourney(id, { endedDaysAgo = 10, distance = 12_000, start = { lat: 45.764, lon: 4.8357 }, end = { lat: 45.75, lon: 4.85 }, driverPhoneTrunc = '+336123456' } = {}) {
	const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const ended = Date.now() - endedDaysAgo * DAY;
	return {
		operator_journey_id: id,
		operator_trip_id: `trip-${id}`,
		operator_class: 'C',
		start: { datetime: iso(ended - 1800e3), ...start },
		end: { datetime: iso(ended), ...end },
		distance,
		incentives: [],
		driver: { identity: { identity_key: 'a'.repeat(64), operator_user_id: `driver-${id}`, phone_trunc: driverPhoneTrunc }, revenue: 300 },
		passenger: { identity: { identity_key: 'b'.repeat(64), operator_user_id: `passenger-${id}`, phone_trunc: '+337111213', over_18: true }, contribution: 200 },
	};
}
