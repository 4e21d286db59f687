import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ListPaging } from '../../shared/route';

/**
 * CoopCycle's lists are API Platform's hydra collections: their items in `hydra:member`, the next page's URL in
 * `hydra:view` → `hydra:next`, at most 100 items a page (`itemsPerPage`).
 */

/** API Platform caps `itemsPerPage` at 100. */
const MAX_PAGE_SIZE = 100;

export function membersOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const object = (body ?? {}) as IDataObject;
	const members = object['hydra:member'] ?? object.member;
	return Array.isArray(members) ? (members as IDataObject[]) : [];
}

function nextPageOf(body: unknown): string | undefined {
	const view = ((body ?? {}) as IDataObject)['hydra:view'] ?? ((body ?? {}) as IDataObject).view;
	const next = ((view ?? {}) as IDataObject)['hydra:next'] ?? ((view ?? {}) as IDataObject).next;
	return typeof next === 'string' && next !== '' ? next : undefined;
}

const countMembers = (pages: INodeExecutionData[]) =>
	pages.reduce((total, page) => total + membersOf(page.json).length, 0);

/** A hydra collection, page after page: `itemsPerPage` as Limit needs, then `hydra:next`. */
export const HYDRA_LIST: ListPaging = {
	firstPage: (request, limit) =>
		Number.isFinite(limit)
			? {
					...request,
					options: { ...request.options, qs: { ...request.options.qs, itemsPerPage: Math.min(limit, MAX_PAGE_SIZE) } },
				}
			: request,
	nextPage: (previous, page, all, limit) => {
		const next = nextPageOf(page[0]?.json);
		if (!next || next === previous.options.url || countMembers(all) >= limit) return undefined;
		// hydra:next already carries every filter of the first request.
		return { ...previous, options: { ...previous.options, url: next, qs: {} } };
	},
	itemsOf: (answers) => answers.flatMap((page) => membersOf(page.json)).map((json) => ({ json })),
};
