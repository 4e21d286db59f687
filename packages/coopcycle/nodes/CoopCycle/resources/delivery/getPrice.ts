import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { deliveryBody } from '../../shared/deliveryBody';
import { deliveryFieldsFor, sameBodyNotice } from '../../shared/deliveryFields';
import { GEOCODING_ERROR } from '../../shared/errors';
import { simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Price',
	value: 'getPrice',
	action: 'Get the price of a delivery',
	description: 'Calculate what a delivery would cost, without creating it',
	routing: coopCycleRoute({
		request: { method: 'POST', url: '/api/retail_prices/calculate', headers: WRITE_HEADERS },
		preSend: [deliveryBody],
		serverError: GEOCODING_ERROR,
		badRequest:
			'If CoopCycle says no price could be calculated, the store’s pricing rules do not cover this delivery: ask the cooperative.',
	}),
};

export const fields: INodeProperties[] = [
	sameBodyNotice('getPrice'),
	...deliveryFieldsFor('getPrice', 'create'),
	{
		displayName: 'Tax',
		name: 'tax',
		type: 'options',
		options: [
			{ name: 'Included', value: 'included', description: 'Amounts include VAT' },
			{ name: 'Excluded', value: 'excluded', description: 'Amounts without VAT' },
		],
		default: 'included',
		description: 'Whether the price includes tax. Amounts are in cents: 499 means 4.99.',
		displayOptions: showFor('delivery', ['getPrice']),
		routing: {
			send: { type: 'query', property: 'tax', value: '={{ $value === "excluded" ? "excluded" : undefined }}' },
		},
	},
	simplifyFieldFor('delivery', 'getPrice'),
];
