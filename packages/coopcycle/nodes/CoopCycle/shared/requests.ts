import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { dateText, dayOf } from '../../shared/dates';
import { failItem } from '../../shared/failItem';
import { textOf } from '../../shared/values';
import { ID_FIELDS, parseId, type IdField } from './ids';

/** Small preSend steps (the bodies of deliveries and addresses have modules of their own). */

/** preSend of Mark Picked Up / Dropped Off: the optional notes. */
export async function completionNotes(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const notes = textOf(this.getNodeParameter('notes', ''));
	if (notes) requestOptions.body = { comments: notes };
	return requestOptions;
}

/**
 * preSend of Create: the Payment Method, in the delivery's order (coopcycle-web src/Api/Dto/DeliveryOrderDto.php,
 * read by src/Api/State/DeliveryCreateOrUpdateProcessor.php "Handle payment method").
 */
export async function paymentMethodBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const method = textOf(this.getNodeParameter('paymentMethod', ''));
	if (method) requestOptions.body = { ...(requestOptions.body as IDataObject), order: { paymentMethod: method } };
	return requestOptions;
}

/** preSend of the Task lists of a day: the Date field as the YYYY-MM-DD CoopCycle expects. */
export async function dayQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const value = this.getNodeParameter('date', '') as unknown;
	const day = dayOf(value);
	if (!day) {
		failItem(
			this,
			`Date "${dateText(value)}" is not a date`,
			'Give a day such as 2025-06-12, or use an expression like {{ $today.toISODate() }}.',
		);
	}
	requestOptions.qs = { ...requestOptions.qs, date: day };
	return requestOptions;
}

/**
 * CoopCycle's action routes (confirm, pick, drop) read a JSON body even when it is empty, but n8n drops an
 * empty object body: send it as the text `{}`.
 */
export async function keepEmptyJsonBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { body } = requestOptions;
	if (!body || (typeof body === 'object' && Object.keys(body).length === 0)) requestOptions.body = '{}';
	return requestOptions;
}

/**
 * preSend: replaces each `{deliveryId}`-style placeholder of the operation's URL with the numeric id read from
 * the parameter of that name, so that the request URL never depends on how the user wrote the id.
 */
export async function fillIdsInPath(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (!requestOptions.url) return requestOptions; // store operations get their URL later, from /api/me
	requestOptions.url = requestOptions.url.replace(/\{(\w+)\}/g, (_placeholder, name: string) => {
		const field = ID_FIELDS[name as IdField];
		const value = this.getNodeParameter(name, '');
		const id = field ? parseId(value, field.collections) : undefined;
		if (id === undefined) {
			const example = field ? field.collections[0] : 'deliveries';
			failItem(
				this,
				`${field?.label ?? name}: "${String(value)}" is not a CoopCycle id`,
				`Give a number (12), an IRI (/api/${example}/12) or a URL (https://acme.coopcycle.org/api/${example}/12).`,
			);
		}
		return id;
	});
	return requestOptions;
}
