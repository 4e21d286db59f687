import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { rememberDelivery, takeQuote } from '../../shared/quoteConfirmations';
import { idField, simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';
import { quoteMayBeConfirmed } from '../../shared/unconfirmedActions';

export const option: INodePropertyOptions = {
	name: 'Confirm Quote',
	value: 'confirmQuote',
	action: 'Confirm a quote',
	description: 'Create the delivery of a quote, at the quoted price',
	routing: coopCycleRoute({
		request: { method: 'PUT', url: '/api/deliveries/quotes/{quoteId}/confirm', headers: WRITE_HEADERS },
		notFound: 'Check the Quote ID: no such quote, or it belongs to another store.',
		// Each confirmation creates a delivery: once per quote in an execution, never sent twice.
		prepare: takeQuote,
		output: rememberDelivery,
		resolveUnconfirmed: quoteMayBeConfirmed,
	}),
};

export const fields: INodeProperties[] = [
	idField('quoteId', 'delivery', 'confirmQuote', 'quote, from Create Quote'),
	simplifyFieldFor('delivery', 'confirmQuote'),
];
