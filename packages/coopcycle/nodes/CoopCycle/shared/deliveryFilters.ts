import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { dayAfter, wallClockOf } from '../../shared/dates';
import { failItem } from '../../shared/failItem';
import { intersect, type Cell, type Dimension, type Sort } from './windows';

/**
 * Delivery → Get Many's Filters and Sort, as the window CoopCycle's delivery list is read in (see windows.ts). The
 * filters are the cooperative's local times: CoopCycle ignores any time zone offset in them.
 */

/** A filter of the deliveries' task times, and how it bounds CoopCycle's `<dimension>[after|before]`. */
const FILTERS: Array<{ name: string; label: string; dimension: Dimension; side: 'from' | 'to' }> = [
	{ name: 'dropoffFrom', label: 'Dropoff From', dimension: 'dropoff.before', side: 'from' },
	{ name: 'dropoffUntil', label: 'Dropoff Until', dimension: 'dropoff.before', side: 'to' },
	{ name: 'pickupFrom', label: 'Pickup From', dimension: 'pickup.before', side: 'from' },
	{ name: 'pickupUntil', label: 'Pickup Until', dimension: 'pickup.before', side: 'to' },
];

export type GetParameter = (name: string, fallback: unknown) => unknown;

/** The user's filters as a window, or the message naming the filter to fix. */
export function filtersWindow(getParameter: GetParameter): Cell | { error: string; description?: string } {
	const filters = (getParameter('filters', {}) ?? {}) as IDataObject;
	const cell: Cell = {};
	for (const { name, label, dimension, side } of FILTERS) {
		const value = filters[name];
		if (value === undefined || value === null || String(value).trim() === '') continue;
		const at = wallClockOf(value);
		if (at === undefined) {
			return {
				error: `${label} "${String(value)}" is not a date`,
				description: 'Give a date such as 2025-06-12, or a date and time such as 2025-06-12T14:00.',
			};
		}
		// A day alone ends at the next midnight: CoopCycle would read "2025-06-12" as its first second.
		const day = /^\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(String(value))?.[1];
		const bound = side === 'to' && day ? { at: dayAfter(day), strict: true } : { at, strict: false };
		cell[dimension] = intersect(cell[dimension], { [side]: bound });
	}
	for (const [dimension, kind] of [
		['dropoff.before', 'Dropoff'],
		['pickup.before', 'Pickup'],
	] as const) {
		const { from, to } = cell[dimension] ?? {};
		if (from && to && (from.at > to.at || (from.at === to.at && to.strict))) {
			return { error: `${kind} From is after ${kind} Until: no delivery can match` };
		}
	}
	return cell;
}

export function sortOf(getParameter: GetParameter): Sort {
	const [by, direction] = String(getParameter('order', 'dropoff.before:desc')).split(':');
	return {
		by: by === 'createdAt' ? 'createdAt' : 'dropoff.before',
		direction: direction === 'asc' ? 'asc' : 'desc',
	};
}

/** preSend of Get Many: a filter that is not a date is reported before anything is sent. */
export async function checkDeliveryFilters(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const window = filtersWindow((name, fallback) => this.getNodeParameter(name, fallback));
	if ('error' in window) failItem(this, window.error as string, window.description as string | undefined);
	return requestOptions;
}
