import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { unconfirmedAccept } from '../../shared/acceptedFailures';
import { readAccept } from '../../shared/orderAccept';
import { simplifiedOrder } from '../../shared/orderOutput';
import { orderSimplifyField } from '../../shared/orderFields';
import { ACCEPT_ERRORS, ORDER_ROUTE } from '../../shared/orders';
import { idField } from '../../shared/resourceFields';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Accept',
	value: 'accept',
	action: 'Accept an order',
	description:
		'Accept a new order for your restaurant, as the Accept button of CoopCycle does. An order already accepted is left as it is.',
	routing: coopCycleRoute({
		// The body is not read (deserialize: false); the route is sent only for a new order (orderAccept.ts).
		request: { method: 'PUT', url: `${ORDER_ROUTE}/accept`, headers: WRITE_HEADERS },
		read: readAccept,
		acceptFailure: unconfirmedAccept,
		...ACCEPT_ERRORS,
		simplified: simplifiedOrder,
	}),
};

export const fields: INodeProperties[] = [
	idField('orderId', 'order', 'accept', 'order (the trigger’s "orderId")'),
	orderSimplifyField('accept'),
];
