import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { dateText, dayOf } from '../../shared/dates';
import { failItem } from '../../shared/failItem';
import { textOf } from '../../shared/values';

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
