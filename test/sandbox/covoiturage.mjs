// A local stand-in for the carpooling proof registry (Registre de preuve de covoiturage), API v3.2/v3.3.
// It models what the registry's server code does where our node meets it, its bugs included, each behaviour with
// the upstream file it comes from (covoiturage-gouv-fr/mono, api/src/pdc/...): tokens checked as the middlewares
// do (a malformed token or one of the other environment is a 500, not a 401), versioned routes, the key-pair token
// route limited to 5 calls a minute, JSON-RPC error bodies, schema errors as Ajv messages (date-times need seconds),
// columns narrower than the schema (500), 409 on duplicates, 422 for terms-of-use violations (the journey is still
// stored), status as three columns and the list route's filters and window (today 00:00 Paris time of the UTC
// date), PATCH failing on incentive_counterparts, national phone numbers cast to +33, 429/503 when told to.
//
// Run alone: `node test/sandbox/covoiturage.mjs --port 4010` (prints its URL and the sandbox credentials).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------------------------
// Tokens, shaped as the registry's: application tokens are HS256 JWTs signed with the server's secret
// (providers/token/TokenProvider.ts, payload {a: application uuid, o: operator id, s, p, v}); access tokens from
// the key pair are RS256 JWTs of the registry's Dex, checked against its key set (DexOIDCProvider.ts).
const APPLICATION_SECRET = 'sandbox-application-secret';
const SANDBOX_APPLICATION_UUID = '6a0b2a3e-5d0e-4d0e-9c1a-5a2d1f000001';
const SANDBOX_OPERATOR_ID = 1;
const DEX_KEY_ID = 'sandbox-dex-key';
const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const hmac = (text, secret) => createHmac('sha256', secret).update(text).digest('base64url');

function applicationToken(payload, secret = APPLICATION_SECRET) {
	const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}`;
	return `${unsigned}.${hmac(unsigned, secret)}`;
}

export const SANDBOX_APPLICATION_TOKEN = applicationToken({ a: SANDBOX_APPLICATION_UUID, o: 1, s: 'operator', p: [], v: 2 });
export const SANDBOX_ACCESS_KEY = 'sandbox-access-key';
export const SANDBOX_SECRET_KEY = 'sandbox-secret-key';

/** Tokens the registry refuses, each answered as its code does (see verifyToken below). */
export const SANDBOX_BAD_TOKENS = {
	/** Not a JWT at all (a copy-paste gone wrong): 500 JWSInvalid. */
	malformed: 'paste-your-token-here',
	/** An application token of the other environment (signed with its secret), e.g. production on pre-production: 500 JsonWebTokenError. */
	otherEnvironment: applicationToken({ a: SANDBOX_APPLICATION_UUID, o: 1, s: 'operator', p: [], v: 2 }, 'the-other-environment-secret'),
	/** An access token of the other environment's Dex (a key this registry does not know): 500 JWKSNoMatchingKey. */
	otherEnvironmentAccessToken: `${base64url({ alg: 'RS256', kid: 'other-dex-key', typ: 'JWT' })}.${base64url({ name: 'operator.application:1' })}.${base64url('signature')}`,
	/** A valid application token whose application was deleted in the registry app: 401. */
	revoked: applicationToken({ a: '6a0b2a3e-5d0e-4d0e-9c1a-5a2d1f00dead', o: 1, s: 'operator', p: [], v: 2 }),
};

const SUPPORTED_VERSIONS = ['v3', 'v3.2', 'v3.3'];
const HOUR = 3600e3;
const DAY = 24 * HOUR;

const rpcError = (code, message, data) => ({ jsonrpc: '2.0', id: 1, error: { code, message, ...(data === undefined ? {} : { data }) } });
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const stripTags = (value) => (typeof value === 'string' ? value.replace(/<[^>]*>/g, '') : value);

// ---------------------------------------------------------------------------------------------------------
// The create/patch schema, as Ajv reports it: "<instancePath>: <message>".
function schemaErrors(journey, { patch = false } = {}) {
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
			if (typeof entry.amount !== 'number' || entry.amount < 0 || entry.amount > 100000) add(`${path}/${i}/amount`, 'must be <= 100000');
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
function castPhone(phone) {
	const compact = phone.replace(/[\s.\-()]/g, '');
	return /^0[1-9]\d{8}$/.test(compact) ? `+33${compact.slice(1)}` : compact;
}
const castPhoneTrunc = (phoneTrunc) => castPhone(`${phoneTrunc}00`).slice(0, -2);

// ---------------------------------------------------------------------------------------------------------
// A journey's status is three columns (migration 20190101100100-application.sql, carpool_v2.status):
// acquisition (received, updated, processed, failed, canceled, expired, terms_violation_error), fraud and anomaly
// (pending, passed, failed). Creating a journey leaves fraud and anomaly at their default, pending.

// providers/carpool/helpers/castStatus.ts castToStatusEnum: the one status Get Status answers.
function publicStatus(record) {
	if (record.acquisition === 'canceled') return 'canceled';
	if (record.acquisition === 'expired' || record.acquisition === 'terms_violation_error') return 'terms_violation_error';
	if (record.acquisition === 'failed') return 'acquisition_error';
	if (record.acquisition === 'processed' && record.anomaly === 'passed' && record.fraud === 'passed') return 'ok';
	if (record.fraud === 'failed') return 'fraud_error';
	if (record.anomaly === 'failed') return 'anomaly_error';
	return 'pending';
}

// castStatus.ts castFromStatusEnum: what the list route filters on, one alternative per entry (OR), each column
// of an entry must match (AND). It has no entry for "expired" (undefined), nor for terms_violation_error.
const LIST_FILTERS = {
	acquisition_error: [{ acquisition: 'failed' }],
	validation_error: [{ acquisition: 'failed' }],
	normalization_error: [{ acquisition: 'failed' }],
	fraud_error: [{ fraud: 'failed' }],
	anomaly_error: [{ anomaly: 'failed' }],
	ok: [{ acquisition: 'processed', anomaly: 'passed', fraud: 'passed' }],
	canceled: [{ acquisition: 'canceled' }],
	pending: [{ acquisition: 'received' }, { acquisition: 'updated' }, { fraud: 'pending' }, { anomaly: 'pending' }],
};

// Sets the columns as the registry's checks would, for a status the tests want a journey to have.
const STATUS_COLUMNS = {
	pending: { acquisition: 'received', fraud: 'pending', anomaly: 'pending' },
	ok: { acquisition: 'processed', fraud: 'passed', anomaly: 'passed' },
	fraud_error: { acquisition: 'processed', fraud: 'failed', anomaly: 'passed' },
	anomaly_error: { acquisition: 'processed', fraud: 'passed', anomaly: 'failed' },
	acquisition_error: { acquisition: 'failed', fraud: 'pending', anomaly: 'pending' },
	canceled: { acquisition: 'canceled' },
};

// ---------------------------------------------------------------------------------------------------------
// Dates as the registry reads them.

// ajv-formats (full mode, the default of addFormats in providers/validator/AjvValidator.ts) "date-time":
// a real calendar date, "T", "t" or a space, hh:mm:ss with optional fraction, and a time zone: seconds and zone
// are required ("2025-01-01T10:00Z" is refused).
export function isAjvDateTime(text) {
	if (typeof text !== 'string') return false;
	const parts = text.split(/t|\s/i);
	if (parts.length !== 2) return false;
	const date = /^(\d\d\d\d)-(\d\d)-(\d\d)$/.exec(parts[0]);
	const time = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)$/i.exec(parts[1]);
	if (!date || !time) return false;
	const [year, month, day] = date.slice(1).map(Number);
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth)) return false;
	const [hour, minute, second, tzHour, tzMinute] = [time[1], time[2], time[3], time[6] ?? 0, time[7] ?? 0].map(Number);
	if (tzHour > 23 || tzMinute > 59) return false;
	if (hour <= 23 && minute <= 59 && second < 60) return true;
	const sign = time[5] === '-' ? -1 : 1; // a leap second: 23:59:60 in UTC
	const utcMinute = minute - tzMinute * sign;
	const utcHour = hour - tzHour * sign - (utcMinute < 0 ? 1 : 0);
	return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

function zoneOffset(utcMs, timeZone) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
			.formatToParts(new Date(utcMs))
			.map(({ type, value }) => [type, Number(value)]),
	);
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(utcMs / 1000) * 1000;
}

// helpers/dates.helper.ts today(): fromZonedTime(<current UTC date>, 'Europe/Paris'), i.e. 00:00 in Paris of
// the *UTC* date; subDaysTz() goes back in Paris calendar days.
export function registryToday(now = Date.now(), daysBefore = 0) {
	const midnightAsUtc = Math.floor(now / DAY) * DAY - daysBefore * DAY;
	return midnightAsUtc - zoneOffset(midnightAsUtc - zoneOffset(midnightAsUtc, 'Europe/Paris'), 'Europe/Paris');
}

// helpers/dates.helper.ts startOfDay / endOfDay: the day in Paris of an instant, [00:00, 23:59:59.999].
function parisDay(ms) {
	const wallClockMidnight = Math.floor((ms + zoneOffset(ms, 'Europe/Paris')) / DAY) * DAY;
	const start = wallClockMidnight - zoneOffset(wallClockMidnight - zoneOffset(wallClockMidnight, 'Europe/Paris'), 'Europe/Paris');
	const next = wallClockMidnight + DAY;
	const end = next - zoneOffset(next - zoneOffset(next, 'Europe/Paris'), 'Europe/Paris') - 1;
	return { start, end };
}

// ---------------------------------------------------------------------------------------------------------
/**
 * Starts a sandbox registry. Options:
 * - port (0: any free port)
 * - tokenTtlSeconds: lifetime of access tokens from the key pair (the registry's is 5 minutes)
 * - tokenRateLimit: token requests allowed per window (the registry's is 5 a minute)
 * - tokenWindowSeconds: that window (the registry's is 60 s; shorter in tests that wait for it to pass)
 * - tokenUses: a token stops working after this many API requests (to refuse a token in the middle of a run)
 * - journeysPerSecond: when set, POST /journeys answers 429 (Retry-After: 1) beyond this many a second
 */
export async function startCovoiturageSandbox({
	port = 0,
	tokenTtlSeconds = 300,
	tokenRateLimit = 5,
	tokenWindowSeconds = 60,
	tokenUses = Infinity,
	journeysPerSecond,
	log = () => {},
} = {}) {
	const state = {
		journeys: new Map(),
		tokens: new Map(), // token → expiry (ms)
		tokenCallTimes: [],
		tokenCalls: 0,
		tokenRateLimited: 0,
		requests: [],
		maintenance: false,
		journeyWindow: { start: 0, count: 0 },
		rateLimited: 0,
	};

	function send(res, status, body, headers = {}) {
		const text = body === undefined ? '' : JSON.stringify(body);
		res.writeHead(status, { ...(text ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), ...headers });
		res.end(text);
	}

	// errorHandlerMiddleware.ts: what a middleware's error becomes. The HTTP code comes from the message text
	// ("Unauthorized Error" → 401, "Forbidden Error" → 403, anything else → 500), `data` is the error's class name.
	function middlewareError(res, name, message) {
		const code = { 'Unauthorized Error': 401, 'Forbidden Error': 403 }[message] ?? 500;
		send(res, code, { id: 1, jsonrpc: '2.0', error: { code, data: name, message } });
	}

	/**
	 * proxy/middlewares/authGuard.ts → accessTokenMiddleware.ts: only when an Authorization header is present
	 * (without one, the route's permission check answers 403). The token is first checked as a Dex access token
	 * (jose jwtVerify against the key set); only jose's "not supported" error (an HS256 token) falls back to the
	 * deprecated application-token check. Returns false when it answered.
	 */
	function verifyToken(req, res) {
		const header = req.headers.authorization;
		if (!header) return true;
		const token = String(header).replace('Bearer ', '');
		// UnauthorizedException("Empty token provided"): its message is "Unauthorized Error", its name "Error".
		if (!token.length) return middlewareError(res, 'Error', 'Unauthorized Error'), false;
		const parts = token.split('.');
		if (parts.length !== 3) return middlewareError(res, 'JWSInvalid', 'Invalid Compact JWS'), false;
		let protectedHeader;
		try {
			protectedHeader = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
		} catch {
			return middlewareError(res, 'JWSInvalid', 'JWS Protected Header is invalid'), false;
		}
		const { alg, kid } = protectedHeader ?? {};
		if (typeof alg !== 'string' || !alg) return middlewareError(res, 'JWSInvalid', 'JWS "alg" (Algorithm) Header Parameter missing or invalid'), false;

		if (!/^(RS|PS|ES|Ed)/.test(alg)) {
			// legacyTokenMiddleware → TokenProvider.verify (jsonwebtoken, ignoreExpiration: application tokens never expire).
			const expected = hmac(`${parts[0]}.${parts[1]}`, APPLICATION_SECRET);
			if (alg !== 'HS256' || parts[2].length !== expected.length || !timingSafeEqual(Buffer.from(parts[2]), Buffer.from(expected))) {
				return middlewareError(res, 'JsonWebTokenError', 'invalid signature'), false;
			}
			const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
			if (!payload.a || !payload.o) return middlewareError(res, 'Error', 'Forbidden Error'), false;
			// checkApplication: a deleted (revoked) application → UnauthorizedException("Unauthorized application").
			if (payload.a !== SANDBOX_APPLICATION_UUID) return middlewareError(res, 'Error', 'Unauthorized Error'), false;
			return true;
		}
		// DexOIDCProvider.verifyToken: the key set has one key; a token it did not sign fails its signature; an
		// expired one is the only 401 (JWTExpired → UnauthorizedException).
		if (kid !== DEX_KEY_ID) return middlewareError(res, 'JWKSNoMatchingKey', 'no applicable key found in the JSON Web Key Set'), false;
		const issued = state.tokens.get(token);
		if (issued === undefined) return middlewareError(res, 'JWSSignatureVerificationFailed', 'signature verification failed'), false;
		// Expired (or, in tests, used up: tokenUses) → 401.
		if (issued.expiry < Date.now() || issued.uses >= tokenUses) return middlewareError(res, 'Error', 'Unauthorized Error'), false;
		issued.uses++;
		return true;
	}

	function createToken(body, res) {
		// api/src/pdc/services/auth/actions/CreateAccessTokenAction.ts: rate limiter "rl-auth", 5 a minute
		// (express-rate-limit: a 429 with Retry-After until the window frees a place).
		const now = Date.now();
		const windowMs = tokenWindowSeconds * 1000;
		state.tokenCalls++;
		state.tokenCallTimes = state.tokenCallTimes.filter((time) => time > now - windowMs);
		if (state.tokenCallTimes.length >= tokenRateLimit) {
			state.tokenRateLimited++;
			const retryAfter = Math.ceil((state.tokenCallTimes[0] + windowMs - now) / 1000);
			return send(res, 429, { error: { code: 429, message: 'Too many requests' } }, { 'Retry-After': String(retryAfter) });
		}
		state.tokenCallTimes.push(now);
		if (body?.access_key !== SANDBOX_ACCESS_KEY || body?.secret_key !== SANDBOX_SECRET_KEY) {
			return send(res, 401, rpcError(-32501, 'Unauthorized Error', 'Invalid access key or secret key'));
		}
		const token = `${base64url({ alg: 'RS256', kid: DEX_KEY_ID, typ: 'JWT' })}.${base64url({ name: 'operator.application:1', iat: Math.floor(now / 1000) })}.${randomBytes(32).toString('base64url')}`;
		state.tokens.set(token, { expiry: now + tokenTtlSeconds * 1000, uses: 0 });
		send(res, 201, { access_token: token });
	}

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
	 * CarpoolAcquisitionService.verifyTermsViolation, with CarpoolLookupRepository.countJourneyBy. The journey being
	 * sent has no status row yet, so the counts leave it out; their status filter (`<> ANY('{canceled,expired,
	 * terms_violation_error}')`) is true for every status, so canceled journeys still count.
	 */
	function verifyTermsViolation(journey, start, end) {
		const labels = [];
		// date-fns differenceInHours truncates: a journey sent 24 h 59 min after its start is not late.
		if (Math.trunc((Date.now() - start) / HOUR) > 24) labels.push('expired');
		if (journey.distance < 2000) labels.push('distance_too_short');
		const keys = [journey.driver.identity.identity_key, journey.passenger.identity.identity_key];
		const stored = [...state.journeys.values()].map((record) => record.journey);
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
		};
		state.journeys.set(id, record);
		return record;
	}

	// acquisition/actions/ListJourneyAction.ts (actionParamsFn, applyDefault, validateStartEnd),
	// contracts/list.schema.ts, CarpoolStatusRepository.getOperatorJourneyIdByStatus.
	function listJourneys(query, res) {
		const params = Object.fromEntries(query);
		// actionParamsFn: limit and offset go through parseInt ("abc" → NaN, refused as not an integer).
		for (const key of ['limit', 'offset']) if (key in params) params[key] = parseInt(params[key], 10);
		const errors = [];
		for (const key of Object.keys(params)) if (!['status', 'limit', 'offset', 'start', 'end'].includes(key)) errors.push(': must NOT have additional properties');
		if (params.status === undefined) errors.push(": must have required property 'status'");
		else if (!Object.keys(LIST_FILTERS).concat('expired').includes(params.status)) errors.push('/status: must be equal to one of the allowed values');
		// The schema's min/max on limit and offset are not JSON-schema keywords (Ajv strict: false ignores them).
		for (const key of ['limit', 'offset']) if (key in params && !Number.isInteger(params[key])) errors.push(`/${key}: must be integer`);
		for (const key of ['start', 'end']) {
			if (!(key in params)) continue;
			if (params[key].length > 64) errors.push(`/${key}: must NOT have more than 64 characters`);
			if (!isAjvDateTime(params[key])) errors.push(`/${key}: must match format "date-time"`);
		}
		if (errors.length) return send(res, 400, rpcError(-32602, 'Invalid params', errors));

		const now = Date.now();
		const today = registryToday(now);
		const end = params.end ? Date.parse(params.end) : today;
		const start = params.start ? Date.parse(params.start) : registryToday(now, 7);
		// validateStartEnd, in its order; start equal to end is accepted (and lists nothing).
		if (start > end) return send(res, 400, rpcError(-32602, 'Invalid params', 'Start should be before end'));
		if (end > today) return send(res, 400, rpcError(-32602, 'Invalid params', 'End should be before now'));
		const earliest = registryToday(now, 90);
		if (start < earliest) return send(res, 400, rpcError(-32602, 'Invalid params', `Start should be after ${new Date(earliest).toISOString()}`));

		const filters = LIST_FILTERS[params.status];
		if (filters === undefined) {
			// "expired" passed the schema; getOperatorJourneyIdByStatus then maps over undefined. The route answers
			// the error's message (registerExpressRoute.ts, rpcAnswerOnFailure).
			return send(res, 500, { jsonrpc: '2.0', id: 1, error: { message: "Cannot read properties of undefined (reading 'map')" } });
		}
		const limit = params.limit || 50;
		const offset = params.offset || 0;
		// start <= start_datetime < end; no ORDER BY (here: the order journeys were stored in).
		const matching = [...state.journeys.entries()]
			.filter(([, record]) => filters.some((filter) => Object.entries(filter).every(([column, value]) => record[column] === value)))
			.filter(([, record]) => {
				const started = Date.parse(record.journey.start.datetime);
				return started >= start && started < end;
			})
			.map(([id]) => ({ operator_journey_id: id }));
		send(res, 200, matching.slice(offset, offset + limit));
	}

	// StatusJourneyAction.ts: a bare object (no JSON-RPC wrapping); the labels are plain strings.
	function journeyStatus(record, id) {
		return {
			operator_journey_id: id,
			status: publicStatus(record),
			created_at: record.created_at,
			fraud_error_labels: record.fraud === 'failed' ? ['interoperator_overlap'] : [],
			anomaly_error_details:
				record.anomaly === 'failed'
					? [{ label: 'temporal_overlap_anomaly', metas: { conflicting_operator_journey_id: 'other-journey', overlap_duration_ratio: 0.83 } }]
					: [],
			terms_violation_details: record.termsViolations,
			journey_id: record.journey_id,
		};
	}

	// The routes the node uses (the actions' apiRoute, registered as /:api_version/<path> by registerExpressRoute.ts).
	const ROUTES = [
		{ method: 'POST', pattern: /^\/auth\/access_token$/, name: 'token', public: true },
		{ method: 'POST', pattern: /^\/journeys$/, name: 'create' },
		{ method: 'GET', pattern: /^\/journeys$/, name: 'list' },
		{ method: 'GET', pattern: /^\/journeys\/([^/]+)$/, name: 'status' },
		{ method: 'PATCH', pattern: /^\/journeys\/([^/]+)$/, name: 'patch' },
		{ method: 'POST', pattern: /^\/journeys\/([^/]+)\/cancel$/, name: 'cancel' },
	];

	async function route(req, res) {
		const url = new URL(req.url, 'http://sandbox');
		const [, version, ...rest] = url.pathname.split('/');
		const path = `/${rest.join('/')}`;
		state.requests.push({ method: req.method, path: url.pathname, search: url.search, authorization: req.headers.authorization ? 'present' : 'absent' });
		log(`${req.method} ${url.pathname}${url.search}`);
		if (version === '__sandbox') return sandboxControl(req, res, path);

		// HttpTransport.ts: the JSON body parser, then the maintenance switch, run for every path. A body that is not
		// JSON reaches errorHandlerMiddleware (500 SyntaxError). Maintenance answers without Retry-After.
		const body = await readJson(req);
		if (body === INVALID) return middlewareError(res, 'SyntaxError', 'Unexpected token in JSON');
		if (state.maintenance) return send(res, 503, { code: 503, error: 'Service Unavailable' });

		const matched = ROUTES.find((candidate) => candidate.method === req.method && candidate.pattern.test(path));
		if (!matched) {
			// No route: Express's own 404 page, not JSON.
			res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
			return res.end(`<!DOCTYPE html><pre>Cannot ${req.method} ${url.pathname}</pre>`);
		}
		// registerExpressRoute.ts: the token is checked before the version (an unknown version with a bad token
		// answers the token's error), then the version: 404 with an empty body.
		if (!matched.public && !verifyToken(req, res)) return;
		if (!SUPPORTED_VERSIONS.includes(version)) return send(res, 404);
		if (matched.name === 'token') return createToken(body, res);
		// HasPermissionByScopeMiddleware: no token, no permission.
		if (!req.headers.authorization) return send(res, 403, rpcError(-32503, 'Forbidden Error', 'Invalid permissions'));
		if (matched.name === 'create') return createJourney(body, res);
		if (matched.name === 'list') return listJourneys(url.searchParams, res);

		const id = decodeURIComponent(matched.pattern.exec(path)[1]);
		const record = state.journeys.get(id);
		if (matched.name === 'status') {
			return record ? send(res, 200, journeyStatus(record, id)) : send(res, 404, rpcError(-32504, 'Not found'));
		}
		if (matched.name === 'patch') {
			const errors = schemaErrors(body, { patch: true });
			if (errors.length) return send(res, 400, rpcError(-32602, 'Invalid params', errors));
			// PatchJourneyAction.convertPayloadToRequest spreads the body into the update; CarpoolRepository.update
			// writes each field as a column. incentive_counterparts has none: Postgres fails, the route answers its
			// message (500). operator_id is replaced by the token's operator.
			if ('incentive_counterparts' in body) {
				return send(res, 500, { jsonrpc: '2.0', id: 1, error: { message: 'column "incentive_counterparts" of relation "carpools" does not exist' } });
			}
			if (!record) return send(res, 404, rpcError(-32504, 'Not found', 'No record has been updated'));
			const { operator_id: _ignored, operator_journey_id: _fromUrl, ...stored } = body;
			Object.assign(record.journey, stored);
			// CarpoolAcquisitionService.patchCarpool: acquisition "updated" (even after a cancel or a terms
			// violation: the terms are not checked again), fraud and anomaly checks to do again.
			Object.assign(record, { acquisition: 'updated', fraud: 'pending', anomaly: 'pending' });
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

	/** Test hooks: set a journey's check result, switch maintenance on or off, read counters. */
	async function sandboxControl(req, res, path) {
		const body = await readJson(req);
		if (path === '/stats') {
			return send(res, 200, { tokenCalls: state.tokenCalls, journeys: state.journeys.size, rateLimited: state.rateLimited });
		}
		if (path === '/maintenance') {
			state.maintenance = Boolean(body?.on);
			return send(res, 200, { maintenance: state.maintenance });
		}
		if (path === '/check') {
			const record = state.journeys.get(body?.operator_journey_id);
			if (!record) return send(res, 404);
			Object.assign(record, STATUS_COLUMNS[body.status]);
			return send(res, 200, journeyStatus(record, body.operator_journey_id));
		}
		send(res, 404);
	}

	const server = createServer((req, res) => {
		route(req, res).catch((error) => {
			log(`sandbox error: ${error.stack}`);
			send(res, 500, rpcError(-32603, 'Internal error'));
		});
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		state,
		/** Gives a journey the columns the registry's checks would set for this status (see STATUS_COLUMNS). */
		setStatus: (id, status) => Object.assign(state.journeys.get(id), STATUS_COLUMNS[status]),
		/** Stores a journey as if it had been sent earlier (e.g. one that started yesterday, to list it). */
		seed: (journey, status = 'pending') => addRecord(journey.operator_journey_id, journey, STATUS_COLUMNS[status]),
		setMaintenance: (on) => (state.maintenance = on),
		/** Expires every token issued so far: the next call with one of them gets the registry's 401. */
		expireTokens: () => {
			for (const issued of state.tokens.values()) issued.expiry = 0;
		},
		tokenCalls: () => state.tokenCalls,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

const INVALID = Symbol('invalid JSON');
function readJson(req) {
	return new Promise((resolve) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			if (!text) return resolve(undefined);
			try {
				resolve(JSON.parse(text));
			} catch {
				resolve(INVALID);
			}
		});
	});
}

/** The n8n credentials that reach this sandbox: application token and key pair. */
export function covoiturageSandboxCredentials(url) {
	return [
		{
			id: 'covoiturage-sandbox',
			name: 'Covoiturage sandbox (application token)',
			type: 'covoiturageApi',
			data: { environment: 'custom', customUrl: url, apiVersion: 'v3.3', authentication: 'applicationToken', applicationToken: SANDBOX_APPLICATION_TOKEN },
		},
		{
			id: 'covoiturage-sandbox-keys',
			name: 'Covoiturage sandbox (key pair)',
			type: 'covoiturageApi',
			data: {
				environment: 'custom',
				customUrl: url,
				apiVersion: 'v3.3',
				authentication: 'accessKey',
				accessKey: SANDBOX_ACCESS_KEY,
				secretKey: SANDBOX_SECRET_KEY,
			},
		},
	];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const portArgument = process.argv.indexOf('--port');
	const port = portArgument > 0 ? Number(process.argv[portArgument + 1]) : 4010;
	const sandbox = await startCovoiturageSandbox({ port, log: (line) => console.log(line) });
	console.log(`Covoiturage registry sandbox on ${sandbox.url} (versions ${SUPPORTED_VERSIONS.join(', ')})`);
	console.log(`Application token: ${SANDBOX_APPLICATION_TOKEN}; key pair: ${SANDBOX_ACCESS_KEY} / ${SANDBOX_SECRET_KEY}`);
}
