import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { deliveryBody } from '../../shared/deliveryBody';
import { deliveryFieldsFor } from '../../shared/deliveryFields';
import { GEOCODING_ERROR } from '../../shared/errors';
import { itemKeyField, itemKeyInMetadata, nameKeyOfCreatedDelivery } from '../../shared/itemKey';
import { paymentMethodBody } from '../../shared/requests';
import { simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';
import { findUnconfirmedDelivery } from '../../shared/unconfirmedCreate';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a delivery',
	description: 'Order a delivery from the cooperative',
	routing: coopCycleRoute({
		request: { method: 'POST', url: '/api/deliveries', headers: WRITE_HEADERS },
		preSend: [deliveryBody, paymentMethodBody, itemKeyInMetadata],
		serverError: GEOCODING_ERROR,
		// Never sent twice: after a 504 or a broken connection, the delivery is looked for by its item key.
		resolveUnconfirmed: findUnconfirmedDelivery,
		explainError: nameKeyOfCreatedDelivery,
	}),
};

/** How the delivery is paid: cash on delivery for the stores the cooperative enabled it for. */
const paymentMethod: INodeProperties[] = [
	{
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'options',
		options: [
			{
				name: 'Cash on Delivery',
				value: 'cash_on_delivery',
				description:
					'Paid in cash when it is delivered: only if the cooperative enabled cash on delivery for your store',
			},
			{ name: 'Usual Payment', value: '', description: 'Paid as the cooperative usually bills your store' },
		],
		default: '',
		description: 'How the delivery is paid',
		displayOptions: showFor('delivery', ['create']),
	},
	{
		displayName:
			'CoopCycle checks the payment method only once it has created the delivery: if your store does not take cash on delivery, the delivery is created all the same, to be paid the usual way, and the item fails. Try one delivery first.',
		name: 'cashOnDeliveryNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('delivery', ['create'], { paymentMethod: ['cash_on_delivery'] }),
	},
];

export const fields: INodeProperties[] = [
	...deliveryFieldsFor('create', 'create'),
	...paymentMethod,
	itemKeyField,
	simplifyFieldFor('delivery', 'create'),
];
