import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { completionNotesField } from '../../shared/deliveryFields';
import { DELIVERY_NOT_FOUND, TASK_ORDER_ERROR } from '../../shared/errors';
import { idField, simplifyFieldFor } from '../../shared/resourceFields';
import { completionNotes } from '../../shared/requests';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';
import { checkDeliveryState } from '../../shared/unconfirmedActions';

export const option: INodePropertyOptions = {
	name: 'Mark Picked Up',
	value: 'markPickedUp',
	action: 'Mark a delivery as picked up',
	description: 'For stores that deliver themselves: mark the pickup done',
	routing: coopCycleRoute({
		request: { method: 'PUT', url: '/api/deliveries/{deliveryId}/pick', headers: WRITE_HEADERS },
		preSend: [completionNotes],
		notFound: DELIVERY_NOT_FOUND,
		serverError: TASK_ORDER_ERROR,
		// Never sent twice: after a 504 or a broken connection, the delivery's state says whether it was done.
		resolveUnconfirmed: checkDeliveryState('pick'),
	}),
};

export const fields: INodeProperties[] = [
	idField('deliveryId', 'delivery', 'markPickedUp', 'delivery'),
	completionNotesField('markPickedUp'),
	simplifyFieldFor('delivery', 'markPickedUp'),
];
