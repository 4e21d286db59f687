// The CEE application routes (energy-saving certificates), covoiturage-gouv-fr/mono api/src/pdc/services/cee/:
// register (short and long distance), simulate, find and delete, with the rules of config/rules.ts (their dates
// as options, like the server's environment) and the queries of providers/CeeRepositoryProvider.ts. Their answers
// are not JSON-RPC: registerExpressRoute.ts answers an error's data as it is, or { error: message } without one.
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';

import { send } from './http.mjs';
import { castPhoneTrunc, isObject, stripTags } from './schema.mjs';
import { counts, geoCodeOf, sameDriver, statusOf } from './ceeRules.mjs';
import { ceeSchemaErrors, uuidErrors } from './ceeSchema.mjs';

const DAY = 24 * 3600e3;
/** The sandbox operator's SIRET, signed into tokens (the seed of RegisterCeeAction.integration.spec.ts). */
export const SANDBOX_OPERATOR_SIRET = '89248032800012';

export function ceeRoutes(state, { ceeStartDate, ceeEndDate, ceeDelayDays, operatorId }) {
	const startDate = Date.parse(ceeStartDate);
	const endDate = Date.parse(ceeEndDate);
	// config/signature.ts: the registry's RSA key (APP_CEE_PRIVATE_KEY); the sandbox makes its own.
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const siretOf = (operator) => (operator === operatorId ? SANDBOX_OPERATOR_SIRET : `0000000000000${operator}`.slice(-14));

	// RegisterCeeAction.sign (lib/crypto createSignatory): RSASSA-PKCS1-v1_5 with SHA-512 of
	// "<SIRET>/<journey_type>/<driving_license>/<datetime ISO>", in base64.
	const sign = (row) =>
		createSign('RSA-SHA512')
			.update([siretOf(row.operator_id), row.journey_type, row.driving_license, new Date(row.datetime).toISOString()].join('/'))
			.sign(privateKey, 'base64');

	/**
	 * CeeRepositoryProvider.searchForValidJourney: one of the operator's journeys with this id, of class C, that
	 * started within the programme's dates, at most 80 km, and whose start or end is not abroad. A journey the
	 * registry has not located (geo processed asynchronously; deleted again by a PATCH) has no codes: not found.
	 */
	function validJourney(operatorJourneyId) {
		const record = state.journeys.get(stripTags(operatorJourneyId));
		if (!record || !record.located) return undefined;
		const { journey } = record;
		const start = Date.parse(journey.start.datetime);
		const abroad = geoCodeOf(journey.start) === '99' && geoCodeOf(journey.end) === '99';
		if (journey.operator_class !== 'C' || start < startDate || start >= endDate || journey.distance > 80_000 || abroad) {
			return undefined;
		}
		const driver = journey.driver.identity;
		const already = state.ceeApplications.some((row) => row.operator_id === operatorId && row.operator_journey_id === stripTags(operatorJourneyId));
		return {
			record,
			phone_trunc: driver.phone_trunc ?? driver.phone?.slice(0, -2),
			datetime: Date.parse(journey.end.datetime),
			already_registered: already,
		};
	}

	/**
	 * searchForApplication: the latest application of this journey type that counts, matching the keys the search
	 * has (`identity_key`, `driving_license`, `last_name_trunc` and `phone_trunc`, each only when given).
	 */
	function searchApplication(journeyType, search) {
		const given = {
			identity_key: 'identity_key' in search ? search.identity_key : undefined,
			driving_license: 'driving_license' in search ? search.driving_license : undefined,
			last_name_trunc: search.last_name_trunc,
			phone_trunc: search.phone_trunc,
		};
		return state.ceeApplications
			.filter((row) => row.journey_type === journeyType && counts(row, journeyType, search.datetime) && sameDriver(row, given))
			.sort((a, b) => b.datetime - a.datetime)[0];
	}

	/**
	 * registerApplication: inserted unless an application of the same driver counts against it (its LEFT JOINs),
	 * or a short-distance one of the operator has the journey already (unique index
	 * cee_operator_id_operator_journey_id_on_short). Returns the row, or undefined for a conflict.
	 */
	function insert(row) {
		const conflict = state.ceeApplications.some(
			(other) =>
				(other.journey_type === row.journey_type && counts(other, row.journey_type, row.datetime) && sameDriver(other, row)) ||
				(row.journey_type === 'short' && !other.is_specific && other.journey_type === 'short' && other.operator_id === row.operator_id && other.operator_journey_id === row.operator_journey_id),
		);
		if (conflict) return undefined;
		const stored = { uuid: randomUUID(), is_specific: false, ...row };
		state.ceeApplications.push(stored);
		return stored;
	}

	// helpers/isBeforeOrFail.ts
	const notBefore = (instant, days) => !(instant < Date.now() - days * DAY);
	const tooEarly = (res, days) => send(res, 400, `Date should be before ${days} days from now`);

	function register(body, operator, res) {
		const errors = ceeSchemaErrors('register', body);
		if (errors.length) return send(res, 400, errors);
		// getOperatorIdOrFail: a token without an operator.
		if (!operator) return send(res, 403, { error: 'Forbidden Error' });
		const params = body;
		const applicationTimestamp = Date.parse(params.application_timestamp);
		if (params.journey_type === 'short') {
			const journey = validJourney(params.operator_journey_id);
			if (!journey) return send(res, 404, { error: 'Not found' });
			if (notBefore(applicationTimestamp, 0)) return tooEarly(res, 0);
			if (notBefore(journey.datetime, ceeDelayDays)) return tooEarly(res, ceeDelayDays);
			const row = {
				operator_id: operator,
				journey_type: 'short',
				last_name_trunc: params.last_name_trunc,
				phone_trunc: journey.phone_trunc,
				datetime: journey.datetime,
				application_timestamp: applicationTimestamp,
				identity_key: params.identity_key,
				driving_license: params.driving_license,
				operator_journey_id: stripTags(params.operator_journey_id),
			};
			const stored = journey.already_registered ? undefined : insert(row);
			if (!stored) return conflict(res, 'short', row, operator);
			return send(res, 201, {
				uuid: stored.uuid,
				datetime: new Date(journey.datetime).toISOString(),
				token: sign(stored),
				journey_id: Number(journey.record.journey_id),
				status: statusOf(journey.record),
			});
		}
		const datetime = Date.parse(params.datetime);
		if (notBefore(applicationTimestamp, 0)) return tooEarly(res, 0);
		if (notBefore(datetime, ceeDelayDays)) return tooEarly(res, ceeDelayDays);
		// isBetweenOrFail, its words as they are.
		if (!(datetime < endDate) || !(datetime > startDate)) {
			return send(res, 400, `Date should be before between ${new Date(startDate).toISOString()} and ${new Date(endDate).toISOString()}`);
		}
		const row = {
			operator_id: operator,
			journey_type: 'long',
			last_name_trunc: params.last_name_trunc,
			phone_trunc: castPhoneTrunc(params.phone_trunc),
			datetime,
			application_timestamp: applicationTimestamp,
			identity_key: params.identity_key,
			driving_license: params.driving_license,
		};
		const stored = insert(row);
		if (!stored) return conflict(res, 'long', row, operator);
		send(res, 201, { uuid: stored.uuid, datetime: new Date(datetime).toISOString(), token: sign(stored) });
	}

	/**
	 * The conflict of a registration: the earlier application, found by searchForShortApplication or
	 * searchForLongApplication with the new one's identity; none found is the registry's "Boum" (500), e.g. a
	 * journey already applied for with another licence and identity key.
	 */
	function conflict(res, journeyType, row, operator) {
		const old = searchApplication(journeyType, row);
		if (!old) return send(res, 500, { error: 'Boum' });
		const datetime = new Date(old.datetime).toISOString();
		if (old.operator_id !== operator) return send(res, 409, { datetime });
		if (journeyType === 'long') return send(res, 409, { uuid: old.uuid, datetime });
		// Short: the journey's legacy id and its acquisition status, the column as it is (not castToStatusEnum).
		const record = old.operator_journey_id ? state.journeys.get(old.operator_journey_id) : undefined;
		send(res, 409, { uuid: old.uuid, datetime, journey_id: record ? Number(record.journey_id) : null, status: record?.acquisition ?? null });
	}

	// SimulateCeeAction: the same search as a conflict, at the current date; 200 with no body when none is found.
	function simulate(body, operator, res) {
		const errors = ceeSchemaErrors('simulate', body);
		if (errors.length) return send(res, 400, errors);
		if (!operator) return send(res, 403, { error: 'Forbidden Error' });
		const old = searchApplication(body.journey_type, { ...body, phone_trunc: castPhoneTrunc(body.phone_trunc), datetime: Date.now() });
		if (!old) return send(res, 200);
		const datetime = new Date(old.datetime).toISOString();
		send(res, 409, old.operator_id === operator ? { uuid: old.uuid, datetime } : { datetime });
	}

	// FindCeeAction and CeeRepositoryProvider.findCeeByUuid: any operator's application is found, then refused.
	function find(params, operator, res) {
		const errors = uuidErrors(params);
		if (errors.length) return send(res, 400, errors);
		if (!operator) return send(res, 403, { error: 'Forbidden Error' });
		const row = state.ceeApplications.find((candidate) => candidate.uuid === params.uuid.toLowerCase());
		if (!row) return send(res, 404, { error: 'Not found' });
		if (row.operator_id !== operator) return send(res, 403, { error: 'Forbidden Error' });
		const record = row.operator_journey_id ? state.journeys.get(row.operator_journey_id) : undefined;
		send(res, 200, {
			uuid: row.uuid,
			datetime: new Date(row.datetime).toISOString(),
			// castOutput: parseInt of a missing legacy id is NaN, which JSON writes as null.
			journey_id: record ? Number(record.journey_id) : null,
			status: statusOf({ acquisition: record?.acquisition, fraud: record?.fraud }),
			token: sign(row),
		});
	}

	// DeleteCeeAction and deleteCeeByUuid: only the operator's own, moved to cee_deleted_applications; else 404.
	function remove(params, operator, res) {
		const errors = uuidErrors(params);
		if (errors.length) return send(res, 400, errors);
		if (!operator) return send(res, 403, { error: 'Forbidden Error' });
		const index = state.ceeApplications.findIndex((row) => row.uuid === params.uuid.toLowerCase() && row.operator_id === operator);
		if (index < 0) return send(res, 404, { error: 'Not found' });
		state.deletedCeeApplications.push(...state.ceeApplications.splice(index, 1));
		send(res, 204);
	}

	/** Dispatches a CEE route; `operator` is the token's operator (undefined without a token). */
	function ceeRoute(name, { body, query, uuid }, operator, res) {
		// registerExpressRoute.ts: the action's params are the query, the body and the path's params together.
		const params = { ...query, ...(isObject(body) ? body : {}), ...(uuid === undefined ? {} : { uuid }) };
		if (name === 'ceeRegister') return register(isObject(body) ? { ...query, ...body } : body, operator, res);
		if (name === 'ceeSimulate') return simulate(isObject(body) ? { ...query, ...body } : body, operator, res);
		if (name === 'ceeFind') return find(params, operator, res);
		return remove(params, operator, res);
	}

	/** Stores an application as if it had been made earlier (by this operator or, with `operator_id`, another one). */
	function seedApplication({ datetime, application_timestamp = datetime, ...row }) {
		const stored = {
			uuid: randomUUID(),
			operator_id: operatorId,
			is_specific: false,
			identity_key: null,
			driving_license: null,
			operator_journey_id: null,
			...row,
			datetime: Date.parse(datetime),
			application_timestamp: Date.parse(application_timestamp),
		};
		state.ceeApplications.push(stored);
		return stored;
	}

	return { ceeRoute, seedApplication, publicKey: publicKey.export({ type: 'spki', format: 'pem' }) };
}

