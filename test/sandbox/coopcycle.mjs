// A local CoopCycle for the end-to-end tests and `npm start`: the parts of the API the CoopCycle node uses,
// behaving as CoopCycle does (see the node's README section), in memory, with node:http only.
//
// What it reproduces, because users meet it on real instances:
// - OAuth2 client credentials at POST /oauth2/token: Basic client authentication, scopes checked against the
//   ones granted (invalid_scope), tokens that expire (401 on the API afterwards), no refresh token;
// - JSON-LD: POST /api/deliveries refuses anything but application/ld+json (415);
// - hydra collections with `hydra:member`, `hydra:view`/`hydra:next` and `itemsPerPage` (at most 100), 30
//   items a page by default; the store's delivery list, which answers 500 to any scalar query parameter and so
//   can only ever serve its first page (see `listDeliveries`);
// - times in the server's time zone (see `timeModel`);
// - error shapes: 400 ConstraintViolationList, 400 hydra:Error, 403, 404, and the 500 CoopCycle gives for an
//   address it cannot geocode (here: an address text without any digit, or containing "nowhere");
// - `before` alone gives a 15-minute window.
//
// Run alone: node test/sandbox/coopcycle.mjs [--port 4020] [--token-ttl 3600] [--seed 12]
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

export const SANDBOX_CLIENT = { clientId: 'sandbox-shop', clientSecret: 'sandbox-shop-secret' };
const KNOWN_SCOPES = ['deliveries', 'tasks', 'tasks:all', 'orders', 'orders:all'];
const LD_JSON = 'application/ld+json; charset=utf-8';
// coopcycle-web config/packages/api_platform.yaml: pagination_maximum_items_per_page 100, and no
// pagination_items_per_page, so API Platform's default of 30 (nor does the /stores/{id}/deliveries resource of
// src/Entity/Delivery.php set one: the paginationItemsPerPage 15 there belongs to the main resource only).
const MAX_PAGE_SIZE = 100;
const PAGE_SIZE = 30;
const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** The n8n credential (import format) that points at a sandbox. */
export function coopCycleSandboxCredential(url) {
	return {
		id: 'coopcycle-sandbox',
		name: 'CoopCycle sandbox',
		type: 'coopCycleOAuth2Api',
		data: { baseUrl: url, ...SANDBOX_CLIENT, scope: 'deliveries tasks' },
	};
}

class HttpError extends Error {
	constructor(status, body, headers = {}) {
		super(`HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

const hydraError = (status, description) =>
	new HttpError(status, {
		'@context': '/api/contexts/Error',
		'@type': 'hydra:Error',
		'hydra:title': 'An error occurred',
		'hydra:description': description,
	});

const violationError = (violations) =>
	new HttpError(400, {
		'@context': '/api/contexts/ConstraintViolationList',
		'@type': 'ConstraintViolationList',
		'hydra:title': 'An error occurred',
		'hydra:description': violations.map((v) => `${v.propertyPath}: ${v.message}`).join('\n'),
		violations: violations.map((v) => ({ ...v, code: null })),
	});

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const offsetMsOf = (zone) => {
	if (/^z$/i.test(zone)) return 0;
	const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
	return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60000;
};

/** The wall clock written in a text (milliseconds on a UTC scale) and its zone, if it is a valid date. */
function readDateText(value) {
	const match = DATE_TEXT.exec(String(value ?? '').trim());
	if (!match) return undefined;
	const [year, month, day, hours = 0, minutes = 0, seconds = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
	const wall = Date.UTC(year, month - 1, day, hours, minutes, seconds, Math.round(Number(match[7] ?? 0) * 1000));
	const check = new Date(wall);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hours > 23) return undefined;
	return { wall, zone: match[8] };
}

/**
 * Times as a CoopCycle instance handles them in its server's time zone (here a fixed offset such as "+02:00"):
 * - dates sent to it are read by Carbon::parse (coopcycle-web src/Api/State/DeliveryProcessor.php): an offset
 *   is honoured, a date without one is local time;
 * - the database keeps local wall-clock times, to the second (src/Resources/config/doctrine/Task.orm.xml:
 *   type "datetime", PostgreSQL timestamp(0) without time zone);
 * - answers write them with the server's offset (features/stores.feature: "2019-11-12T18:30:00+01:00");
 * - a date given to a list filter is compared as PostgreSQL reads a text as timestamp without time zone: its
 *   wall clock, any offset ignored, a day alone meaning its midnight (src/Api/Filter/DeliveryTaskDateFilter.php
 *   binds the text as it came).
 */
function timeModel(offset) {
	const offsetMs = offsetMsOf(offset);
	return {
		/** Carbon::parse: the instant (epoch milliseconds, to the second as stored), or undefined. */
		parse(value) {
			if (typeof value !== 'string') return undefined;
			const read = readDateText(value);
			if (!read) return undefined;
			const instant = read.wall - (read.zone === undefined ? offsetMs : offsetMsOf(read.zone));
			return Math.round(instant / 1000) * 1000;
		},
		/** An instant as CoopCycle writes it: "2025-06-12T14:00:00+02:00". */
		format: (time) => `${new Date(time + offsetMs).toISOString().slice(0, 19)}${offset}`,
		/** The local wall clock of an instant, on the same scale as `filterValue`. */
		wallOf: (time) => time + offsetMs,
		/** A filter's text as PostgreSQL compares it with the stored wall clock; undefined if it cannot. */
		filterValue: (value) => readDateText(value)?.wall,
	};
}

/** `YYYY-MM-DD HH:MM-HH:MM`, `start/end` or `[start, end]`, as TsRangeNormalizer reads them. */
function parseTimeSlot(value, parseDate) {
	let [start, end] = [];
	if (Array.isArray(value)) [start, end] = value;
	else if (typeof value === 'string' && value.includes('/')) [start, end] = value.split('/');
	else {
		const match = /^(\d{4}-\d{2}-\d{2}) (\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(String(value));
		if (match)
			[start, end] = [`${match[1]}T${match[2].padStart(5, '0')}:00`, `${match[1]}T${match[3].padStart(5, '0')}:00`];
	}
	const [after, before] = [parseDate(start), parseDate(end)];
	return after !== undefined && before !== undefined && after < before ? { after, before } : undefined;
}

const iso = (time) => new Date(time).toISOString();

/**
 * Query parameters as PHP and API Platform read them (ApiPlatform RequestParser keeps the dots):
 * `order[dropoff.before]=asc` → { order: { 'dropoff.before': 'asc' } }, `page=2` → { page: '2' }.
 */
function phpQuery(searchParams) {
	const parsed = {};
	for (const [key, value] of searchParams) {
		const match = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
		if (!match) parsed[key] = value;
		else {
			if (typeof parsed[match[1]] !== 'object') parsed[match[1]] = {};
			parsed[match[1]][match[2]] = value;
		}
	}
	return parsed;
}

/** A number in [0, 1) from a few integers, stable from run to run (the tie order of a database). */
function hashToUnit(...numbers) {
	let hash = 2166136261;
	for (const number of numbers) hash = Math.imul(hash ^ (number >>> 0), 16777619) >>> 0;
	return hash / 4294967296;
}

const internalError = () =>
	new HttpError(500, {
		'@context': '/api/contexts/Error',
		'@type': 'hydra:Error',
		'hydra:title': 'An error occurred',
		'hydra:description': 'Internal Server Error',
	});
const idOf = (iri, collection) => {
	const match = new RegExp(`^/api/${collection}/(\\d+)$`).exec(String(iri ?? ''));
	return match ? Number(match[1]) : undefined;
};

/**
 * Starts a sandbox. Options:
 * - port (0 = any free port), tokenTtlSeconds (3600),
 * - tokenUses: a token stops working after this many API requests (to expire tokens in the middle of a run),
 * - timeZoneOffset: the server's UTC offset, e.g. '+02:00' ('+00:00'),
 * - clients: [{ clientId, clientSecret, scopes, store }] (default: the shop client with deliveries and tasks),
 * - seedDeliveries: deliveries to create at start for the shop's store (see `seed`), e.g. for a demo.
 */
export async function startCoopCycleSandbox(options = {}) {
	const {
		port = 0,
		tokenTtlSeconds = 3600,
		tokenUses = Infinity,
		timeZoneOffset = '+00:00',
		clients = [{ ...SANDBOX_CLIENT, scopes: ['deliveries', 'tasks'], store: 1 }],
		log = false,
		seedDeliveries = 0,
	} = options;

	const requests = [];
	const time = timeModel(timeZoneOffset);
	const parseDate = time.parse;
	let listRequests = 0;
	const tokens = new Map();
	let tokenCalls = 0;
	const counters = { delivery: 0, task: 0, address: 0, quote: 0, event: 0, token: 0 };
	const addresses = new Map();
	const deliveries = new Map();
	const tasks = new Map();
	const quotes = new Map();
	const events = [];

	/**
	 * Stores an address. `saved` ones are in the store's address book (Store::$addresses, what
	 * /api/stores/{id}/addresses lists); the addresses of tasks are not.
	 */
	function addAddress(fields, store, { saved = false } = {}) {
		const id = ++counters.address;
		const address = {
			'@id': `/api/addresses/${id}`,
			'@type': 'http://schema.org/Place',
			geo: fields.geo ?? { '@type': 'GeoCoordinates', latitude: 48.8566, longitude: 2.3522 },
			streetAddress: fields.streetAddress,
			telephone: e164(fields.telephone),
			name: fields.name ?? null,
			contactName: fields.contactName ?? null,
			description: fields.description ?? null,
			provider: null,
		};
		addresses.set(id, { address, store, saved });
		return address;
	}

	/** libphonenumber with the instance's country (FR): "0612345678" is kept as "+33612345678". */
	function e164(telephone) {
		if (telephone === undefined || telephone === null || telephone === '' || telephone === false) return null;
		const digits = String(telephone).replace(/[\s.]/g, '');
		return /^0\d{9}$/.test(digits) ? `+33${digits.slice(1)}` : digits;
	}

	const stores = new Map([
		[
			1,
			{
				id: 1,
				name: 'Sandbox Bakery',
				address: addAddress({ streetAddress: '10 Rue du Pain, 75011 Paris' }, 1),
				timeSlot: 1,
				timeSlots: [1, 2],
			},
		],
		[
			2,
			{
				id: 2,
				name: 'Another Shop',
				address: addAddress({ streetAddress: '5 Rue Voisine, 75012 Paris' }, 2),
				timeSlot: 3,
				timeSlots: [3],
			},
		],
	]);
	const timeSlots = new Map([
		[
			1,
			{
				id: 1,
				name: 'Two-hour slots',
				interval: '2 hours',
				store: 1,
				hours: [
					[10, 12],
					[12, 14],
					[14, 16],
					[16, 18],
				],
			},
		],
		[2, { id: 2, name: 'Evening', interval: '3 hours', store: 1, hours: [[18, 21]] }],
		[3, { id: 3, name: 'Other store slot', interval: '4 hours', store: 2, hours: [[8, 12]] }],
	]);

	/* ---------------------------------------------------------------- representations */
	const storeJson = (store) => ({
		'@context': '/api/contexts/Store',
		'@id': `/api/stores/${store.id}`,
		'@type': 'http://schema.org/Store',
		id: store.id,
		name: store.name,
		enabled: true,
		address: store.address,
		timeSlot: store.timeSlot ? `/api/time_slots/${store.timeSlot}` : null,
		timeSlots: store.timeSlots.map((id) => `/api/time_slots/${id}`),
		pricingRuleSet: '/api/pricing_rule_sets/1',
		weightRequired: false,
		packagesRequired: false,
		multiDropEnabled: true,
	});

	const taskJson = (task) => ({
		'@id': `/api/tasks/${task.id}`,
		'@type': 'Task',
		id: task.id,
		type: task.type,
		status: task.status,
		address: task.address,
		after: time.format(task.after),
		before: time.format(task.before),
		doneAfter: time.format(task.after),
		doneBefore: time.format(task.before),
		comments: task.comments ?? '',
		weight: task.weight ?? null,
		packages: task.packages ?? [],
		tags: (task.tags ?? []).map((slug) => ({ name: slug.toUpperCase(), slug, color: '#FF0000' })),
		metadata: task.metadata ?? {},
		isAssigned: !!task.assignedTo,
		assignedTo: task.assignedTo ?? null,
		createdAt: time.format(task.createdAt),
	});

	const deliveryJson = (delivery, iri = `/api/deliveries/${delivery.id}`) => {
		const own = delivery.tasks.map((id) => tasks.get(id));
		return {
			'@context': '/api/contexts/Delivery',
			'@id': iri,
			'@type': 'http://schema.org/ParcelDelivery',
			id: delivery.id,
			tasks: own.map(taskJson),
			pickup: taskJson(own.find((task) => task.type === 'PICKUP')),
			dropoff: taskJson(own.findLast((task) => task.type === 'DROPOFF')),
			trackingUrl: `${server.url}/d/sandbox${delivery.id}`,
			order: {
				'@id': `/api/orders/${delivery.id}`,
				'@type': 'http://schema.org/Order',
				total: delivery.price,
				taxTotal: Math.round(delivery.price / 6),
			},
			// No createdAt: the delivery's own is not in its serialization groups (features/stores.feature).
		};
	};

	/**
	 * A hydra collection of `members`, paged by `itemsPerPage` and `page`; or, given `firstPage`, that first page
	 * of them as a route that cannot be paged computed it.
	 */
	function collection(request, iri, members, { firstPage, context = '/api/contexts/Collection' } = {}) {
		const query = request.query;
		const asked = Number(query.get('itemsPerPage') ?? PAGE_SIZE) || PAGE_SIZE;
		const size = firstPage ? PAGE_SIZE : Math.min(asked, MAX_PAGE_SIZE);
		const page = firstPage ? 1 : Math.max(1, Number(query.get('page') ?? 1) || 1);
		const linkTo = (number) => {
			const params = new URLSearchParams(query);
			params.set('page', String(number));
			return `${iri}?${params.toString()}`;
		};
		const last = Math.max(1, Math.ceil(members.length / size));
		return {
			'@context': context,
			'@id': iri,
			'@type': 'hydra:Collection',
			// Members of a collection carry no context of their own.
			'hydra:member': (firstPage ?? members.slice((page - 1) * size, page * size)).map(
				({ '@context': _context, ...member }) => member,
			),
			'hydra:totalItems': members.length,
			'hydra:view': {
				'@id': linkTo(page),
				'@type': 'hydra:PartialCollectionView',
				'hydra:first': linkTo(1),
				'hydra:last': linkTo(last),
				...(page < last ? { 'hydra:next': linkTo(page + 1) } : {}),
				...(page > 1 ? { 'hydra:previous': linkTo(page - 1) } : {}),
			},
		};
	}

	/* ---------------------------------------------------------------- OAuth2 */
	function issueToken(body, authorization) {
		tokenCalls++;
		const form = new URLSearchParams(body);
		let [clientId, clientSecret] = [form.get('client_id'), form.get('client_secret')];
		if (authorization?.startsWith('Basic ')) {
			[clientId, clientSecret] = Buffer.from(authorization.slice(6), 'base64').toString().split(':');
			[clientId, clientSecret] = [decodeURIComponent(clientId ?? ''), decodeURIComponent(clientSecret ?? '')];
		}
		const oauthError = (status, error, description) =>
			new HttpError(status, { error, error_description: description, message: description });
		if (form.get('grant_type') !== 'client_credentials') {
			throw oauthError(
				400,
				'unsupported_grant_type',
				'The authorization grant type is not supported by the authorization server.',
			);
		}
		const client = clients.find((c) => c.clientId === clientId && c.clientSecret === clientSecret);
		if (!client) throw oauthError(401, 'invalid_client', 'Client authentication failed');
		const asked = (form.get('scope') ?? 'deliveries').split(/[\s+]+/).filter(Boolean);
		if (asked.some((scope) => !KNOWN_SCOPES.includes(scope) || !client.scopes.includes(scope))) {
			throw oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed');
		}
		const accessToken = `sandbox-token-${++counters.token}-${Math.random().toString(36).slice(2)}`;
		tokens.set(accessToken, { client, scopes: asked, expiresAt: Date.now() + tokenTtlSeconds * 1000, uses: 0 });
		return { token_type: 'Bearer', expires_in: tokenTtlSeconds, access_token: accessToken };
	}

	function authenticate(request) {
		const header = request.headers.authorization ?? '';
		const token = header.startsWith('Bearer ') ? tokens.get(header.slice(7)) : undefined;
		if (!token || token.expiresAt <= Date.now() || token.uses >= tokenUses) {
			throw new HttpError(401, { code: 401, message: 'An authentication exception occurred.' });
		}
		token.uses++;
		return token;
	}

	const needScope = (auth, scope) => {
		if (!auth.scopes.includes(scope)) throw hydraError(403, 'Access Denied.');
	};
	const ownStore = (auth, storeId) => {
		if (!stores.has(storeId)) throw hydraError(404, 'Not Found');
		if (auth.client.store !== storeId) throw hydraError(403, 'Access Denied.');
		return stores.get(storeId);
	};
	const ownDelivery = (auth, id) => {
		const delivery = deliveries.get(id);
		if (!delivery) throw hydraError(404, 'Not Found');
		if (delivery.store !== auth.client.store) throw hydraError(403, 'Access Denied.');
		return delivery;
	};
	const ownTask = (auth, id) => {
		const task = tasks.get(id);
		if (!task) throw hydraError(404, 'Not Found');
		if (!auth.scopes.includes('tasks:all') && deliveries.get(task.delivery)?.store !== auth.client.store) {
			throw hydraError(403, 'Access Denied.');
		}
		return task;
	};

	/* ---------------------------------------------------------------- deliveries */
	/** CoopCycle geocodes address texts; the sandbox "fails" to find texts without a number or with "nowhere". */
	function resolveAddress(value, path, store) {
		if (typeof value === 'string' && value.startsWith('/api/addresses/')) {
			const found = addresses.get(idOf(value, 'addresses'));
			if (!found) throw hydraError(400, `Item not found for "${value}".`);
			return found.address;
		}
		if (value && typeof value === 'object' && value['@id'] !== undefined) return rewriteAddress(value);
		const fields = typeof value === 'string' ? { streetAddress: value } : { ...value };
		if (!fields.streetAddress)
			throw violationError([
				{ propertyPath: `${path}.address.streetAddress`, message: 'This value should not be blank.' },
			]);
		checkTelephone(fields.telephone);
		if (!fields.latLng && !fields.geo && (/nowhere/i.test(fields.streetAddress) || !/\d/.test(fields.streetAddress))) {
			// What CoopCycle does when its geocoder finds nothing (coopcycle-web#864).
			throw new HttpError(500, {
				'@context': '/api/contexts/Error',
				'@type': 'hydra:Error',
				'hydra:title': 'An error occurred',
				'hydra:description': 'Internal Server Error',
			});
		}
		if (fields.latLng)
			fields.geo = { '@type': 'GeoCoordinates', latitude: fields.latLng[0], longitude: fields.latLng[1] };
		delete fields.latLng;
		fields.geo ??= geocode(fields.streetAddress);
		return addAddress(fields, store);
	}

	function checkTelephone(telephone) {
		if (
			telephone !== undefined &&
			telephone !== null &&
			telephone !== '' &&
			!/^\+?[\d\s.]{8,}$/.test(String(telephone))
		) {
			throw hydraError(400, 'The string supplied did not seem to be a phone number.');
		}
	}

	/**
	 * An address object with an "@id": API Platform's JSON-LD ItemNormalizer::denormalize loads that resource and
	 * writes the other fields into it (api_allow_update defaults to true, and coopcycle-web denormalizes task
	 * addresses with no context: src/Api/State/DeliveryProcessor.php, src/Serializer/DeliveryNormalizer.php).
	 * So the saved address itself changes, for every delivery that uses it.
	 */
	function rewriteAddress(value) {
		const found = addresses.get(idOf(value['@id'], 'addresses'));
		if (!found) throw hydraError(400, `Item not found for "${value['@id']}".`);
		const { address } = found;
		for (const key of ['streetAddress', 'name', 'contactName', 'description']) {
			if (value[key] !== undefined) address[key] = value[key];
		}
		if (value.telephone !== undefined) {
			checkTelephone(value.telephone);
			address.telephone = e164(value.telephone);
		}
		const geo = Array.isArray(value.latLng) ? { latitude: value.latLng[0], longitude: value.latLng[1] } : value.geo;
		if (geo && typeof geo === 'object') {
			address.geo = { '@type': 'GeoCoordinates', latitude: Number(geo.latitude), longitude: Number(geo.longitude) };
		}
		return address;
	}

	/**
	 * Reads a task of a delivery body into the sandbox's task shape; throws CoopCycle's errors.
	 *
	 * Two readers exist upstream. Create, Update, Get Price and Create Quote go through the input DTO and
	 * src/Api/State/DeliveryProcessor.php. Check Feasibility and Confirm Quote (which rebuilds the delivery from
	 * the quote's stored request, src/Action/Delivery/ConfirmQuote.php) go through the older
	 * src/Serializer/DeliveryNormalizer.php (`legacy`), which reads metadata only as text, ignores timeSlotUrl,
	 * and runs preg_match() on timeSlot (so anything but text is a 500).
	 */
	function readTask(input, type, index, store, { partialOf, legacy = false } = {}) {
		const path = `items[${index}].task`;
		const task = partialOf ? { ...partialOf } : { type, status: 'TODO' };
		if (input.address !== undefined) task.address = resolveAddress(input.address, path, store);
		let window;
		if (input.timeSlot !== undefined) {
			if (legacy && typeof input.timeSlot !== 'string') throw internalError();
			window = parseTimeSlot(input.timeSlot, parseDate);
			if (!window) throw hydraError(400, `The time slot "${input.timeSlot}" is not valid.`);
			if (input.timeSlotUrl !== undefined && !legacy) {
				const slot = timeSlots.get(idOf(input.timeSlotUrl, 'time_slots'));
				if (!slot) throw hydraError(400, `Item not found for "${input.timeSlotUrl}".`);
				if (
					!slotChoices(slot).some(
						(choice) => choice.range.after === window.after && choice.range.before === window.before,
					)
				) {
					throw violationError([{ propertyPath: `${path}.timeSlot`, message: 'task.timeSlot.invalid' }]);
				}
			}
		} else {
			const beforeText = input.before ?? input.doneBefore;
			const afterText = input.after ?? input.doneAfter;
			const [before, after] = [beforeText, afterText].map((text) => (text === undefined ? undefined : parseDate(text)));
			for (const [text, parsed, field] of [
				[beforeText, before, 'doneBefore'],
				[afterText, after, 'doneAfter'],
			]) {
				if (text !== undefined && parsed === undefined)
					throw violationError([{ propertyPath: `${path}.${field}`, message: 'This value is not a valid datetime.' }]);
			}
			if (before !== undefined || after !== undefined) {
				// src/Api/State/DeliveryProcessor.php sets only the times given: on Update the other one stays as it
				// was. A new task without "after" gets 15 minutes before "before" (Task::fixTimeWindow, prePersist).
				const newBefore = before ?? task.before;
				window = { before: newBefore, after: after ?? task.after ?? newBefore - FIFTEEN_MINUTES };
			}
		}
		if (window) {
			// src/Entity/Task.php: doneAfter < doneBefore, or 'task.before.mustBeGreaterThanAfter'.
			if (window.after >= window.before)
				throw violationError([{ propertyPath: `${path}.doneBefore`, message: 'The time frame is not valid' }]);
			Object.assign(task, window);
		}
		for (const key of ['comments', 'weight', 'assignedTo']) if (input[key] !== undefined) task[key] = input[key];
		const metadata =
			typeof input.metadata === 'string'
				? parseMetadata(input.metadata)
				: !legacy && input.metadata && typeof input.metadata === 'object'
					? input.metadata
					: undefined;
		if (metadata) task.metadata = { ...(task.metadata ?? {}), ...metadata };
		if (input.tags !== undefined) task.tags = Array.isArray(input.tags) ? input.tags : String(input.tags).split(' ');
		if (input.packages !== undefined) task.packages = input.packages.filter((p) => ['XL', 'S', 'M'].includes(p.type));
		return task;
	}

	/**
	 * Metadata given as text, as coopcycle-web src/Spreadsheet/ParseMetadataTrait.php reads it: split on spaces,
	 * then each part on "=", keeping the first two pieces (a part without "=" gets null).
	 */
	function parseMetadata(text) {
		const metadata = {};
		for (const part of text.trim().split(' ')) {
			const [key, value = null] = part.split('=');
			metadata[key] = value;
		}
		return metadata;
	}

	/**
	 * Checks a delivery body the way CoopCycle's readers and validators do (see readTask), returns its tasks.
	 * `check`: the store's zone check too, which only Check Feasibility runs (src/Entity/Delivery.php: the
	 * CheckDelivery constraint is in the "delivery_check" group, validated by /deliveries/assert alone).
	 */
	function readDelivery(body, store, { legacy = false, check = false } = {}) {
		if (!body || typeof body !== 'object') throw hydraError(400, 'Syntax error');
		let inputs;
		if (Array.isArray(body.tasks)) {
			// src/Entity/Delivery.php withTasks: two tasks are made a pickup then a dropoff whatever their type;
			// more keep theirs. DeliveryValidator wants at least two.
			inputs = body.tasks.map((task) => ({ ...task, type: String(task.type ?? '').toUpperCase() }));
			if (inputs.length < 2)
				throw violationError([{ propertyPath: 'items', message: 'Delivery must consist of two tasks.' }]);
			if (inputs.length === 2) [inputs[0].type, inputs[1].type] = ['PICKUP', 'DROPOFF'];
		} else {
			inputs = [
				{ ...(body.pickup ?? {}), type: 'PICKUP' },
				{ ...(body.dropoff ?? {}), type: 'DROPOFF' },
			];
		}
		// src/Entity/Task.php: an address (NotNull) and a latest time (NotBlank), checked after
		// DeliveryManager::setDefaults has given the first pickup the store's address and estimated the latest
		// time of every pickup that has an address (see below): only dropoffs must bring their times.
		const firstPickup = inputs.findIndex((input) => input.type === 'PICKUP');
		const missing = [];
		inputs.forEach((input, index) => {
			const hasAddress = input.address !== undefined || index === firstPickup;
			if (!hasAddress)
				missing.push({ propertyPath: `items[${index}].task.address`, message: 'This value should not be null.' });
			const hasTime = input.before !== undefined || input.doneBefore !== undefined || input.timeSlot !== undefined;
			if (!hasTime && (input.type !== 'PICKUP' || !hasAddress)) {
				missing.push({ propertyPath: `items[${index}].task.doneBefore`, message: 'This value should not be blank.' });
			}
		});
		if (missing.length) throw violationError(missing);
		const read = inputs.map((input, index) => readTask(input, input.type, index, store.id, { legacy }));
		// coopcycle-web src/Service/DeliveryManager.php setDefaults: the first pickup without an address gets the
		// store's; each pickup without a latest time gets "the" dropoff's minus the route's duration (the last
		// dropoff of a delivery of more than two tasks, src/Entity/Delivery.php getDropoff); its earliest time is
		// then 15 minutes before (Task::fixTimeWindow at prePersist).
		const pickups = read.filter((task) => task.type === 'PICKUP');
		const dropoffs = read.filter((task) => task.type === 'DROPOFF');
		const [pickup, dropoff] = [pickups[0], read.length > 2 ? dropoffs.at(-1) : dropoffs[0]];
		if (pickup) pickup.address ??= store.address;
		for (const task of pickups) {
			if (task.before === undefined && task.address && dropoff?.before !== undefined && dropoff.address) {
				task.before = dropoff.before - routeSeconds(task.address.geo, dropoff.address.geo) * 1000;
				task.after ??= task.before - FIFTEEN_MINUTES;
			}
		}
		// src/Validator/Constraints/DeliveryValidator.php: the first pickup's latest time against each dropoff's.
		if (dropoffs.some((task) => pickup.before > task.before))
			throw violationError([{ propertyPath: 'items', message: 'Dropoff date must be after pickup date.' }]);
		// src/Validator/Constraints/CheckDeliveryValidator.php: the store's check expression fails on "items".
		if (check && read.some((task) => /out of zone/i.test(task.address.streetAddress ?? ''))) {
			throw violationError([{ propertyPath: 'items', message: 'Your request is out of the accepted zone or too far' }]);
		}
		return read;
	}

	/** The instance's geocoder, played by a hash: each address text gets its own point in Paris. */
	function geocode(text) {
		const [north, east] = [hashToUnit(...Buffer.from(`n${text}`)), hashToUnit(...Buffer.from(`e${text}`))];
		return { '@type': 'GeoCoordinates', latitude: 48.83 + north * 0.06, longitude: 2.3 + east * 0.1 };
	}

	/** The routing service's duration between two points (coopcycle-web RoutingInterface): here by bike, 15 km/h. */
	function routeSeconds(from, to) {
		const radians = (degrees) => (degrees * Math.PI) / 180;
		const [dLat, dLng] = [radians(to.latitude - from.latitude), radians(to.longitude - from.longitude)];
		const a =
			Math.sin(dLat / 2) ** 2 +
			Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLng / 2) ** 2;
		const kilometres = 6371 * 2 * Math.asin(Math.sqrt(a));
		return Math.round((kilometres / 15) * 3600);
	}

	/** 4.99 for a delivery, 2.00 more per extra dropoff, 1.00 more per started 5 kg; VAT 20 % included. */
	function priceOf(read) {
		const dropoffs = read.filter((task) => task.type === 'DROPOFF').length;
		const weight = read.reduce((total, task) => total + (Number(task.weight) || 0), 0);
		return 499 + 200 * (dropoffs - 1) + 100 * Math.ceil(weight / 5000);
	}

	function createDelivery(read, store) {
		const delivery = {
			id: ++counters.delivery,
			store: store.id,
			tasks: [],
			createdAt: Math.floor(Date.now() / 1000) * 1000,
			price: priceOf(read),
		};
		for (const task of read) {
			const id = ++counters.task;
			tasks.set(id, { ...task, id, delivery: delivery.id, createdAt: delivery.createdAt });
			delivery.tasks.push(id);
			addEvent(id, 'task:created');
		}
		deliveries.set(delivery.id, delivery);
		return delivery;
	}

	function addEvent(taskId, name) {
		events.push({
			'@id': `/api/task_events/${++counters.event}`,
			'@type': 'TaskEvent',
			task: taskId,
			name,
			data: [],
			createdAt: time.format(Date.now()),
		});
	}

	/* ---------------------------------------------------------------- the store's address book */
	/**
	 * POST /api/stores/{id}/addresses (coopcycle-web src/Entity/Store.php, input Address, and
	 * src/Api/State/StoreAddressProcessor.php): the Address is validated and saved as given, with no geocoding:
	 * without a position it is refused (src/Entity/Base/Place.php: $geo is #[Assert\NotNull];
	 * src/Entity/Base/PostalAddress.php: $streetAddress is #[Assert\NotBlank]). The position may come as `geo`
	 * or `latLng` (Address::setLatLng). The answer is the Store, not the address.
	 */
	function saveStoreAddress(request, store) {
		requireLdJson(request);
		const body = request.body ?? {};
		const geo =
			body.geo && typeof body.geo === 'object'
				? body.geo
				: Array.isArray(body.latLng)
					? { latitude: body.latLng[0], longitude: body.latLng[1] }
					: undefined;
		const violations = [];
		if (!body.streetAddress)
			violations.push({ propertyPath: 'streetAddress', message: 'This value should not be blank.' });
		if (!geo) violations.push({ propertyPath: 'geo', message: 'This value should not be null.' });
		if (violations.length) throw violationError(violations);
		checkTelephone(body.telephone);
		addAddress(
			{
				...body,
				geo: { '@type': 'GeoCoordinates', latitude: Number(geo.latitude), longitude: Number(geo.longitude) },
			},
			store.id,
			{ saved: true },
		);
		return storeJson(store);
	}

	/* ---------------------------------------------------------------- the store's delivery list */
	/**
	 * GET /api/stores/{id}/deliveries as coopcycle-web serves it (src/Entity/Delivery.php, second ApiResource),
	 * through API Platform 3.4 and Doctrine ORM 2.20:
	 * - src/Api/Filter/DeliveryOrderFilter.php calls array_keys() on the value of every query parameter
	 *   (api-platform/core AbstractFilter::apply hands it all of them, unguarded), so any scalar parameter, such
	 *   as page, itemsPerPage or pagination, is a TypeError: 500. Only the first page can ever be read, even
	 *   though hydra:view offers a hydra:next with page=2;
	 * - src/Api/Filter/DeliveryTaskDateFilter.php: `<pickup|dropoff>.<before|after>[after|before|strictly_after|
	 *   strictly_before]` keeps deliveries with one task of that type whose doneBefore/doneAfter compares so with
	 *   the text given (one join per parameter name: all the operators of one name apply to the same task);
	 * - order[createdAt] (API Platform OrderFilter, applied first) and order[dropoff.before] (DeliveryOrderFilter,
	 *   which joins every dropoff task of the delivery and passes its direction to Doctrine as it came: anything
	 *   but asc/desc is a 500). Without any order, API Platform's OrderExtension sorts by id. Equal values come
	 *   back in no set order (here: an order that changes with each request);
	 * - 30 a page, counted as Doctrine's paginator does with its DISTINCT (id, order column) subquery: a
	 *   delivery with two dropoffs fills two of the 30 rows. hydra:totalItems counts distinct deliveries.
	 */
	function listDeliveries(request, store) {
		const parameters = phpQuery(request.query);
		if (Object.values(parameters).some((value) => typeof value !== 'object')) throw internalError();
		const requestNumber = ++listRequests;

		let list = [...deliveries.values()].filter((delivery) => delivery.store === store.id);
		for (const [name, operators] of Object.entries(parameters)) {
			const filter = /^(pickup|dropoff)\.(before|after)$/.exec(name);
			if (!filter) continue;
			const conditions = [];
			for (const [operator, text] of Object.entries(operators)) {
				if (!['after', 'before', 'strictly_after', 'strictly_before'].includes(operator)) continue;
				const limit = time.filterValue(text);
				if (limit === undefined) throw internalError(); // PostgreSQL: invalid input syntax for type timestamp
				conditions.push((wall) =>
					operator === 'after'
						? wall >= limit
						: operator === 'before'
							? wall <= limit
							: operator === 'strictly_after'
								? wall > limit
								: wall < limit,
				);
			}
			const [type, field] = [filter[1].toUpperCase(), filter[2]];
			list = list.filter((delivery) =>
				delivery.tasks
					.map((id) => tasks.get(id))
					.some((task) => task.type === type && conditions.every((test) => test(time.wallOf(task[field])))),
			);
		}

		const order = parameters.order ?? {};
		const keys = [];
		const createdAtDirection = String(order.createdAt ?? '').toLowerCase();
		if (['asc', 'desc'].includes(createdAtDirection))
			keys.push({ of: (row) => row.delivery.createdAt, direction: createdAtDirection });
		if (order['dropoff.before'] !== undefined) {
			const direction = String(order['dropoff.before']).toLowerCase();
			if (!['asc', 'desc'].includes(direction)) throw internalError();
			keys.push({ of: (row) => row.dropoffBefore, direction });
		}
		let rows = list.map((delivery) => ({ delivery }));
		if (order['dropoff.before'] !== undefined) {
			rows = list.flatMap((delivery) => {
				const times = delivery.tasks
					.map((id) => tasks.get(id))
					.filter((task) => task.type === 'DROPOFF')
					.map((task) => task.before);
				return [...new Set(times)].map((dropoffBefore) => ({ delivery, dropoffBefore }));
			});
		}
		if (keys.length === 0) keys.push({ of: (row) => row.delivery.id, direction: 'asc' });
		const tie = (row) => hashToUnit(requestNumber, row.delivery.id);
		rows.sort((a, b) => {
			for (const { of, direction } of keys) {
				if (of(a) !== of(b)) return (of(a) < of(b) ? -1 : 1) * (direction === 'desc' ? -1 : 1);
			}
			return tie(a) - tie(b);
		});
		const page = [...new Set(rows.slice(0, PAGE_SIZE).map((row) => row.delivery))];

		return collection(request, request.path, list, {
			firstPage: page.map((delivery) => deliveryJson(delivery)),
			context: '/api/contexts/Delivery',
		});
	}

	/* ---------------------------------------------------------------- time slots */
	function slotChoices(slot) {
		const choices = [];
		const today = new Date();
		for (let day = 1; day <= 2; day++) {
			const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + day));
			const dayText = date.toISOString().slice(0, 10);
			for (const [from, to] of slot.hours) {
				const range = {
					after: Date.parse(`${dayText}T${String(from).padStart(2, '0')}:00:00Z`),
					before: Date.parse(`${dayText}T${String(to).padStart(2, '0')}:00:00Z`),
				};
				choices.push({
					range,
					json: {
						'@type': 'TimeSlotChoice',
						value: `${iso(range.after).replace('.000', '')}/${iso(range.before).replace('.000', '')}`,
						label: `${day === 1 ? 'Tomorrow' : 'In two days'} between ${from}:00 and ${to}:00`,
					},
				});
			}
		}
		return choices;
	}
	const choicesJson = (slot) => ({
		'@context': '/api/contexts/TimeSlotChoices',
		'@type': 'TimeSlotChoices',
		choices: slotChoices(slot).map((choice) => choice.json),
	});

	/* ---------------------------------------------------------------- routes */
	function requireLdJson(request) {
		const type = String(request.headers['content-type'] ?? '')
			.split(';')[0]
			.trim();
		if (type !== 'application/ld+json') {
			throw hydraError(
				415,
				`The content-type "${type || 'none'}" is not supported. Supported MIME types are "application/ld+json".`,
			);
		}
	}

	function route(request) {
		const { method, path, query } = request;
		if (method === 'POST' && path === '/oauth2/token')
			return [200, issueToken(request.rawBody, request.headers.authorization)];
		if (method === 'GET' && path === '/api')
			return [200, { '@context': '/api/contexts/Entrypoint', '@id': '/api', '@type': 'Entrypoint' }];
		if (!path.startsWith('/api/')) throw new HttpError(404, { message: 'Not Found' });

		const auth = authenticate(request);
		const body = request.body;
		const segments = path.split('/').slice(2); // after /api
		const [resource, first, second, third] = segments;
		const number = (value) => (/^\d+$/.test(value ?? '') ? Number(value) : undefined);

		if (resource === 'me' && method === 'GET' && !first) {
			return [
				200,
				{
					'@context': '/api/contexts/ApiApp',
					'@type': 'http://schema.org/SoftwareApplication',
					'@id': `/api/api_apps/${auth.client.store ?? 0}`,
					store: auth.client.store ? `/api/stores/${auth.client.store}` : null,
					shop: null,
					name: `${auth.client.clientId} app`,
				},
			];
		}

		if (resource === 'stores' && number(first) !== undefined) {
			const store = ownStore(auth, number(first));
			if (!second && method === 'GET') return [200, storeJson(store)];
			if (second === 'deliveries' && method === 'GET') {
				needScope(auth, 'deliveries');
				return [200, listDeliveries(request, store)];
			}
			if (second === 'addresses' && method === 'GET') {
				// coopcycle-web src/Entity/Address.php (/stores/{id}/addresses): the address book, paged, in API
				// Platform's default order (by id, so by creation).
				const list = [...addresses.values()]
					.filter((entry) => entry.saved && entry.store === store.id)
					.map((entry) => entry.address);
				return [200, collection(request, path, list, { context: '/api/contexts/Address' })];
			}
			if (second === 'addresses' && method === 'POST') {
				return [201, saveStoreAddress(request, store)];
			}
		}

		if (resource === 'deliveries') {
			needScope(auth, 'deliveries');
			const store = stores.get(auth.client.store);
			if (!store) throw hydraError(403, 'Not authorized to create deliveries');
			if (method === 'POST' && !first) {
				requireLdJson(request);
				return [201, deliveryJson(createDelivery(readDelivery(body, store), store))];
			}
			if (method === 'POST' && first === 'assert') {
				readDelivery(body, store, { legacy: true, check: true });
				return [200, []];
			}
			if (method === 'POST' && first === 'quotes') {
				// src/Api/State/DeliveryQuoteProcessor.php: priced from the request, which is stored as it came.
				const read = readDelivery(body, store);
				const id = ++counters.quote;
				quotes.set(id, { id, store: store.id, payload: structuredClone(body), amount: priceOf(read) });
				return [
					201,
					{
						'@context': '/api/contexts/DeliveryQuote',
						'@id': `/api/delivery_quotes/${id}`,
						'@type': 'DeliveryQuote',
						amount: priceOf(read),
						currency: 'EUR',
						expiresAt: time.format(Date.now() + 86400000),
					},
				];
			}
			if (method === 'PUT' && first === 'quotes' && number(second) !== undefined && third === 'confirm') {
				const quote = quotes.get(number(second));
				if (!quote) throw hydraError(404, 'Not Found');
				if (quote.store !== store.id) throw hydraError(403, 'Access Denied.');
				const delivery = createDelivery(readDelivery(quote.payload, store, { legacy: true }), store);
				delivery.price = quote.amount;
				return [
					200,
					{
						'@context': '/api/contexts/DeliveryQuote',
						'@id': `/api/deliveries/quotes/${quote.id}/confirm`,
						'@type': 'DeliveryQuote',
						delivery: `/api/deliveries/${delivery.id}`,
					},
				];
			}
			const id = number(first);
			if (id !== undefined) {
				const delivery = ownDelivery(auth, id);
				const own = delivery.tasks.map((taskId) => tasks.get(taskId));
				if (method === 'GET' && !second) return [200, deliveryJson(delivery)];
				if (method === 'DELETE' && !second) {
					if (own.some((task) => task.assignedTo)) throw hydraError(400, 'Tasks have already been assigned');
					for (const task of own)
						if (task.status !== 'CANCELLED') {
							task.status = 'CANCELLED';
							addEvent(task.id, 'task:cancelled');
						}
					return [204, undefined];
				}
				if (method === 'PUT' && (second === 'pick' || second === 'drop')) {
					const pickup = own.find((task) => task.type === 'PICKUP');
					const target = second === 'pick' ? pickup : own.findLast((task) => task.type === 'DROPOFF');
					// Wrong order or done twice: CoopCycle's handler throws, hence a 500.
					if (target.status === 'DONE' || (second === 'drop' && pickup.status !== 'DONE'))
						throw hydraError(500, 'Internal Server Error');
					target.status = 'DONE';
					if (body?.comments) target.comments = body.comments;
					addEvent(target.id, 'task:done');
					return [200, deliveryJson(delivery, `/api/deliveries/${id}/${second}`)];
				}
				if (method === 'PUT' && !second) {
					if (Array.isArray(body?.tasks)) {
						// Tasks left out of the list are cancelled, those without id are added.
						const kept = new Set(body.tasks.filter((task) => task.id).map((task) => Number(task.id)));
						for (const task of own) if (!kept.has(task.id) && task.status !== 'CANCELLED') task.status = 'CANCELLED';
						body.tasks.forEach((input, index) => {
							if (input.id && tasks.has(Number(input.id)))
								Object.assign(
									tasks.get(Number(input.id)),
									readTask(input, undefined, index, store.id, { partialOf: tasks.get(Number(input.id)) }),
								);
							else {
								const taskId = ++counters.task;
								tasks.set(taskId, {
									...readTask(input, String(input.type ?? 'DROPOFF').toUpperCase(), index, store.id),
									id: taskId,
									delivery: id,
								});
								delivery.tasks.push(taskId);
							}
						});
					} else {
						['pickup', 'dropoff'].forEach((kind, index) => {
							if (!body?.[kind]) return;
							const task =
								kind === 'pickup' ? own.find((t) => t.type === 'PICKUP') : own.findLast((t) => t.type === 'DROPOFF');
							Object.assign(task, readTask(body[kind], task.type, index, store.id, { partialOf: task }));
						});
					}
					return [200, deliveryJson(delivery)];
				}
			}
		}

		if (resource === 'retail_prices' && first === 'calculate' && method === 'POST') {
			needScope(auth, 'deliveries');
			const amount = priceOf(readDelivery(body, stores.get(auth.client.store)));
			const excluded = query.get('tax') === 'excluded';
			const total = excluded ? Math.round(amount / 1.2) : amount;
			return [
				200,
				{
					'@context': '/api/contexts/RetailPrice',
					'@id': '/api/retail_prices/calculate',
					'@type': 'RetailPrice',
					amount: total,
					currency: 'EUR',
					tax: { amount: excluded ? 0 : amount - Math.round(amount / 1.2), included: !excluded },
				},
			];
		}

		if (resource === 'time_slots') {
			needScope(auth, 'deliveries');
			if (first === 'choices' && method === 'GET') {
				// coopcycle-web src/Action/TimeSlot/Choices.php passes the store's default time slot to
				// TimeSlotChoiceLoader, whose constructor requires a TimeSlot: a store without one gets a 500.
				const slot = timeSlots.get(stores.get(auth.client.store).timeSlot);
				if (!slot) throw internalError();
				return [200, choicesJson(slot)];
			}
			const slot = timeSlots.get(number(first));
			if (!slot) throw hydraError(404, 'Not Found');
			if (!second && method === 'GET')
				return [
					200,
					{
						'@context': '/api/contexts/TimeSlot',
						'@id': path,
						'@type': 'TimeSlot',
						id: slot.id,
						name: slot.name,
						interval: slot.interval,
						priorNotice: null,
						workingDaysOnly: false,
						openingHoursSpecification: [
							{
								'@type': 'OpeningHoursSpecification',
								opens: `${slot.hours[0][0]}:00`,
								closes: `${slot.hours.at(-1)[1]}:00`,
								dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
							},
						],
					},
				];
			if (second === 'choices' && method === 'GET') {
				if (slot.store !== auth.client.store) throw hydraError(403, 'Access Denied.');
				return [200, choicesJson(slot)];
			}
		}

		if (resource === 'tasks' && method === 'GET') {
			if (!first) {
				needScope(auth, 'tasks:all');
				const day = query.get('date');
				const list = [...tasks.values()]
					.filter((task) => !day || time.format(task.before).slice(0, 10) === day)
					.map(taskJson);
				return [
					200,
					query.get('pagination') === 'true'
						? collection(request, path, list)
						: {
								'@context': '/api/contexts/Task',
								'@id': path,
								'@type': 'hydra:Collection',
								'hydra:member': list,
								'hydra:totalItems': list.length,
							},
				];
			}
			needScope(auth, 'tasks');
			const task = ownTask(auth, number(first));
			if (!second) return [200, { '@context': '/api/contexts/Task', ...taskJson(task) }];
			if (second === 'events') {
				// coopcycle-web src/Entity/Task.php: an item operation whose controller (src/Action/Task/Events.php)
				// returns all the events: one collection, not paged (features/tasks.feature shows no hydra:view).
				const list = events.filter((event) => event.task === task.id).map(({ task: _task, ...event }) => event);
				return [
					200,
					{
						'@context': '/api/contexts/Task',
						'@id': path,
						'@type': 'hydra:Collection',
						'hydra:member': list,
						'hydra:totalItems': list.length,
					},
				];
			}
		}

		if (resource === 'task_lists' && method === 'GET' && !first) {
			needScope(auth, 'tasks');
			return [200, collection(request, path, [])];
		}

		throw hydraError(404, 'Not Found');
	}

	/* ---------------------------------------------------------------- server */
	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url, 'http://sandbox');
			const rawBody = Buffer.concat(chunks).toString();
			const request = {
				method: req.method,
				path: url.pathname.replace(/\/+$/, '') || '/',
				query: url.searchParams,
				headers: req.headers,
				rawBody,
				body: undefined,
			};
			const record = {
				method: req.method,
				path: request.path,
				query: Object.fromEntries(url.searchParams),
				contentType: req.headers['content-type'],
				accept: req.headers.accept,
				authorization: req.headers.authorization?.split(' ')[0], // the scheme only: no secret in the log
				body: undefined,
			};
			requests.push(record);
			let status;
			let answer;
			let headers = {};
			try {
				if (rawBody && !request.path.startsWith('/oauth2')) {
					try {
						request.body = JSON.parse(rawBody);
					} catch {
						throw hydraError(400, 'Syntax error');
					}
					record.body = request.body;
				}
				[status, answer] = route(request);
			} catch (error) {
				if (!(error instanceof HttpError)) {
					status = 500;
					answer = { '@type': 'hydra:Error', 'hydra:description': 'Internal Server Error' };
					if (log) console.error(error);
				} else {
					[status, answer, headers] = [error.status, error.body, error.headers];
				}
			}
			record.status = status;
			if (log) console.log(`${req.method} ${req.url} → ${status}`);
			const isOAuth = request.path.startsWith('/oauth2') || status === 401;
			res.writeHead(status, { 'Content-Type': isOAuth ? 'application/json' : LD_JSON, ...headers });
			res.end(answer === undefined ? undefined : JSON.stringify(answer));
		});
	});

	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	server.url = `http://127.0.0.1:${server.address().port}`;

	const sandbox = {
		url: server.url,
		requests,
		tokenCalls: () => tokenCalls,
		/** Makes every token issued so far invalid: the next API call with one of them gets 401. */
		expireTokens: () => tokens.clear(),
		/** The deliveries of a store as the API shows them (for assertions). */
		deliveries: (storeId = 1) =>
			[...deliveries.values()].filter((d) => d.store === storeId).map((d) => deliveryJson(d)),
		/**
		 * Creates `count` deliveries for a store (the shop's by default), for lists and demos: one an hour from
		 * today 8:00 UTC, each with a one-hour dropoff window, or the dropoff windows `dropoffWindow(index)` gives
		 * as [after, before] in epoch milliseconds.
		 */
		seed: (count, { store = 1, dropoffWindow } = {}) => {
			const start = new Date();
			start.setUTCHours(8, 0, 0, 0);
			for (let index = 0; index < count; index++) {
				const [after, before] = dropoffWindow?.(index) ?? [
					start.getTime() + (index - 1) * 3600 * 1000,
					start.getTime() + index * 3600 * 1000,
				];
				const read = readDelivery(
					{
						dropoff: {
							address: `${index + 1} Rue de la Paix, 75002 Paris`,
							after: time.format(after),
							before: time.format(before),
						},
					},
					stores.get(store),
				);
				createDelivery(read, stores.get(store));
			}
		},
		/** The saved address of this id, as it is now (for assertions). */
		address: (id) => addresses.get(id)?.address,
		/** Saves `count` addresses in a store's address book (the shop's by default). */
		seedAddresses: (count, { store = 1 } = {}) => {
			for (let index = 0; index < count; index++) {
				addAddress(
					{
						streetAddress: `${index + 1} Rue du Carnet, 75011 Paris`,
						geo: { '@type': 'GeoCoordinates', latitude: 48.86, longitude: 2.38 },
					},
					store,
					{ saved: true },
				);
			}
		},
		/** Sets (or, with null, removes) a store's default time slot, as the cooperative's admin would. */
		setDefaultTimeSlot: (slot, store = 1) => {
			stores.get(store).timeSlot = slot;
		},
		/** Marks the tasks of a delivery assigned to a courier, as a dispatcher would. */
		assign: (deliveryId, username = 'courier') => {
			for (const taskId of deliveries.get(deliveryId)?.tasks ?? []) tasks.get(taskId).assignedTo = username;
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
	sandbox.seed(seedDeliveries);
	return sandbox;
}

/* -------------------------------------------------------------------- standalone */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const argument = (name, fallback) => {
		const index = process.argv.indexOf(`--${name}`);
		return index > 0 ? Number(process.argv[index + 1]) : fallback;
	};
	const sandbox = await startCoopCycleSandbox({
		port: argument('port', 4020),
		seedDeliveries: argument('seed', 12),
		tokenTtlSeconds: argument('token-ttl', 3600),
		log: true,
	});
	console.log(`CoopCycle sandbox listening on ${sandbox.url}`);
	console.log(
		`Credential: Instance URL ${sandbox.url}, client ID ${SANDBOX_CLIENT.clientId}, client secret ${SANDBOX_CLIENT.clientSecret}`,
	);
	process.on('SIGINT', () => sandbox.close().then(() => process.exit(0)));
}
