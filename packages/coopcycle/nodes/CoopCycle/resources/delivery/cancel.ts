import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { DELIVERY_NOT_FOUND } from '../../shared/errors';
import { idField } from '../../shared/resourceFields';
import { cancelled } from '../../shared/outputs';
import { coopCycleRoute } from '../../shared/routing';
import { checkDeliveryState } from '../../shared/unconfirmedActions';

export const option: INodePropertyOptions = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a delivery',
	description: 'Cancel a delivery that no courier has been assigned to yet',
	routing: coopCycleRoute({
		request: { method: 'DELETE', url: '/api/deliveries/{deliveryId}' },
		notFound: DELIVERY_NOT_FOUND,
		badRequest: 'Once a courier is assigned, only the cooperative can cancel the delivery: contact them.',
		output: cancelled,
		// Never sent twice: after a 504 or a broken connection, the delivery's tasks say whether it was cancelled.
		resolveUnconfirmed: checkDeliveryState('cancel'),
	}),
};

export const fields: INodeProperties[] = [idField('deliveryId', 'delivery', 'cancel', 'delivery')];
