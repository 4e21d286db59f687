import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { simplifiedOrder } from '../../shared/orderOutput';
import { ORDER_ERRORS, ORDER_ROUTE } from '../../shared/orders';
import { idField } from '../../shared/resourceFields';
import { orderSimplifyField } from '../../shared/orderFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get an order',
	description: 'Get a customer’s order from your restaurant: items, customer, delivery time, total',
	routing: coopCycleRoute({
		request: { method: 'GET', url: ORDER_ROUTE },
		...ORDER_ERRORS,
		simplified: simplifiedOrder,
	}),
};

export const fields: INodeProperties[] = [
	idField('orderId', 'order', 'get', 'order (the trigger’s "orderId")'),
	orderSimplifyField('get'),
];
