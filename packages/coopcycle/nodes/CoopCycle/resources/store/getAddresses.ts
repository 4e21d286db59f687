import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit, showFor } from '../../../shared/fields';
import { simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Saved Addresses',
	value: 'getAddresses',
	action: 'Get saved addresses of the store',
	description:
		'Your store’s address book. Each address’s IRI (/api/addresses/12) can be used as a pickup or dropoff address.',
	routing: coopCycleRoute({ request: { method: 'GET' }, storePath: '/addresses', list: true }),
};

export const fields: INodeProperties[] = [
	...returnAllAndLimit(showFor('store', ['getAddresses'])),
	simplifyFieldFor('store', 'getAddresses'),
];
