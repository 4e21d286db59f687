// The list route, GET /journeys: its filters, its window (today 00:00 Paris time of the UTC date) and its bugs.
import { registryToday, isAjvDateTime } from './dates.mjs';
import { rpcError, send } from './http.mjs';
import { LIST_FILTERS, STATUS_COLUMNS, publicStatus } from './status.mjs';

/**
 * A deterministic "random" order of `rows` for the `order`-th request (FNV-1a of the request's number and the id):
 * each request its own order, the same in every run.
 */
function shuffled(rows, order) {
	const hash = (text) => {
		let value = 2166136261;
		for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 16777619) >>> 0;
		return value;
	};
	return rows
		.map((row) => ({ row, key: hash(`${order}:${row.operator_journey_id}`) }))
		.sort((a, b) => a.key - b.key)
		.map(({ row }) => row);
}

/**
 * Options (defaults: as the sandbox always answered):
 * - shuffleList: each list request gives its rows in an order of its own. The query has no ORDER BY
 *   (CarpoolStatusRepository.getOperatorJourneyIdByStatus, l.99-134): Postgres may return the rows in any order,
 *   and another one for the next query (another plan, a parallel or synchronized scan, rows updated since and so
 *   written elsewhere). Off: the order journeys were stored in.
 * - checkedAfterEachList: after answering each list request, the registry's checks finish for this many pending
 *   journeys (the earliest stored): they become ok and leave the pending list, as they do while an operator reads
 *   its pages. Off: 0.
 */
export function listRoute(state, { shuffleList = false, checkedAfterEachList = 0 } = {}) {
	let listRequests = 0;
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
		// start <= start_datetime < end; no ORDER BY (the order journeys were stored in, unless shuffleList).
		const matching = [...state.journeys.entries()]
			.filter(([, record]) => filters.some((filter) => Object.entries(filter).every(([column, value]) => record[column] === value)))
			.filter(([, record]) => {
				const started = Date.parse(record.journey.start.datetime);
				return started >= start && started < end;
			})
			.map(([id]) => ({ operator_journey_id: id }));
		listRequests++;
		const rows = shuffleList ? shuffled(matching, listRequests) : matching;
		send(res, 200, rows.slice(offset, offset + limit));
		finishChecks(checkedAfterEachList);
	}

	/** The checks of `count` pending journeys finish (the geo job, then the fraud and anomaly checks all pass). */
	function finishChecks(count) {
		const pending = [...state.journeys.values()].filter((record) => publicStatus(record) === 'pending').slice(0, count);
		for (const record of pending) Object.assign(record, STATUS_COLUMNS.ok);
	}

	return { listJourneys };
}
