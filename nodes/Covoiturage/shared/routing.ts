import type { IDataObject, INodePropertyRouting } from 'n8n-workflow';

import { route, type ListPaging, type RouteSpec } from '../../shared/route';
import { describeRegistryError } from './errors';

/** The routing of a registry operation: the shared routing factory with the registry's error mapping. */
export function registryRoute(operation: Omit<RouteSpec, 'describeError'>): INodePropertyRouting {
	return route({ ...operation, describeError: describeRegistryError });
}

/** The URL of one journey, by the operator's own id (which may hold any character). */
export const JOURNEY_URL = '=/journeys/{{ encodeURIComponent(String($parameter.operatorJourneyId).trim()) }}';

/** The registry answers at most 100 ids a page; a shorter page is the last one. */
const PAGE_SIZE = 100;

/** The registry's list, by offset: pages of at most 100 ids, asking only for what Limit still needs. */
export const OFFSET_PAGES: ListPaging = {
	firstPage: (request, limit) => ({
		...request,
		options: { ...request.options, qs: { ...request.options.qs, limit: Math.min(PAGE_SIZE, limit), offset: 0 } },
	}),
	nextPage: (previous, page, all, limit) => {
		const qs = previous.options.qs as IDataObject;
		const remaining = limit - all.length;
		if (page.length < (qs.limit as number) || remaining <= 0) return undefined;
		return {
			...previous,
			options: {
				...previous.options,
				qs: { ...qs, offset: (qs.offset as number) + page.length, limit: Math.min(PAGE_SIZE, remaining) },
			},
		};
	},
};
