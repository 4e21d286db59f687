// The create and patch schemas as the registry's Ajv validator reports them, and its phone casts.
import { isAjvDateTime } from './dates.mjs';

export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
export const stripTags = (value) => (typeof value === 'string' ? value.replace(/<[^>]*>/g, '') : value);

// The create/patch schema, as Ajv reports it: "<instancePath>: <message>".
export function schemaErrors(journey, { patch = false } = {}) {
	const errors = [];
	const add = (path, message) => errors.push(`${path}: ${message}`);
	const varchar = (path, value, required) => {
		if (value === undefined) {
			if (required) add(path.replace(/\/[^/]+$/, '') || '', `must have required property '${path.split('/').pop()}'`);
			return;
		}
		if (typeof value !== 'string') return add(path, 'must be string');
		if (stripTags(value).length < 1) add(path, 'must NOT have fewer than 1 characters');
		if (value.length > 256) add(path, 'must NOT have more than 256 characters');
	};
	const integer = (path, value, min, max, required = true) => {
		if (value === undefined) return required && add(path.replace(/\/[^/]+$/, ''), `must have required property '${path.split('/').pop()}'`);
		if (!Number.isInteger(value)) return add(path, 'must be integer');
		if (value < min) add(path, `must be >= ${min}`);
		if (value > max) add(path, `must be <= ${max}`);
	};
	const position = (path, value) => {
		if (!isObject(value)) return add(path, 'must be object');
		for (const key of Object.keys(value)) if (!['datetime', 'lat', 'lon'].includes(key)) add(path, 'must NOT have additional properties');
		if (Object.keys(value).length < 3) add(path, 'must NOT have fewer than 3 properties');
		// timestamp macro: ajv-formats date-time (seconds and time zone required), at most 64 characters.
		if (typeof value.datetime !== 'string') add(`${path}/datetime`, 'must be string');
		else {
			if (value.datetime.length > 64) add(`${path}/datetime`, 'must NOT have more than 64 characters');
			if (!isAjvDateTime(value.datetime)) add(`${path}/datetime`, 'must match format "date-time"');
		}
		if (typeof value.lat !== 'number' || value.lat < -90 || value.lat > 90) add(`${path}/lat`, 'must be number between -90 and 90');
		if (typeof value.lon !== 'number' || value.lon < -180 || value.lon > 180) add(`${path}/lon`, 'must be number between -180 and 180');
	};
	const entries = (path, value, withType) => {
		if (!Array.isArray(value)) return add(path, 'must be array');
		if (value.length > 20) add(path, 'must NOT have more than 20 items');
		value.forEach((entry, i) => {
			if (!isObject(entry)) return add(`${path}/${i}`, 'must be object');
			integer(`${path}/${i}/index`, entry.index, 0, 19);
			if (typeof entry.siret !== 'string' || !/^[0-9]{14}$/.test(entry.siret)) add(`${path}/${i}/siret`, 'must match pattern "^[0-9]{14}$"');
			if (withType) varchar(`${path}/${i}/type`, entry.type, true);
			// shared/common/schemas/payment.ts: a payment's amount is an integer. createJourneyCommon.ts incentiveSchema:
			// an incentive's is any number (its column is not: see journeys.mjs, wholeCentsError).
			if (withType) integer(`${path}/${i}/amount`, entry.amount, 0, 100000);
			else if (typeof entry.amount !== 'number' || entry.amount < 0 || entry.amount > 100000) add(`${path}/${i}/amount`, 'must be <= 100000');
		});
	};
	const identity = (path, value) => {
		if (!isObject(value)) return add(path, 'must be object');
		const allowed = ['identity_key', 'operator_user_id', 'phone', 'phone_trunc', 'travel_pass', 'over_18', 'firstname', 'lastname', 'company', 'email'];
		for (const key of Object.keys(value)) if (!allowed.includes(key)) add(path, 'must NOT have additional properties');
		if (typeof value.identity_key !== 'string' || !/^[a-f0-9]{64}$/.test(value.identity_key)) add(`${path}/identity_key`, 'must match pattern "^[a-f0-9]{64}$"');
		varchar(`${path}/operator_user_id`, value.operator_user_id, true);
		if (value.phone_trunc !== undefined && (typeof value.phone_trunc !== 'string' || !/^\+[0-9]{6,18}$/.test(value.phone_trunc))) add(`${path}/phone_trunc`, 'must match format "phonetrunc"');
		if (value.phone !== undefined && (typeof value.phone !== 'string' || !/^\+?[0-9]{9,19}$/.test(value.phone.replace(/\s/g, '')))) add(`${path}/phone`, 'must match format "phone"');
		if (![undefined, true, false, null].includes(value.over_18)) add(`${path}/over_18`, 'must be equal to one of the allowed values');
		// createJourneyCommon.ts travelPassSchema: both fields (minProperties 2), name "navigo", user_id a varchar (≤ 256).
		if (value.travel_pass !== undefined) {
			const pass = value.travel_pass;
			if (!isObject(pass)) add(`${path}/travel_pass`, 'must be object');
			else {
				for (const key of Object.keys(pass)) if (!['name', 'user_id'].includes(key)) add(`${path}/travel_pass`, 'must NOT have additional properties');
				if (Object.keys(pass).length < 2) add(`${path}/travel_pass`, 'must NOT have fewer than 2 properties');
				if (pass.name !== undefined && pass.name !== 'navigo') add(`${path}/travel_pass/name`, 'must be equal to one of the allowed values');
				varchar(`${path}/travel_pass/user_id`, pass.user_id, false);
			}
		}
	};

	if (!isObject(journey)) return ['/: must be object'];
	const allowed = patch
		? ['operator_id', 'operator_journey_id', 'operator_trip_id', 'operator_class', 'start', 'end', 'distance', 'incentives', 'incentive_counterparts']
		: ['operator_id', 'operator_journey_id', 'operator_trip_id', 'operator_class', 'start', 'end', 'distance', 'incentives', 'licence_plate', 'driver', 'passenger', 'incentive_counterparts'];
	for (const key of Object.keys(journey)) if (!allowed.includes(key)) add('', 'must NOT have additional properties');
	if (!patch) varchar('/operator_journey_id', journey.operator_journey_id, true);
	varchar('/operator_trip_id', journey.operator_trip_id, !patch);
	if (!['A', 'B', 'C'].includes(journey.operator_class)) add('/operator_class', 'must be equal to one of the allowed values');
	position('/start', journey.start);
	position('/end', journey.end);
	if (typeof journey.distance !== 'number' || !Number.isInteger(journey.distance)) add('/distance', 'must be integer');
	else if (journey.distance <= 0 || journey.distance > 1000000) add('/distance', 'must be > 0');
	entries('/incentives', journey.incentives, false);
	if (patch) return errors;
	if (journey.licence_plate !== undefined) varchar('/licence_plate', journey.licence_plate, false);
	if (!isObject(journey.driver)) add('/driver', 'must be object');
	else {
		identity('/driver/identity', journey.driver.identity);
		integer('/driver/revenue', journey.driver.revenue, 0, 1000000);
	}
	if (!isObject(journey.passenger)) add('/passenger', 'must be object');
	else {
		identity('/passenger/identity', journey.passenger.identity);
		integer('/passenger/contribution', journey.passenger.contribution, 0, 1000000);
		integer('/passenger/seats', journey.passenger.seats, 1, 8, false);
		if (journey.passenger.payments !== undefined) entries('/passenger/payments', journey.passenger.payments, true);
	}
	return errors;
}

// providers/validator/lib/phone.ts (the phone and phonetrunc casts): libphonenumber-js with France as the default
// country. A national number always becomes +33, overseas ones too (0690… → +33690…): its metadata for France does
// not send them to +590 and the others. Numbers given with their country code are kept.
export function castPhone(phone) {
	const compact = phone.replace(/[\s.\-()]/g, '');
	return /^0[1-9]\d{8}$/.test(compact) ? `+33${compact.slice(1)}` : compact;
}
export const castPhoneTrunc = (phoneTrunc) => castPhone(`${phoneTrunc}00`).slice(0, -2);
