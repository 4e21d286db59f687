import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DELIVERY_NOT_FOUND } from '../../shared/errors';
import { idField, simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a delivery',
	description: 'Get a delivery with its tasks, tracking link and price',
	routing: coopCycleRoute({
		request: { method: 'GET', url: '/api/deliveries/{deliveryId}' },
		notFound: DELIVERY_NOT_FOUND,
	}),
};

export const fields: INodeProperties[] = [
	idField('deliveryId', 'delivery', 'get', 'delivery'),
	simplifyFieldFor('delivery', 'get'),
];
