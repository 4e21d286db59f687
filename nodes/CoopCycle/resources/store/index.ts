import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { failItem } from '../../../shared/failItem';
import { positionProblem } from '../../../shared/position';
import { operationField, returnAllAndLimit, showFor, simplifyField } from '../../../shared/fields';
import { SIMPLIFY_DESCRIPTION, WRITE_HEADERS } from '../../shared/descriptions';
import { idOfIri } from '../../shared/ids';
import type { Api } from '../../../shared/route';
import { apiAppOf, coopCycleRoute, membersOf } from '../../shared/requests';

/** Get My Store: the store, with the API app that reached it (the credential's identity). */
async function withApiApp(
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
	api: Api,
): Promise<INodeExecutionData[]> {
	// Looked up already to find the store: this takes it from the execution's cache.
	const me = await apiAppOf(this, api);
	return items.map((item) => ({
		...item,
		json: { ...item.json, apiApp: { '@id': me['@id'], name: me.name } },
	}));
}

type GetParameter = (name: string, fallback: unknown) => unknown;
type Fail = (message: string, description?: string) => never;

const POSITION_REQUIRED =
	'CoopCycle does not look saved addresses up on the map: it needs their position. To find it, right-click the place on openstreetmap.org ("Show address") or on Google Maps.';

/**
 * The Place that Add Address saves. CoopCycle's route takes it as given, with no geocoding, and refuses it
 * without `geo` (coopcycle-web src/Api/State/StoreAddressProcessor.php, src/Entity/Base/Place.php).
 */
function addressOf(getParameter: GetParameter, fail: Fail): IDataObject {
	const streetAddress = String(getParameter('streetAddress', '') ?? '').trim();
	if (streetAddress === '') fail('Street Address is empty: give the full address (number, street, postcode, city)');
	const [latitude, longitude] = [getParameter('latitude', 0), getParameter('longitude', 0)];
	const position = positionProblem(latitude, longitude, { zeroIsMissing: true });
	if (position === 'missing' || position === 'incomplete') {
		fail('Latitude and Longitude are required', POSITION_REQUIRED);
	}
	if (position === 'outOfRange') {
		fail('Latitude must be between -90 and 90 and Longitude between -180 and 180', POSITION_REQUIRED);
	}
	const details = (getParameter('addressDetails', {}) ?? {}) as IDataObject;
	const address: IDataObject = { streetAddress, geo: { latitude: Number(latitude), longitude: Number(longitude) } };
	for (const key of ['name', 'contactName', 'telephone', 'description']) {
		const value = String(details[key] ?? '').trim();
		if (value !== '') address[key] = value;
	}
	return address;
}

/** preSend of Add Address: the Place, checked before anything is sent. */
async function storeAddressBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.body = addressOf(
		(name, fallback) => this.getNodeParameter(name, fallback),
		(message, description) => failItem(this, message, description),
	);
	return requestOptions;
}

/** Whether a saved address is the one just sent (CoopCycle rewrites telephones, so they are not compared). */
function isSent(candidate: IDataObject, sent: IDataObject): boolean {
	const geo = (candidate.geo ?? {}) as IDataObject;
	const sentGeo = sent.geo as IDataObject;
	const near = (a: unknown, b: unknown) => Math.abs(Number(a) - Number(b)) < 1e-6;
	return (
		String(candidate.streetAddress ?? '').trim() === sent.streetAddress &&
		near(geo.latitude, sentGeo.latitude) &&
		near(geo.longitude, sentGeo.longitude) &&
		['name', 'contactName', 'description'].every((key) => sent[key] === undefined || candidate[key] === sent[key])
	);
}

/** Saved addresses are read 100 at a time, the most CoopCycle gives. */
const ADDRESSES_PER_PAGE = 100;

/**
 * Add Address: CoopCycle answers with the Store, not the new address. Its address book lists addresses by
 * creation (API Platform's default order by id), so the new one is on the last page: the newest address
 * there with the fields just sent.
 */
async function saveAndFindAddress(this: IExecutePaginationFunctions, api: Api): Promise<IDataObject[]> {
	const fail: Fail = (message, description) => failItem(this, message, description);
	const sent = addressOf((name, fallback) => this.getNodeParameter(name, fallback), fail);
	const answer = await api.query();
	if (idOfIri(answer['@id']) !== undefined && String(answer['@id']).startsWith('/api/addresses/')) return [answer];

	// The store's addresses: where the address was just sent.
	const url = String(api.request.options.url);
	const pageOf = async (page: number) =>
		await api.get(url, { itemsPerPage: ADDRESSES_PER_PAGE, ...(page > 1 ? { page } : {}) });
	const first = await pageOf(1);
	const lastPage = Math.max(1, Math.ceil(Number(first['hydra:totalItems'] ?? 0) / ADDRESSES_PER_PAGE));
	// Addresses saved meanwhile by other items may have pushed this one to the page before the last.
	for (let page = lastPage; page >= Math.max(1, lastPage - 1); page--) {
		const members = membersOf(page === 1 ? first : await pageOf(page));
		const found = members
			.filter((candidate) => isSent(candidate, sent))
			.sort((a, b) => (idOfIri(b['@id']) ?? 0) - (idOfIri(a['@id']) ?? 0));
		if (found.length) return [found[0]];
	}
	return fail(
		'CoopCycle saved the address, but it is not in the store’s saved addresses',
		'Look for it with Store → Get Saved Addresses before adding it again.',
	);
}

const addressDetail = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});

/** Latitude or Longitude of Add Address: required, since CoopCycle does not geocode saved addresses. */
const coordinate = (displayName: string, placeholder: string, description: string): INodeProperties => ({
	displayName,
	name: displayName.toLowerCase(),
	type: 'number',
	typeOptions: { numberPrecision: 7 },
	required: true,
	default: 0,
	placeholder,
	description,
	displayOptions: showFor('store', ['addAddress']),
});

export const storeOperations = operationField('store', 'getMyStore', [
	{
		name: 'Add Address',
		value: 'addAddress',
		action: 'Add a saved address to the store',
		description: 'Save an address, with its position, in your store’s address book',
		routing: coopCycleRoute({
			request: { method: 'POST', headers: WRITE_HEADERS },
			storePath: '/addresses',
			read: saveAndFindAddress,
			preSend: [storeAddressBody],
		}),
	},
	{
		name: 'Get My Store',
		value: 'getMyStore',
		action: 'Get the store of the credential',
		description: 'The store the API app belongs to: name, address, time slots, options',
		routing: coopCycleRoute({ request: { method: 'GET' }, storePath: '', output: withApiApp }),
	},
	{
		name: 'Get Saved Addresses',
		value: 'getAddresses',
		action: 'Get saved addresses of the store',
		description:
			'Your store’s address book. Each address’s IRI (/api/addresses/12) can be used as a pickup or dropoff address.',
		routing: coopCycleRoute({ request: { method: 'GET' }, storePath: '/addresses', list: true }),
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
		displayOptions: showFor('store', ['addAddress']),
		options: [
			addressDetail('Address Description', 'description', 'Directions for the courier: door code, floor, etc'),
			addressDetail('Address Name', 'name', 'Name of the place, e.g. the customer’s company'),
			addressDetail('Contact Name', 'contactName', 'Person to ask for at this address'),
			addressDetail('Telephone', 'telephone', 'Phone number of the contact'),
		],
	},
	simplifyField(showFor('store', ['addAddress', 'getAddresses', 'getMyStore']), SIMPLIFY_DESCRIPTION),
];
