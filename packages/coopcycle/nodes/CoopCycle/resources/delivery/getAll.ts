import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit, showFor } from '../../../shared/fields';
import { checkDeliveryFilters } from '../../shared/deliveryFilters';
import { simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';
import { readStoreDeliveries } from '../../shared/storeDeliveries';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many deliveries',
	description: 'List the deliveries of your store',
	routing: coopCycleRoute({
		request: { method: 'GET' },
		preSend: [checkDeliveryFilters],
		// The store's list cannot be paged: storeDeliveries.ts reads it by windows of task times.
		list: true,
		storePath: '/deliveries',
		read: readStoreDeliveries,
	}),
};

const show = showFor('delivery', ['getAll']);

function dateFilter(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'dateTime', default: '', description };
}

/** Get Many: the deliveries of the API app's store (CoopCycle has no list of all deliveries). */
export const fields: INodeProperties[] = [
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
	simplifyFieldFor('delivery', 'getAll'),
];
