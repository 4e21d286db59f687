import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { deliveryBody } from '../../shared/deliveryBody';
import { deliveryFieldsFor } from '../../shared/deliveryFields';
import { GEOCODING_ERROR } from '../../shared/errors';
import { simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a delivery',
	description: 'Order a delivery from the cooperative',
	routing: coopCycleRoute({
		request: { method: 'POST', url: '/api/deliveries', headers: WRITE_HEADERS },
		preSend: [deliveryBody],
		serverError: GEOCODING_ERROR,
	}),
};

export const fields: INodeProperties[] = [
	...deliveryFieldsFor('create', 'create'),
	simplifyFieldFor('delivery', 'create'),
];
