import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { ADDRESS_DETAIL_OPTIONS } from '../../shared/addressFields';
import { saveAndFindAddress } from '../../shared/newAddress';
import { simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';
import { storeAddressBody } from '../../shared/storeAddress';

export const option: INodePropertyOptions = {
	name: 'Add Address',
	value: 'addAddress',
	action: 'Add a saved address to the store',
	description: 'Save an address, with its position, in your store’s address book',
	routing: coopCycleRoute({
		request: { method: 'POST', headers: WRITE_HEADERS },
		preSend: [storeAddressBody],
		storePath: '/addresses',
		// CoopCycle answers with the store: newAddress.ts finds the address just saved.
		read: saveAndFindAddress,
	}),
};

const show = showFor('store', ['addAddress']);

/** Latitude or Longitude: required, since CoopCycle does not geocode saved addresses. */
const coordinate = (displayName: string, placeholder: string, description: string): INodeProperties => ({
	displayName,
	name: displayName.toLowerCase(),
	type: 'number',
	typeOptions: { numberPrecision: 7 },
	required: true,
	default: 0,
	placeholder,
	description,
	displayOptions: show,
});

export const fields: INodeProperties[] = [
	{
		displayName: 'Street Address',
		name: 'streetAddress',
		type: 'string',
		required: true,
		default: '',
		placeholder: '48 Rue de Rivoli, 75004 Paris',
		description: 'The full address: number, street, postcode, city',
		displayOptions: show,
	},
	coordinate(
		'Latitude',
		'48.8559',
		'Latitude of the address, in degrees. CoopCycle does not look saved addresses up on the map: it needs their position (on openstreetmap.org, right-click the place and choose "Show address").',
	),
	coordinate('Longitude', '2.3601', 'Longitude of the address, in degrees'),
	{
		displayName: 'Address Details',
		name: 'addressDetails',
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		description: 'Name, contact and directions of the address',
		displayOptions: show,
		options: ADDRESS_DETAIL_OPTIONS,
	},
	simplifyFieldFor('store', 'addAddress'),
];
