import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { completionNotesField } from '../../shared/deliveryFields';
import { DELIVERY_NOT_FOUND, TASK_ORDER_ERROR } from '../../shared/errors';
import { idField, simplifyFieldFor } from '../../shared/resourceFields';
import { completionNotes } from '../../shared/requests';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Mark Dropped Off',
	value: 'markDroppedOff',
	action: 'Mark a delivery as dropped off',
	description: 'For stores that deliver themselves: mark the dropoff done',
	routing: coopCycleRoute({
		request: { method: 'PUT', url: '/api/deliveries/{deliveryId}/drop', headers: WRITE_HEADERS },
		preSend: [completionNotes],
		notFound: DELIVERY_NOT_FOUND,
		serverError: TASK_ORDER_ERROR,
	}),
};

export const fields: INodeProperties[] = [
	idField('deliveryId', 'delivery', 'markDroppedOff', 'delivery'),
	completionNotesField('markDroppedOff'),
	simplifyFieldFor('delivery', 'markDroppedOff'),
];
