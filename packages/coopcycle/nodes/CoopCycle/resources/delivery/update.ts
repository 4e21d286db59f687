import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { deliveryUpdateBody } from '../../shared/deliveryBody';
import { deliveryFieldsFor } from '../../shared/deliveryFields';
import { DELIVERY_NOT_FOUND, GEOCODING_ERROR } from '../../shared/errors';
import { idField, simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Update a delivery',
	// coopcycle-web src/Api/State/DeliveryCreateOrUpdateProcessor.php l.131-186 prices the order again only for a
	// dispatcher: a store's API app never changes the price.
	description:
		'Change the pickup or dropoff of a delivery. The price does not change: CoopCycle prices a delivery again only when the cooperative edits it.',
	routing: coopCycleRoute({
		request: { method: 'PUT', url: '/api/deliveries/{deliveryId}', headers: WRITE_HEADERS },
		preSend: [deliveryUpdateBody],
		notFound: DELIVERY_NOT_FOUND,
		serverError: GEOCODING_ERROR,
	}),
};

// Update changes only the fields filled in (CoopCycle applies partial pickup/dropoff objects).
export const fields: INodeProperties[] = [
	idField('deliveryId', 'delivery', 'update', 'delivery'),
	...deliveryFieldsFor('update', 'update'),
	simplifyFieldFor('delivery', 'update'),
];
