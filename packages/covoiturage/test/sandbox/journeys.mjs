// The routes of one journey or of a new one: create (with its checks and terms of use), status, patch and cancel.
import { rpcError, send } from './http.mjs';
import { parisDay } from './dates.mjs';
import { castPhone, castPhoneTrunc, isObject, schemaErrors, stripTags } from './schema.mjs';
import { journeyStatus } from './status.mjs';
import { SANDBOX_OPERATOR_ID } from './tokens.mjs';

const HOUR = 3600e3;

export function journeyRoutes(state, { journeysPerSecond }) {
	function createJourney(journey, res) {
		if (journeysPerSecond !== undefined) {
			const now = Date.now();
			if (now - state.journeyWindow.start >= 1000) state.journeyWindow = { start: now, count: 0 };
			if (++state.journeyWindow.count > journeysPerSecond) {
				state.rateLimited++;
				return send(res, 429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': '1' });
			}
		}
		// The create route validates in its handler, after its middlewares: copyGroupIdAndApplyGroupPermissionMiddlewares
		// keeps an operator_id given in the body (preserve) and HasPermissionByScope refuses another operator's.
		if (isObject(journey) && journey.operator_id !== undefined && journey.operator_id !== SANDBOX_OPERATOR_ID) {
			return send(res, 403, rpcError(-32503, 'Forbidden Error', 'Invalid permissions'));
		}
		const errors = schemaErrors(journey);
		if (errors.length) return send(res, 400, rpcError(-32602, 'Invalid params', errors));
		// CreateJourneyAction.validateParams, in its order: dates, then a phone or a truncated phone for each person.
		const start = Date.parse(journey.start.datetime);
		const end = Date.parse(journey.end.datetime);
		if (end > Date.now() || start > end) {
			return send(res, 422, rpcError(-32700, 'Parse error', 'Journeys cannot happen in the future'));
		}
		for (const person of ['driver', 'passenger']) {
			const identity = journey[person].identity;
			if (!identity.phone && !identity.phone_trunc) {
				return send(res, 400, rpcError(-32600, 'Invalid Request', `${person}.identity should have a phone or phone_trunc`));
			}
		}
		// CarpoolRepository.register inserts into columns narrower than the schema allows (migration
		// 20190101100100-application.sql): licence_plate varchar(32), *_travelpass_user_id varchar(128). Postgres
		// refuses the row before any conflict check; the route answers its message (500).
		const tooLong = [
			[journey.licence_plate, 32],
			[journey.driver.identity.travel_pass?.user_id, 128],
			[journey.passenger.identity.travel_pass?.user_id, 128],
		].find(([value, size]) => typeof value === 'string' && value.length > size);
		if (tooLong) {
			return send(res, 500, { jsonrpc: '2.0', id: 1, error: { message: `value too long for type character varying(${tooLong[1]})` } });
		}
		const id = stripTags(journey.operator_journey_id);
		const existing = state.journeys.get(id);
		if (existing) {
			// CarpoolAcquisitionService.registerRequest puts the Date of the row in a template string: its toString(),
			// not ISO ("Mon Nov 23 2026 22:16:38 GMT+0000 (Coordinated Universal Time)").
			return send(res, 409, rpcError(-32509, 'Conflict', `Carpool already registered at ${new Date(existing.created_at)}`));
		}
		const fraction = wholeCentsError(journey.incentives);
		if (fraction) return send(res, 500, fraction);
		for (const person of ['driver', 'passenger']) {
			const identity = journey[person].identity;
			if (identity.phone !== undefined) identity.phone = castPhone(identity.phone);
			if (identity.phone_trunc !== undefined) identity.phone_trunc = castPhoneTrunc(identity.phone_trunc);
		}
		const termsViolations = verifyTermsViolation(journey, start, end);
		const record = addRecord(id, journey, {
			acquisition: termsViolations.length ? 'terms_violation_error' : 'received',
			termsViolations,
		});
		if (termsViolations.length) {
			return send(res, 422, rpcError(-32422, 'Unprocessable Request', { terms_violation_labels: termsViolations }));
		}
		send(res, 201, { jsonrpc: '2.0', id: 1, result: { meta: null, data: { operator_journey_id: id, created_at: record.created_at } } });
	}

	/**
	 * CarpoolAcquisitionService.verifyTermsViolation (l.38-89), with CarpoolLookupRepository.countJourneyBy. The
	 * journey being sent has no status row yet (its JOIN leaves it out); the status filter (l.37, `<> ANY('{canceled,
	 * expired,terms_violation_error}')`) is true for every status, so canceled journeys still count: a journey
	 * canceled and sent again under a new id meets its own canceled copy (too_close_trips under another trip id, one
	 * trip more that day under the same).
	 */
	function verifyTermsViolation(journey, start, end) {
		const labels = [];
		// date-fns differenceInHours truncates: a journey sent 24 h 59 min after its start is not late.
		if (Math.trunc((Date.now() - start) / HOUR) > 24) labels.push('expired');
		if (journey.distance < 2000) labels.push('distance_too_short');
		const keys = [journey.driver.identity.identity_key, journey.passenger.identity.identity_key];
		const stored = journeysOf(keys);
		const involves = (other, both) =>
			both
				? keys.includes(other.driver?.identity?.identity_key) && keys.includes(other.passenger?.identity?.identity_key)
				: keys.includes(other.driver?.identity?.identity_key) || keys.includes(other.passenger?.identity?.identity_key);
		const distinctTrips = (journeys) => new Set(journeys.map((other) => other.operator_trip_id)).size;
		// Trips of the same Paris day involving either person: 4 others and the journey is one too many.
		const day = parisDay(start);
		const sameDay = stored.filter((other) => {
			const otherStart = Date.parse(other.start.datetime);
			return involves(other, false) && otherStart >= day.start && otherStart < day.end;
		});
		if (distinctTrips(sameDay) >= 4) labels.push('too_many_trips_by_day');
		// Another trip of the same two people starting, or ending, within 30 minutes of this one.
		const close = stored.filter((other) => {
			if (!involves(other, true) || other.operator_trip_id === journey.operator_trip_id) return false;
			const otherStart = Date.parse(other.start.datetime);
			const otherEnd = Date.parse(other.end.datetime);
			return (otherStart >= start && otherStart < end + 1800e3) || (otherEnd >= start - 1800e3 && otherEnd < end);
		});
		if (distinctTrips(close) >= 1) labels.push('too_close_trips');
		return labels;
	}

	/**
	 * CarpoolRepository.syncIncentives (l.189-203), from register and update: the incentives go to
	 * carpool_v2.operator_incentives, whose amount is an integer column (migration 20190101100100-application.sql
	 * l.746-752), although the schema accepts any number. Postgres refuses a fraction, the transaction is rolled
	 * back (nothing stored) and the route answers the error's message (500).
	 */
	function wholeCentsError(incentives) {
		const fraction = (incentives ?? []).find((incentive) => !Number.isInteger(incentive.amount));
		if (!fraction) return undefined;
		return { jsonrpc: '2.0', id: 1, error: { message: `invalid input syntax for type integer: "${fraction.amount}"` } };
	}

	/**
	 * The stored journeys of these identity keys. The registry's counts are SQL queries on indexed columns; reading
	 * every stored journey instead would make each new journey slower than the last (10,000 in one run).
	 */
	function journeysOf(keys) {
		const ids = new Set(keys.flatMap((key) => [...(state.journeysByIdentity.get(key) ?? [])]));
		return [...ids].map((id) => state.journeys.get(id)?.journey).filter(Boolean);
	}

	function indexJourney(id, journey) {
		for (const person of ['driver', 'passenger']) {
			const key = journey?.[person]?.identity?.identity_key;
			if (!key) continue;
			if (!state.journeysByIdentity.has(key)) state.journeysByIdentity.set(key, new Set());
			state.journeysByIdentity.get(key).add(id);
		}
	}

	// CarpoolRepository.register and CarpoolStatusRepository: a stored journey and its status columns.
	function addRecord(id, journey, { acquisition = 'received', fraud = 'pending', anomaly = 'pending', termsViolations = [] } = {}) {
		const record = {
			journey,
			created_at: new Date().toISOString(),
			acquisition,
			fraud,
			anomaly,
			termsViolations,
			journey_id: String(100000 + state.journeys.size),
			// Its places (carpool_v2.geo), computed when the registry processes it (CarpoolAcquisitionService.processGeo).
			located: acquisition === 'processed',
		};
		state.journeys.set(id, record);
		indexJourney(id, journey);
		return record;
	}

	/** GET, PATCH /journeys/{id} and POST /journeys/{id}/cancel. */
	function journeyRoute(name, id, body, res) {
		const record = state.journeys.get(id);
		if (name === 'status') {
			return record ? send(res, 200, journeyStatus(record, id)) : send(res, 404, rpcError(-32504, 'Not found'));
		}
		if (name === 'patch') {
			const errors = schemaErrors(body, { patch: true });
			if (errors.length) return send(res, 400, rpcError(-32602, 'Invalid params', errors));
			// PatchJourneyAction.convertPayloadToRequest spreads the body into the update; CarpoolRepository.update
			// writes each field as a column. incentive_counterparts has none: Postgres fails, the route answers its
			// message (500). operator_id is replaced by the token's operator.
			if ('incentive_counterparts' in body) {
				return send(res, 500, { jsonrpc: '2.0', id: 1, error: { message: 'column "incentive_counterparts" of relation "carpools" does not exist' } });
			}
			if (!record) return send(res, 404, rpcError(-32504, 'Not found', 'No record has been updated'));
			// CarpoolRepository.update then replaces the incentives (syncIncentives): a fraction fails as on create.
			const fraction = wholeCentsError(body.incentives);
			if (fraction) return send(res, 500, fraction);
			const { operator_id: _ignored, operator_journey_id: _fromUrl, ...stored } = body;
			Object.assign(record.journey, stored);
			indexJourney(id, record.journey);
			// CarpoolAcquisitionService.patchCarpool (l.165-201): acquisition "updated" through the overwriting upsert
			// CarpoolStatusRepository.setStatus (l.52-70), whatever it was: a canceled journey comes back, a terms
			// violation becomes pending (castStatus.ts) while its labels stay (the terms are only checked on create,
			// registerRequest l.121). Fraud and anomaly checks are to do again.
			Object.assign(record, { acquisition: 'updated', fraud: 'pending', anomaly: 'pending' });
			// patchCarpool also deletes the journey's places (geoRepository.delete): located again when processed.
			record.located = false;
			return send(res, 200);
		}
		// cancel: contracts/cancel.schema.ts (code required, message ≤ 512, nothing else)
		const cancelErrors = [];
		if (!isObject(body) || typeof body.code !== 'string') cancelErrors.push(": must have required property 'code'");
		else {
			if (!/^[0-9A-Za-z_-]{0,32}$/.test(body.code)) cancelErrors.push('/code: must match pattern "^[0-9A-Za-z_-]{0,32}$"');
			if (body.message !== undefined && (typeof body.message !== 'string' || body.message.length > 512)) cancelErrors.push('/message: must NOT have more than 512 characters');
			for (const key of Object.keys(body)) if (!['code', 'message', 'operator_journey_id'].includes(key)) cancelErrors.push(': must NOT have additional properties');
		}
		if (cancelErrors.length) return send(res, 400, rpcError(-32602, 'Invalid params', cancelErrors));
		if (!record) return send(res, 404, rpcError(-32504, 'Not found'));
		record.acquisition = 'canceled'; // CarpoolAcquisitionService.cancelRequest
		return send(res, 200, { jsonrpc: '2.0', id: 1 });
	}

	return { createJourney, addRecord, journeyRoute };
}
