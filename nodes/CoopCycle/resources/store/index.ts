import {
	NodeOperationError,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { operationField, returnAllAndLimit, showFor, simplifyField, WRITE_HEADERS } from '../../shared/descriptions';
import { GEOCODING_ERROR } from '../../shared/errors';
import { route } from '../../shared/requests';

/** Get My Store: the store, with the API app that reached it (the credential's identity). */
function withApiApp(
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
	me?: IDataObject,
): INodeExecutionData[] {
	return items.map((item) => ({
		...item,
		json: { ...item.json, apiApp: { '@id': me?.['@id'], name: me?.name } },
	}));
}

/** preSend of Add Address: CoopCycle's Place object. */
async function storeAddressBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fail = (message: string) => {
		throw new NodeOperationError(this.getNode(), message, { itemIndex: this.getItemIndex() });
	};
	const streetAddress = String(this.getNodeParameter('streetAddress', '') ?? '').trim();
	if (streetAddress === '') fail('Street Address is empty: give the full address (number, street, postcode, city)');
	const details = this.getNodeParameter('addressDetails', {}) as IDataObject;
	const body: IDataObject = { streetAddress };
	for (const key of ['name', 'contactName', 'telephone', 'description']) {
		const value = String(details[key] ?? '').trim();
		if (value !== '') body[key] = value;
	}
	if ((details.latitude === undefined) !== (details.longitude === undefined)) {
		fail('Address Details: give both Latitude and Longitude, or neither');
	}
	if (details.latitude !== undefined) {
		body.geo = { latitude: Number(details.latitude), longitude: Number(details.longitude) };
	}
	requestOptions.body = body;
	return requestOptions;
}

const addressDetail = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});

const coordinate = (displayName: string, name: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { numberPrecision: 7 },
	default: 0,
	description: 'The exact position, so CoopCycle does not have to look the address up on the map',
});

export const storeOperations = operationField('store', 'getMyStore', [
	{
		name: 'Add Address',
		value: 'addAddress',
		action: 'Add a saved address to the store',
		description: 'Save an address in your store’s address book',
		routing: route(
			{ method: 'POST', headers: WRITE_HEADERS },
			{ storePath: '/addresses', serverError: GEOCODING_ERROR },
			[storeAddressBody],
		),
	},
	{
		name: 'Get My Store',
		value: 'getMyStore',
		action: 'Get the store of the credential',
		description: 'The store the API app belongs to: name, address, time slots, options',
		routing: route({ method: 'GET' }, { storePath: '', output: withApiApp }),
	},
	{
		name: 'Get Saved Addresses',
		value: 'getAddresses',
		action: 'Get saved addresses of the store',
		description:
			'Your store’s address book. Each address’s IRI (/api/addresses/12) can be used as a pickup or dropoff address.',
		routing: route({ method: 'GET' }, { storePath: '/addresses', list: true }),
	},
]);

export const storeFields: INodeProperties[] = [
	...returnAllAndLimit(showFor('store', ['getAddresses'])),
	{
		displayName: 'Street Address',
		name: 'streetAddress',
		type: 'string',
		required: true,
		default: '',
		placeholder: '48 Rue de Rivoli, 75004 Paris',
		description: 'The full address: number, street, postcode, city',
		displayOptions: showFor('store', ['addAddress']),
	},
	{
		displayName: 'Address Details',
		name: 'addressDetails',
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		description: 'Name, contact, directions and exact position of the address',
		displayOptions: showFor('store', ['addAddress']),
		options: [
			addressDetail('Address Description', 'description', 'Directions for the courier: door code, floor, etc'),
			addressDetail('Address Name', 'name', 'Name of the place, e.g. the customer’s company'),
			addressDetail('Contact Name', 'contactName', 'Person to ask for at this address'),
			coordinate('Latitude', 'latitude'),
			coordinate('Longitude', 'longitude'),
			addressDetail('Telephone', 'telephone', 'Phone number of the contact'),
		],
	},
	simplifyField(showFor('store', ['addAddress', 'getAddresses', 'getMyStore'])),
];
