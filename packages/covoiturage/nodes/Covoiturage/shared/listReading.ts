import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { utcText } from '../../shared/dates';
import { limitOf } from '../../shared/fields';
import type { Api } from '../../shared/route';
import { registryMidnight } from './dates';

/**
 * How the registry's list (GET /journeys) is read whole, by Get Many and by the Covoiturage Trigger.
 *
 * The list pages with LIMIT and OFFSET but no ORDER BY (CarpoolStatusRepository.getOperatorJourneyIdByStatus), so
 * Postgres may give the rows in another order at each request, and journeys leave a status (`pending` above all)
 * while the pages are read: pages by offset repeat some ids and skip others. One request, though, is one query:
 * an answer with fewer rows than asked for is the whole of its window at that moment. So a window is read in one
 * request; when the answer is full, the window is cut in two at its middle and each half is read the same way,
 * the earlier first. The list filters on the time journeys started, `start <= start_datetime < end`, so the halves
 * share no journey. A window of one millisecond still full (over 100 journeys that started at the same instant)
 * cannot be cut: it is read by offset pages. Each id comes out once.
 *
 * Cost: one request when the window holds fewer than 100 journeys; otherwise about 3 requests per 100 journeys
 * (up to 5 when they bunch at rush hours, more for a burst within minutes), where offset pages take 1.
 */

/** The registry answers at most 100 ids a request (its schema's `max`, which it may not enforce). */
const PAGE_SIZE = 100;

/** One request of the list route with these query parameters: its answer (an array of `{ operator_journey_id }`). */
export type ListRequest = (qs: IDataObject) => Promise<unknown>;

export interface ListQuery {
	status: string;
	/** The window, as the registry's UTC texts; without them the registry's defaults (7 days before today, today). */
	start?: string;
	end?: string;
}

const idsOf = (answer: unknown): string[] =>
	(Array.isArray(answer) ? (answer as IDataObject[]) : [])
		.filter((row) => row && row.operator_journey_id !== undefined)
		.map((row) => String(row.operator_journey_id));

/** A window of the list: the query of its requests, with its bounds when it has them. */
type Window = IDataObject;

function windowOf(status: string, start: string | undefined, end: string | undefined): Window {
	return { status, ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/** A window's bounds in milliseconds; those not given are the registry's defaults (ListJourneyAction.applyDefault). */
function boundsOf(window: Window, now: number): { from: number; to: number } {
	return {
		from: window.start ? Date.parse(window.start as string) : registryMidnight(now, 7),
		to: window.end ? Date.parse(window.end as string) : registryMidnight(now),
	};
}

/** The middle of [from, to), on a whole second when the window is longer than two seconds. */
function middleOf(from: number, to: number): number {
	const middle = from + Math.floor((to - from) / 2);
	return to - from > 2000 ? Math.floor(middle / 1000) * 1000 : middle;
}

/**
 * The ids the registry lists for `query`, each once, at most `limit` (Infinity: all). The first request is the
 * query as given (the registry applies its own defaults to a missing start or end); the halves need both bounds,
 * a missing one being the registry's default, computed as it does.
 */
export async function readListedIds(
	request: ListRequest,
	query: ListQuery,
	limit = Infinity,
	now = Date.now(),
): Promise<string[]> {
	const ids = new Set<string>();
	const keep = (rows: string[]) => rows.forEach((id) => ids.size < limit && ids.add(id));
	const read = async (window: Window, size: number, offset = 0): Promise<string[]> =>
		idsOf(await request({ ...window, limit: size, offset }));

	const windows: Window[] = [windowOf(query.status, query.start, query.end)];
	while (windows.length && ids.size < limit) {
		const window = windows.shift() as Window;
		const size = Math.min(PAGE_SIZE, limit - ids.size);
		const rows = await read(window, size);
		if (rows.length < size) {
			keep(rows); // the whole window
			continue;
		}
		if (size < PAGE_SIZE) {
			keep(rows); // as many as Limit still needs: enough, unless some had come already
			if (ids.size >= limit) break;
		}
		const { from, to } = boundsOf(window, now);
		if (to - from > 1) {
			// Full: more may be there. Its two halves are read instead (their ids are the window's).
			const middle = middleOf(from, to);
			windows.unshift(
				windowOf(query.status, utcText(from), utcText(middle)),
				windowOf(query.status, utcText(middle), utcText(to)),
			);
			continue;
		}
		// Over 100 journeys that started in the same millisecond: pages by offset, the only way left.
		keep(rows);
		for (let offset = rows.length; ids.size < limit; offset += PAGE_SIZE) {
			const next = await read(window, PAGE_SIZE, offset);
			keep(next);
			if (next.length < PAGE_SIZE) break;
		}
	}
	return [...ids];
}

/** Get Many's read step: the ids of its query (built and checked by buildListQuery), each once, up to Limit. */
export async function readJourneyList(this: IExecutePaginationFunctions, api: Api): Promise<IDataObject[]> {
	const request: ListRequest = async (qs) =>
		(await api.send({ ...api.request, options: { ...api.request.options, qs } })).map((item) => item.json);
	const query = api.request.options.qs as unknown as ListQuery;
	const ids = await readListedIds(request, query, limitOf(this));
	return ids.map((operator_journey_id) => ({ operator_journey_id }));
}
