import type { DeclarativeRestApiSettings, IDataObject, INodePropertyRouting } from 'n8n-workflow';

import { route, type ListPaging, type RouteSpec } from '../../shared/route';
import { describeRegistryError } from './errors';

type Request = DeclarativeRestApiSettings.ResultOptions;

/**
 * Which requests are sent again after a broken connection: every one but Cancel. Reads change nothing; an Update
 * sends the same fields again; a journey sent twice is answered 409 the second time, which Create outputs as
 * already registered. (What the registry answers to a second cancellation is not settled, so it is not risked.)
 */
function resendable(request: Request): boolean {
	return !(request.options.method === 'POST' && String(request.options.url).endsWith('/cancel'));
}

/** The routing of a registry operation: the shared routing factory with the registry's error mapping. */
export function registryRoute(operation: Omit<RouteSpec, 'describeError' | 'resendable'>): INodePropertyRouting {
	return route({ ...operation, describeError: describeRegistryError, resendable });
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
