import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { DELIVERY_BODY_OPERATIONS, taskFields, taskModeField } from './taskFields';

/** Fields of the operations that send a whole delivery: Create, Get Price, Check Feasibility, Create Quote. */
export const sendDeliveryFields: INodeProperties[] = [
	{
		displayName:
			'Get Price, Check Feasibility and Create Quote take the same fields as Create: use the same values to get the price and answer of the delivery you will create.',
		name: 'sameBodyNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('delivery', ['getPrice', 'checkFeasibility', 'createQuote']),
	},
	...taskModeField(DELIVERY_BODY_OPERATIONS, 'create'),
	...taskFields('pickup', 'create', DELIVERY_BODY_OPERATIONS),
	...taskFields('dropoff', 'create', DELIVERY_BODY_OPERATIONS),
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
];
