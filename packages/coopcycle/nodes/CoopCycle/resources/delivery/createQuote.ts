import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { storeInBody } from '../../shared/apiApp';
import { deliveryBody } from '../../shared/deliveryBody';
import { deliveryFieldsFor, sameBodyNotice } from '../../shared/deliveryFields';
import { GEOCODING_ERROR } from '../../shared/errors';
import { simplifyFieldFor } from '../../shared/resourceFields';
import { quoteMetadataBody } from '../../shared/quoteMetadata';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Create Quote',
	value: 'createQuote',
	action: 'Create a delivery quote',
	description: 'Get a price valid for a day, to confirm later with Confirm Quote',
	routing: coopCycleRoute({
		request: { method: 'POST', url: '/api/deliveries/quotes', headers: WRITE_HEADERS },
		preSend: [deliveryBody, quoteMetadataBody],
		prepare: storeInBody,
		serverError: GEOCODING_ERROR,
	}),
};

export const fields: INodeProperties[] = [
	sameBodyNotice('createQuote'),
	...deliveryFieldsFor('createQuote', 'create'),
	simplifyFieldFor('delivery', 'createQuote'),
];
