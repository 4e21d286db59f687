// The CEE routes' schemas as the registry's Ajv validator reports them ("<instancePath>: <message>", with the
// errorMessage of each property, ajv-errors): cee/contracts/common/ceeSchema.ts, registerApplication.schema.ts,
// simulateApplication.schema.ts, findApplication.schema.ts and deleteApplication.schema.ts.
import { isAjvDateTime } from './dates.mjs';
import { isObject, stripTags } from './schema.mjs';

const DRIVING_LICENSE_FORMS = [
	[/^[0-9]{12}$/, 12, 12],
	[/^[A-Z0-9]{1,15}[0-9]{4}$/, 5, 19],
	[/^[A-Z0-9]{1,15}$/, 1, 15],
	[/^99-.*$/, 4, 64],
];

// Each property's check, and the message that replaces its errors (errorMessage).
const PROPERTIES = {
	journey_type: [(value) => value === 'short' || value === 'long', 'must be either short or long'],
	driving_license: [
		(value) => typeof value === 'string' && DRIVING_LICENSE_FORMS.some(([form, min, max]) => value.length >= min && value.length <= max && form.test(value)),
		'must be a valid driving_license_id',
	],
	last_name_trunc: [(value) => typeof value === 'string' && /^[A-Z ]{3}$/.test(value), 'must be 3 caps characters long string'],
	identity_key: [(value) => typeof value === 'string' && /^[a-f0-9]{64}$/.test(value), 'must be a valid identity key'],
	// phonetrunc macro: 8 to 20 characters, a valid phone number once "00" is added (lib/phone.ts, libphonenumber with
	// France as the default country; here its shape only).
	phone_trunc: [(value) => typeof value === 'string' && value.length >= 8 && value.length <= 20 && /^(\+[1-9]\d{7,13}|0[1-9]\d{6,7})$/.test(value.replace(/[\s.-]/g, '')), 'must be a valid truncated phone number'],
	application_timestamp: [(value) => typeof value === 'string' && value.length <= 64 && isAjvDateTime(value), 'must be a valid ISO 8601 UTC date'],
	datetime: [(value) => typeof value === 'string' && value.length <= 64 && isAjvDateTime(value), 'must be a valid ISO 8601 UTC date'],
	// varchar macro: 1 to 256 characters once HTML tags are stripped.
	operator_journey_id: [(value) => typeof value === 'string' && value.length <= 256 && stripTags(value).length >= 1, 'must be a valid operator_journey_id'],
};

// registerApplication.schema.ts: common requirements, then one shape per journey type (if/then, no other keys).
const REGISTER = {
	required: ['journey_type', 'driving_license', 'last_name_trunc', 'application_timestamp', 'identity_key'],
	then: {
		long: { required: ['journey_type', 'driving_license', 'last_name_trunc', 'datetime', 'phone_trunc'], keys: ['application_timestamp', 'journey_type', 'driving_license', 'last_name_trunc', 'identity_key', 'phone_trunc', 'datetime'] },
		short: { required: ['journey_type', 'driving_license', 'last_name_trunc', 'operator_journey_id'], keys: ['application_timestamp', 'journey_type', 'driving_license', 'last_name_trunc', 'identity_key', 'operator_journey_id'] },
	},
};
// simulateApplication.schema.ts
const SIMULATE = { required: ['last_name_trunc', 'phone_trunc', 'journey_type'], keys: ['last_name_trunc', 'phone_trunc', 'journey_type', 'driving_license', 'identity_key'] };

function checkProperties(errors, body, keys) {
	for (const key of keys) {
		if (body[key] === undefined) continue;
		const [valid, message] = PROPERTIES[key];
		if (!valid(body[key])) errors.push(`/${key}: ${message}`);
	}
}

export function ceeSchemaErrors(route, body) {
	if (!isObject(body)) return [': must be object'];
	const errors = [];
	const required = (list) => list.filter((key) => body[key] === undefined).forEach((key) => errors.push(`: must have required property '${key}'`));
	if (route === 'simulate') {
		for (const key of Object.keys(body)) if (!SIMULATE.keys.includes(key)) errors.push(': must NOT have additional properties');
		required(SIMULATE.required);
		checkProperties(errors, body, SIMULATE.keys);
		return errors;
	}
	required(REGISTER.required);
	checkProperties(errors, body, ['application_timestamp', 'journey_type', 'driving_license', 'last_name_trunc', 'identity_key']);
	const shape = REGISTER.then[body.journey_type];
	if (shape) {
		const before = errors.length;
		for (const key of Object.keys(body)) if (!shape.keys.includes(key)) errors.push(': must NOT have additional properties');
		for (const key of shape.required) if (body[key] === undefined && !REGISTER.required.includes(key)) errors.push(`: must have required property '${key}'`);
		checkProperties(errors, body, body.journey_type === 'long' ? ['phone_trunc', 'datetime'] : ['operator_journey_id']);
		if (errors.length > before) errors.push(': must match "then" schema');
	}
	return errors;
}

// findApplication.schema.ts, deleteApplication.schema.ts: the uuid (ajv-formats "uuid", at most 36 characters).
export function uuidErrors(params) {
	const errors = [];
	for (const key of Object.keys(params)) if (key !== 'uuid') errors.push(': must NOT have additional properties');
	const { uuid } = params;
	if (uuid === undefined) errors.push(": must have required property 'uuid'");
	else if (typeof uuid !== 'string' || uuid.length > 36 || !/^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(uuid)) {
		errors.push('/uuid: must be a valid uuid');
	}
	return errors;
}
