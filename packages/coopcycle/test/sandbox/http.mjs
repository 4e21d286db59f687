// HTTP as the CoopCycle sandbox answers it: API Platform's error shapes, hydra collections, PHP's reading of query
// parameters. Shared by every route group.

export const LD_JSON = 'application/ld+json; charset=utf-8';

// coopcycle-web config/packages/api_platform.yaml: pagination_maximum_items_per_page 100, and no
// pagination_items_per_page, so API Platform's default of 30 (nor does the /stores/{id}/deliveries resource of
// src/Entity/Delivery.php set one: the paginationItemsPerPage 15 there belongs to the main resource only).
const MAX_PAGE_SIZE = 100;
export const PAGE_SIZE = 30;

export class HttpError extends Error {
	constructor(status, body, headers = {}) {
		super(`HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

export const hydraError = (status, description) =>
	new HttpError(status, {
		'@context': '/api/contexts/Error',
		'@type': 'hydra:Error',
		'hydra:title': 'An error occurred',
		'hydra:description': description,
	});

export const violationError = (violations) =>
	new HttpError(400, {
		'@context': '/api/contexts/ConstraintViolationList',
		'@type': 'ConstraintViolationList',
		'hydra:title': 'An error occurred',
		'hydra:description': violations.map((v) => `${v.propertyPath}: ${v.message}`).join('\n'),
		violations: violations.map((v) => ({ ...v, code: null })),
	});

/**
 * Query parameters as PHP and API Platform read them (ApiPlatform RequestParser keeps the dots):
 * `order[dropoff.before]=asc` → { order: { 'dropoff.before': 'asc' } }, `page=2` → { page: '2' }.
 */
export function phpQuery(searchParams) {
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
export function hashToUnit(...numbers) {
	let hash = 2166136261;
	for (const number of numbers) hash = Math.imul(hash ^ (number >>> 0), 16777619) >>> 0;
	return hash / 4294967296;
}

export const internalError = () =>
	new HttpError(500, {
		'@context': '/api/contexts/Error',
		'@type': 'hydra:Error',
		'hydra:title': 'An error occurred',
		'hydra:description': 'Internal Server Error',
	});

/** The number of an IRI of `collection` ("/api/addresses/12" → 12), or undefined. */
export const idOf = (iri, collection) => {
	const match = new RegExp(`^/api/${collection}/(\\d+)$`).exec(String(iri ?? ''));
	return match ? Number(match[1]) : undefined;
};

/**
 * A hydra collection of `members`, paged by `itemsPerPage` and `page`; or, given `firstPage`, that first page
 * of them as a route that cannot be paged computed it.
 */
export function collection(request, iri, members, { firstPage, context = '/api/contexts/Collection' } = {}) {
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

export function requireLdJson(request) {
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
