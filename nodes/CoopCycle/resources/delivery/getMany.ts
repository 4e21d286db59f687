import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit, showFor } from '../../shared/descriptions';

const show = showFor('delivery', ['getAll']);

/** A date filter on the deliveries' task windows, sent as e.g. `dropoff.before[after]=2025-06-01`. */
function dateFilter(displayName: string, name: string, queryKey: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		description,
		routing: { send: { type: 'query', property: queryKey, propertyInDotNotation: false } },
	};
}

/** Get Many: the deliveries of the API app's store (CoopCycle has no list of all deliveries). */
export const getManyDeliveryFields: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Sort',
		name: 'order',
		type: 'options',
		options: [
			{ name: 'Creation Date, Newest First', value: 'createdAt:desc' },
			{ name: 'Creation Date, Oldest First', value: 'createdAt:asc' },
			{ name: 'Dropoff Time, Earliest First', value: 'dropoff.before:asc' },
			{ name: 'Dropoff Time, Latest First', value: 'dropoff.before:desc' },
		],
		default: 'dropoff.before:desc',
		description: 'Order of the deliveries',
		displayOptions: show,
		routing: {
			send: {
				type: 'query',
				property: '={{ "order[" + $value.split(":")[0] + "]" }}',
				value: '={{ $value.split(":")[1] }}',
				propertyInDotNotation: false,
			},
		},
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only the deliveries whose pickup or dropoff deadline falls in these dates',
		displayOptions: show,
		options: [
			dateFilter(
				'Dropoff From',
				'dropoffFrom',
				'dropoff.before[after]',
				'Only deliveries to be dropped off on or after this date',
			),
			dateFilter(
				'Dropoff Until',
				'dropoffUntil',
				'dropoff.before[before]',
				'Only deliveries to be dropped off on or before this date',
			),
			dateFilter(
				'Pickup From',
				'pickupFrom',
				'pickup.before[after]',
				'Only deliveries to be picked up on or after this date',
			),
			dateFilter(
				'Pickup Until',
				'pickupUntil',
				'pickup.before[before]',
				'Only deliveries to be picked up on or before this date',
			),
		],
	},
];
