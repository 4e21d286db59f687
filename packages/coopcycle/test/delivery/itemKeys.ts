import type { IDataObject } from 'n8n-workflow';

/** The item key Create adds to the dropoff's metadata: execution, item index, random part. */
export const ITEM_KEY_VALUE = /^exec-\d+-\d+-[a-z0-9]{8}$/;

/**
 * The bodies Create sent, each checked to carry its item key in its (last) dropoff's metadata, with the key taken
 * out (and the metadata, when it held nothing else): what the tests about the rest of the body compare.
 */
export function withoutItemKey(bodies: unknown[]): unknown[] {
	return bodies.map((sent) => {
		const body = structuredClone(sent) as IDataObject;
		const tasks = body.tasks as IDataObject[] | undefined;
		const dropoff = tasks
			? [...tasks].reverse().find((task) => String(task.type).toLowerCase() === 'dropoff')
			: (body.dropoff as IDataObject);
		const metadata = (dropoff?.metadata ?? {}) as IDataObject;
		expect(metadata.n8n_item_key).toMatch(ITEM_KEY_VALUE);
		delete metadata.n8n_item_key;
		if (dropoff && Object.keys(metadata).length === 0) delete dropoff.metadata;
		return body;
	});
}
