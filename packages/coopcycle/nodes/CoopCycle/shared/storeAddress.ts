import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import { positionProblem } from '../../shared/position';
import { textOf } from '../../shared/values';
import { ADDRESS_DETAILS } from './addressFields';

const POSITION_REQUIRED =
	'CoopCycle does not look saved addresses up on the map: it needs their position. To find it, right-click the place on openstreetmap.org ("Show address") or on Google Maps.';

/**
 * The Place that Add Address saves, checked before anything is sent. CoopCycle's route takes it as given, with no
 * geocoding, and refuses it without `geo` (coopcycle-web src/Api/State/StoreAddressProcessor.php,
 * src/Entity/Base/Place.php).
 */
export function placeOf(context: IExecuteSingleFunctions): IDataObject {
	const streetAddress = textOf(context.getNodeParameter('streetAddress', ''));
	if (streetAddress === '') {
		failItem(context, 'Street Address is empty: give the full address (number, street, postcode, city)');
	}
	const [latitude, longitude] = [context.getNodeParameter('latitude', 0), context.getNodeParameter('longitude', 0)];
	const position = positionProblem(latitude, longitude, { zeroIsMissing: true });
	if (position === 'missing' || position === 'incomplete') {
		failItem(context, 'Latitude and Longitude are required', POSITION_REQUIRED);
	}
	if (position === 'outOfRange') {
		failItem(context, 'Latitude must be between -90 and 90 and Longitude between -180 and 180', POSITION_REQUIRED);
	}
	const details = (context.getNodeParameter('addressDetails', {}) ?? {}) as IDataObject;
	const place: IDataObject = { streetAddress, geo: { latitude: Number(latitude), longitude: Number(longitude) } };
	for (const key of ADDRESS_DETAILS) {
		if (textOf(details[key]) !== '') place[key] = textOf(details[key]);
	}
	return place;
}

/** preSend of Add Address: the Place. */
export async function storeAddressBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.body = placeOf(this);
	return requestOptions;
}
