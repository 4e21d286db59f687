import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { dayAfter, wallClockOf } from '../../../shared/dates';
import { failItem } from '../../../shared/failItem';
import { returnAllAndLimit, showFor } from '../../../shared/fields';
import type { Api } from '../../../shared/route';
import { membersOf } from '../../shared/requests';
import { intersect, readDeliveries, type Cell, type Dimension, type FetchPage, type Sort } from './windows';

const show = showFor('delivery', ['getAll']);

/** A filter of the deliveries' task times, and how it bounds CoopCycle's `<dimension>[after|before]`. */
const FILTERS: Array<{ name: string; label: string; dimension: Dimension; side: 'from' | 'to' }> = [
	{ name: 'dropoffFrom', label: 'Dropoff From', dimension: 'dropoff.before', side: 'from' },
	{ name: 'dropoffUntil', label: 'Dropoff Until', dimension: 'dropoff.before', side: 'to' },
	{ name: 'pickupFrom', label: 'Pickup From', dimension: 'pickup.before', side: 'from' },
	{ name: 'pickupUntil', label: 'Pickup Until', dimension: 'pickup.before', side: 'to' },
];

function dateFilter(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'dateTime', default: '', description };
}

/** Get Many: the deliveries of the API app's store (CoopCycle has no list of all deliveries). */
export const getManyDeliveryFields: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Sort',
		name: 'order',
		type: 'options',
		options: [
			{
				name: 'Creation Date, Newest First',
				value: 'createdAt:desc',
				description:
					'Beyond 30 deliveries, every delivery matching the filters is read before sorting: add filters to keep it quick',
			},
			{
				name: 'Creation Date, Oldest First',
				value: 'createdAt:asc',
				description:
					'Beyond 30 deliveries, every delivery matching the filters is read before sorting: add filters to keep it quick',
			},
			{ name: 'Dropoff Time, Earliest First', value: 'dropoff.before:asc' },
			{ name: 'Dropoff Time, Latest First', value: 'dropoff.before:desc' },
		],
		default: 'dropoff.before:desc',
		description: 'Order of the deliveries. The dropoff time is the latest time of the delivery’s dropoff.',
		displayOptions: show,
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only the deliveries whose pickup or dropoff latest time falls in these dates',
		displayOptions: show,
		options: [
			dateFilter(
				'Dropoff From',
				'dropoffFrom',
				'Only deliveries to be dropped off at or after this date and time, in the cooperative’s local time (CoopCycle ignores any time zone offset here).',
			),
			dateFilter(
				'Dropoff Until',
				'dropoffUntil',
				'Only deliveries to be dropped off at or before this date and time, in the cooperative’s local time (CoopCycle ignores any time zone offset here). A date alone (2025-06-12) includes that whole day.',
			),
			dateFilter(
				'Pickup From',
				'pickupFrom',
				'Only deliveries to be picked up at or after this date and time, in the cooperative’s local time (CoopCycle ignores any time zone offset here).',
			),
			dateFilter(
				'Pickup Until',
				'pickupUntil',
				'Only deliveries to be picked up at or before this date and time, in the cooperative’s local time (CoopCycle ignores any time zone offset here). A date alone (2025-06-12) includes that whole day.',
			),
		],
	},
];

type GetParameter = (name: string, fallback: unknown) => unknown;

/** The user's filters as a window, or the message naming the filter to fix. */
function filtersWindow(getParameter: GetParameter): Cell | { error: string; description?: string } {
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

function sortOf(getParameter: GetParameter): Sort {
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

/**
 * Reads the store's deliveries by windows (see windows.ts), in the chosen order: all of them, or at least the first
 * Limit ones (the routing cuts the list to Limit).
 */
export async function readStoreDeliveries(this: IExecutePaginationFunctions, api: Api): Promise<IDataObject[]> {
	const getParameter: GetParameter = (name, fallback) => this.getNodeParameter(name, fallback);
	const fail = (message: string, description?: string): never => failItem(this, message, description);
	const fetchPage: FetchPage = async (query) => {
		const body = await api.query(query);
		const total = Number(body['hydra:totalItems']);
		if (!Number.isFinite(total)) {
			fail(
				'CoopCycle did not say how many deliveries the list has',
				'Its answer has no "hydra:totalItems", which the node needs to read the list whole.',
			);
		}
		return { members: membersOf(body), total };
	};
	const window = filtersWindow(getParameter) as Cell; // checked by checkDeliveryFilters
	return await readDeliveries(fetchPage, window, sortOf(getParameter), api.limit, fail);
}
