// POST /exports (covoiturage-gouv-fr/mono api/src/pdc/services/export/actions/CreateActionV3.ts): its middlewares in
// their order, its schema (contracts/create.schema.ts) and the export it stores. The file itself is made later by a
// command (commands/ProcessCommand.ts) and e-mailed; the API has no route to follow it. Answers are not JSON-RPC.
import { randomUUID } from 'node:crypto';

import { isAjvDateTime } from './dates.mjs';
import { send } from './http.mjs';
import { isObject, stripTags } from './schema.mjs';

const DAY = 24 * 3600e3;
// validator/types.ts lists PostgreSQL's time zones (pg_timezone_names); the sandbox takes the ones Node knows.
const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
// TerritoryCodeEnum: the keys geo_selector may have.
const AREA_TYPES = ['arr', 'com', 'epci', 'aom', 'reg', 'dep', 'reseau', 'country'];
const KEYS = ['tz', 'start_at', 'end_at', 'created_by', 'operator_id', 'territory_id', 'recipients', 'geo_selector'];

// date-fns startOfDay / endOfDay, in the server's time zone (taken as UTC here).
const startOfDay = (instant) => new Date(Math.floor(instant / DAY) * DAY);
const endOfDay = (instant) => new Date(Math.floor(instant / DAY) * DAY + DAY - 1);

function schemaErrors(params) {
	const errors = [];
	for (const key of Object.keys(params)) if (!KEYS.includes(key)) errors.push(': must NOT have additional properties');
	for (const key of ['tz', 'start_at', 'end_at']) if (params[key] === undefined) errors.push(`: must have required property '${key}'`);
	if (params.tz !== undefined && (typeof params.tz !== 'string' || !TIME_ZONES.has(params.tz))) errors.push('/tz: must be equal to one of the allowed values');
	for (const key of ['start_at', 'end_at']) {
		const value = params[key];
		if (value === undefined) continue;
		if (typeof value !== 'string') errors.push(`/${key}: must be string`);
		else if (value.length > 64) errors.push(`/${key}: must NOT have more than 64 characters`);
		else if (!isAjvDateTime(value)) errors.push(`/${key}: must match format "date-time"`);
	}
	const { recipients, geo_selector: area } = params;
	if (recipients !== undefined) {
		if (recipients.length > 24) errors.push('/recipients: must NOT have more than 24 items');
		recipients.forEach((recipient, index) => {
			if (typeof recipient !== 'string') errors.push(`/recipients/${index}: must be string`);
			else if (recipient.length > 256) errors.push(`/recipients/${index}: must NOT have more than 256 characters`);
			else if (stripTags(recipient).length < 1) errors.push(`/recipients/${index}: must NOT have fewer than 1 characters`);
		});
	}
	if (area !== undefined) {
		if (!isObject(area)) errors.push('/geo_selector: must be object');
		else {
			for (const [type, codes] of Object.entries(area)) {
				if (!AREA_TYPES.includes(type)) errors.push('/geo_selector: must be equal to one of the allowed values', '/geo_selector: property name must be valid');
				if (!Array.isArray(codes)) errors.push(`/geo_selector/${type}: must be array`);
				else codes.forEach((code, index) => typeof code !== 'string' && errors.push(`/geo_selector/${type}/${index}: must be string`));
			}
		}
	}
	return errors;
}

// ExportRecipient.fromEmail: "Name <address>" or an address (after the varchar macro stripped HTML tags).
function recipientOf(text) {
	const named = text.includes('<') && text.includes('>') ? /(.*)<(.*)>/.exec(text) : null;
	return named ? { fullname: named[1].trim(), email: named[2] } : { fullname: '', email: text };
}

export function exportRoutes(state, { exportMinStartMs, exportMaxEndMs }) {
	function createExport(body, operator, res) {
		const params = isObject(body) ? { ...body } : {};
		// hasPermissionMiddleware("common.export.create"): an operator's token has it (its role's "common"
		// permissions, auth/config/permissions.ts); without a token there are none.
		if (!operator) return send(res, 403, 'Invalid permissions');
		// DefaultTimezoneMiddleware, then copyFromContextMiddleware: created_by from the user's _id (an API
		// credential has none), operator_id replaced by the token's operator; castToArrayMiddleware.
		params.tz ??= 'Europe/Paris';
		params.operator_id = [operator];
		if (params.recipients !== undefined && !Array.isArray(params.recipients)) params.recipients = [params.recipients];
		// ValidateDateMiddleware, before the schema: the dates are still the request's texts. `text > text` compares
		// them as text; `text < Date` is always false (the text is no number), so the 3-year and 5-day bounds never
		// refuse a date. Only a missing date is refused.
		const minStart = startOfDay(Date.now() - exportMinStartMs);
		const maxEnd = endOfDay(Date.now() - exportMaxEndMs);
		const { start_at: startDate, end_at: endDate } = params;
		if (startDate && endDate && startDate > endDate) return send(res, 400, 'Start should be before end');
		if ((startDate && startDate < minStart) || !startDate) return send(res, 400, `Start should be after ${minStart.toDateString()}`);
		if ((endDate && endDate > maxEnd) || !endDate) return send(res, 400, `End should be before ${maxEnd.toDateString()}`);
		const errors = schemaErrors(params);
		if (errors.length) return send(res, 400, errors);
		// The handler: recipients, or the creator (RecipientService.maybeAddCreator finds no user without created_by).
		const recipients = (params.recipients ?? []).map((recipient) => recipientOf(stripTags(recipient)));
		if (!recipients.length) return send(res, 400, 'No recipient found! You must set "created_by" or "recipients"');
		const stored = {
			uuid: randomUUID(),
			target: 'operator', // Export.target: the user has an operator_id
			status: 'pending',
			recipients,
			params: {
				tz: params.tz,
				start_at: new Date(params.start_at).toISOString(),
				end_at: new Date(params.end_at).toISOString(),
				operator_id: params.operator_id,
				geo_selector: params.geo_selector ?? null, // TerritoryService.resolve: the selector as given, or none
			},
		};
		state.exports.push(stored);
		const { uuid, target, status } = stored;
		send(res, 201, { uuid, target, status, start_at: stored.params.start_at, end_at: stored.params.end_at });
	}

	return { createExport };
}
