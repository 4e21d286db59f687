import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import { TASK_LABEL } from './deliveryFields';

/**
 * Metadata as a quote keeps it. Confirm Quote rebuilds the delivery from the quote's stored request through
 * CoopCycle's older DeliveryNormalizer, which reads metadata only as text `key=value key=value` (split on spaces,
 * then on "="), and drops an object. Creating the quote reads that text as well, so a quote sends it so.
 */
function quoteMetadata(context: IExecuteSingleFunctions, metadata: unknown, label: string): string {
	if (typeof metadata === 'string') return metadata;
	if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
		failItem(context, `${label}: metadata must be an object of keys and values`);
	}
	return Object.entries(metadata as IDataObject)
		.map(([key, value]) => {
			const text = value === null || value === undefined ? '' : typeof value === 'object' ? undefined : String(value);
			if (text === undefined || /[\s=]/.test(key) || /[\s=]/.test(text)) {
				failItem(
					context,
					`${label}: the Metadata "${key}" cannot be kept by a quote`,
					'Confirm Quote keeps metadata only as single words: no spaces and no "=" in keys or values (e.g. A-1001 rather than "A 1001"). Change it, or create the delivery with Create instead.',
				);
			}
			return `${key}=${text}`;
		})
		.join(' ');
}

/** Create Quote: each task's metadata in the form Confirm Quote keeps. */
function forQuote(context: IExecuteSingleFunctions, body: IDataObject): IDataObject {
	const convert = (task: IDataObject | undefined, label: string) => {
		if (task?.metadata === undefined) return;
		const text = quoteMetadata(context, task.metadata, label);
		// An empty text would still be read, as one empty key.
		if (text.trim() === '') delete task.metadata;
		else task.metadata = text;
	};
	if (Array.isArray(body.tasks)) {
		body.tasks = (body.tasks as IDataObject[]).map((task) => ({ ...task }));
		(body.tasks as IDataObject[]).forEach((task, index) => convert(task, `Tasks (JSON): task ${index + 1}`));
	}
	for (const kind of ['pickup', 'dropoff'] as const) convert(body[kind] as IDataObject, `${TASK_LABEL[kind]} Details`);
	return body;
}

/** preSend of Create Quote, after the delivery body is built: each task's metadata in the form a quote keeps. */
export async function quoteMetadataBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.body = forQuote(this, requestOptions.body as IDataObject);
	return requestOptions;
}
