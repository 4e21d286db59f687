import type { IDataObject } from 'n8n-workflow';

import { wallClockOf } from '../../shared/dates';

/**
 * How Delivery → Get Many reads a store's deliveries without losing or repeating any (the reading itself is in
 * windowReader.ts; this file holds the windows and what CoopCycle's filters do with them).
 *
 * CoopCycle's /api/stores/{id}/deliveries answers 500 to any query parameter that is not bracketed (its order
 * filter reads every parameter as an array), so `page` and `itemsPerPage` cannot be sent: each request gives
 * only the first page, 30 deliveries, of what it asks for. Each answer also says how many deliveries match it
 * (`hydra:totalItems`). So the list is read by windows of task times, with bracketed parameters only:
 *
 * - a window whose page holds all the deliveries it matches is done;
 * - otherwise it is cut in two at a time seen in its page. The other side is read next; the page's side needs
 *   no request when the counts prove that every delivery on it that the page lacks is on the other side too;
 * - when one dropoff time holds more deliveries than a page (time slots make that common), that instant is
 *   cut along the other task times: pickup latest time, dropoff earliest time, pickup earliest time;
 * - when every time is the same, the 30 oldest and the 30 newest by creation are read; if the deliveries do
 *   not all fit in those, the item fails rather than return part of the list as if it were whole.
 *
 * CoopCycle compares these filters with the local time it stores, and ignores any time zone offset in them, so
 * times are handled here as wall-clock text `YYYY-MM-DDTHH:MM:SS`, which sorts like the times themselves.
 */

/** The task times CoopCycle can filter deliveries on, the dropoff's latest time first. */
export const DIMENSIONS = ['dropoff.before', 'pickup.before', 'dropoff.after', 'pickup.after'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Bound {
	/** Wall-clock time, `YYYY-MM-DDTHH:MM:SS`. */
	at: string;
	strict: boolean;
}
export interface Range {
	from?: Bound;
	to?: Bound;
}
/** A window: a range of times on some dimensions; a delivery is in it when, for each, one of its tasks is. */
export type Cell = Partial<Record<Dimension, Range>>;

/** A page of deliveries, with how many match the request in all as CoopCycle counts them (`hydra:totalItems`). */
export interface Page {
	members: IDataObject[];
	total: number;
}
/** Asks CoopCycle's delivery list for one page, with these query parameters only. */
export type FetchPage = (query: IDataObject) => Promise<Page>;

export type SortKey = 'dropoff.before' | 'createdAt';
export interface Sort {
	by: SortKey;
	direction: 'asc' | 'desc';
}

/* ------------------------------------------------------------------------------------------------------------
 * Ranges and windows.
 * ---------------------------------------------------------------------------------------------------------- */
export function inRange(range: Range, at: string): boolean {
	const { from, to } = range;
	const aboveFrom = !from || at > from.at || (!from.strict && at === from.at);
	const belowTo = !to || at < to.at || (!to.strict && at === to.at);
	return aboveFrom && belowTo;
}

export function isEmpty(range: Range | undefined): boolean {
	const { from, to } = range ?? {};
	if (!from || !to) return false;
	return from.at > to.at || (from.at === to.at && (from.strict || to.strict));
}

export function isPinned(range: Range | undefined): boolean {
	const { from, to } = range ?? {};
	return !!from && !!to && from.at === to.at && !from.strict && !to.strict;
}

/** The tighter of two lower (or upper) bounds. */
function tighter(a: Bound | undefined, b: Bound | undefined, side: 'from' | 'to'): Bound | undefined {
	if (!a || !b) return a ?? b;
	if (a.at === b.at) return { at: a.at, strict: a.strict || b.strict };
	return (side === 'from') === a.at > b.at ? a : b;
}

/** Both ranges at once. */
export function intersect(a: Range = {}, b: Range = {}): Range {
	const range: Range = {};
	const from = tighter(a.from, b.from, 'from');
	const to = tighter(a.to, b.to, 'to');
	if (from) range.from = from;
	if (to) range.to = to;
	return range;
}

export function withRange(cell: Cell, dimension: Dimension, range: Range): Cell {
	return { ...cell, [dimension]: intersect(cell[dimension], range) };
}

/** The bracketed query parameters of a window, the only kind CoopCycle's delivery list accepts. */
export function queryOf(cell: Cell, order: Sort): IDataObject {
	const query: IDataObject = { [`order[${order.by}]`]: order.direction };
	for (const dimension of DIMENSIONS) {
		const { from, to } = cell[dimension] ?? {};
		if (from) query[`${dimension}[${from.strict ? 'strictly_after' : 'after'}]`] = from.at;
		if (to) query[`${dimension}[${to.strict ? 'strictly_before' : 'before'}]`] = to.at;
	}
	return query;
}

/* ------------------------------------------------------------------------------------------------------------
 * Deliveries.
 * ---------------------------------------------------------------------------------------------------------- */
export const keyOf = (delivery: IDataObject) => String(delivery['@id'] ?? delivery.id);

/**
 * The times of a delivery on one dimension: one per task of that type. CoopCycle's filters match a delivery
 * when any of its tasks matches, cancelled ones included, and its answers list them all in `tasks`.
 */
export function timesOf(delivery: IDataObject, dimension: Dimension): string[] | undefined {
	const [type, field] = dimension.split('.');
	if (!Array.isArray(delivery.tasks)) return undefined;
	const legacy = field === 'before' ? 'doneBefore' : 'doneAfter';
	return (delivery.tasks as IDataObject[])
		.filter((task) => String(task?.type ?? '').toLowerCase() === type)
		.map((task) => wallClockOf(task[field] ?? task[legacy]))
		.filter((time): time is string => time !== undefined);
}

/** Whether a delivery is in a window, as CoopCycle's filters decide it; undefined when its tasks are unknown. */
export function isIn(delivery: IDataObject, cell: Cell): boolean | undefined {
	for (const dimension of DIMENSIONS) {
		const range = cell[dimension];
		if (!range) continue;
		const times = timesOf(delivery, dimension);
		if (times === undefined) return undefined;
		if (!times.some((time) => inRange(range, time))) return false;
	}
	return true;
}

/** The dropoff time the user sees and sorts on: the delivery's `dropoff.before`. */
export function dropoffTimeOf(delivery: IDataObject): string {
	const shown = wallClockOf((delivery.dropoff as IDataObject | undefined)?.before);
	return shown ?? timesOf(delivery, 'dropoff.before')?.at(-1) ?? '';
}

export function sortDeliveries(deliveries: IDataObject[], sort: Sort): IDataObject[] {
	const sign = sort.direction === 'asc' ? 1 : -1;
	const byId = (a: IDataObject, b: IDataObject) => (Number(a.id) - Number(b.id)) * sign;
	if (sort.by === 'createdAt') return [...deliveries].sort(byId);
	return [...deliveries].sort((a, b) => {
		const [timeA, timeB] = [dropoffTimeOf(a), dropoffTimeOf(b)];
		return timeA === timeB ? byId(a, b) : (timeA < timeB ? -1 : 1) * sign;
	});
}

export function describeInstant(cell: Cell): string {
	const range = (dimension: Dimension) => cell[dimension]?.from?.at.replace('T', ' ') ?? '?';
	return `pickup ${range('pickup.after')} to ${range('pickup.before')}, dropoff ${range('dropoff.after')} to ${range('dropoff.before')}`;
}
