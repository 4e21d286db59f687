import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import type { Api } from '../../shared/route';
import { filtersWindow, sortOf, type GetParameter } from './deliveryFilters';
import { membersOf } from './hydra';
import { readDeliveries } from './windowReader';
import type { Cell, FetchPage } from './windows';

/**
 * Reads the store's deliveries by windows (see windows.ts), in the chosen order: all of them, or at least the first
 * Limit ones (the routing cuts the list to Limit).
 */
export async function readStoreDeliveries(this: IExecutePaginationFunctions, api: Api): Promise<IDataObject[]> {
	const getParameter: GetParameter = (name, fallback) => this.getNodeParameter(name, fallback);
	const fail = (message: string, description?: string): never => failItem(this, message, description);
	const fetchPage: FetchPage = async (query) => {
		const body = await api.query(query);
		const total = Number(body['hydra:totalItems']);
		if (!Number.isFinite(total)) {
			fail(
				'CoopCycle did not say how many deliveries the list has',
				'Its answer has no "hydra:totalItems", which the node needs to read the list whole.',
			);
		}
		return { members: membersOf(body), total };
	};
	const window = filtersWindow(getParameter) as Cell; // checked by checkDeliveryFilters
	return await readDeliveries(fetchPage, window, sortOf(getParameter), api.limit, fail);
}
