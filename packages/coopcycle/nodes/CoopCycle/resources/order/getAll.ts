import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit, showFor } from '../../../shared/fields';
import { orderSimplifyField } from '../../shared/orderFields';
import { orderFilters } from '../../shared/orderFilters';
import { simplifiedOrder } from '../../shared/orderOutput';
import { NEEDS_ORDERS_ALL_SCOPE } from '../../shared/orders';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many orders',
	description: 'List the orders of the whole cooperative, oldest first (needs the orders:all scope)',
	routing: coopCycleRoute({
		// Paged as every CoopCycle list (page, itemsPerPage, hydra:next), by id: in the order they were made.
		request: { method: 'GET', url: '/api/orders' },
		preSend: [orderFilters],
		list: true,
		forbidden: NEEDS_ORDERS_ALL_SCOPE,
		simplified: simplifiedOrder,
	}),
};

const show = showFor('order', ['getAll']);

export const fields: INodeProperties[] = [
	{ displayName: NEEDS_ORDERS_ALL_SCOPE, name: 'ordersAllNotice', type: 'notice', default: '', displayOptions: show },
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only the orders in these states, or to be delivered (or collected) on these days',
		displayOptions: show,
		options: [
			{
				displayName: 'Shipping Day',
				name: 'shippingDay',
				type: 'dateTime',
				default: '',
				description:
					'Only the orders to be delivered or collected on this day (the time is ignored). With Shipping Day Until: from this day. Without a day or a state, the list also holds the carts customers have not ordered yet.',
			},
			{
				displayName: 'Shipping Day Until',
				name: 'shippingDayUntil',
				type: 'dateTime',
				default: '',
				description: 'With Shipping Day: the last day, included',
			},
			{
				displayName: 'States',
				name: 'states',
				type: 'multiOptions',
				options: [
					{ name: 'Accepted', value: 'accepted' },
					{ name: 'Being Prepared', value: 'started' },
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Done (Delivered or Collected)', value: 'fulfilled' },
					{ name: 'New (Waiting to Be Accepted)', value: 'new' },
					{ name: 'Ready', value: 'ready' },
					{ name: 'Refused', value: 'refused' },
				],
				default: [],
				description: 'Only the orders in one of these states',
			},
		],
	},
	orderSimplifyField('getAll'),
];
