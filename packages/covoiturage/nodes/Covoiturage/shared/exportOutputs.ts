import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Api } from '../../shared/route';

/**
 * 201 (export/actions/CreateActionV3.ts): `uuid`, `target` (operator), `status` (pending), `start_at`, `end_at`.
 * The registry builds the file later and e-mails a download link to the recipients (kept 7 days); the API has no
 * route to follow it or download it. The item says so, with the recipients it was sent to.
 */
export async function outputExport(
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
	api: Api,
): Promise<INodeExecutionData[]> {
	const { recipients } = (api.request.options.body ?? {}) as IDataObject;
	return items.map((item) => ({
		...item,
		json: {
			...item.json,
			recipients,
			message:
				'The registry is preparing the CSV file (zipped): it e-mails a download link to the recipients once it is ready, and keeps the file 7 days. Nothing else comes back to n8n.',
		},
	}));
}
