import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { toRegistryDateTime } from '../../helpers/dates';
import { failWithProblems } from '../../helpers/journeyBody';
import { validateListQuery } from '../../helpers/validation';
import { returnAllAndLimit, showFor } from '../../../shared/fields';
import type { ListPaging } from '../../../shared/route';
import { registryRoute } from '../../helpers/routing';

/** The registry answers at most 100 ids a page; a shorter page is the last one. */
const PAGE_SIZE = 100;

export async function buildListQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const timeZone = this.getTimezone();
	const start = toRegistryDateTime(filters.startedAfter, timeZone);
	const end = toRegistryDateTime(filters.startedBefore, timeZone);
	const status = this.getNodeParameter('status') as string;
	const problems = validateListQuery(status, start, end);
	if (problems.length) failWithProblems(this, problems, 'List not requested');
	requestOptions.qs = { status, ...(start ? { start } : {}), ...(end ? { end } : {}) };
	return requestOptions;
}

/** The registry's list, by offset: pages of at most 100 ids, asking only for what Limit still needs. */
const OFFSET_PAGES: ListPaging = {
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

export const getManyOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many journeys',
	description: 'List the IDs of your journeys that have a given status',
	routing: registryRoute({
		request: { method: 'GET', url: '/journeys' },
		preSend: [buildListQuery],
		list: OFFSET_PAGES,
	}),
};

export const getManyFields: INodeProperties[] = [
	{
		displayName:
			'The registry lists journeys by the time they started, from 90 days before today to today 00:00 (Paris time); by default the 7 days before today. Journeys that started today cannot be listed: use Get Status with their ID.',
		name: 'listWindowNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('journey', ['getMany']),
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		// The registry filters on each of its checks separately (castStatus.ts castFromStatusEnum): a journey can
		// come out under several statuses, and under one that Get Status does not give it. The descriptions say so.
		options: [
			{
				name: 'Acquisition Error',
				value: 'acquisition_error',
				description: 'The registry could not process the journey (e.g. its places)',
			},
			{
				name: 'Anomaly Error',
				value: 'anomaly_error',
				description: 'Flagged by the anomaly checks, including journeys canceled since',
			},
			{ name: 'Canceled', value: 'canceled' },
			{
				name: 'Fraud Error',
				value: 'fraud_error',
				description: 'Flagged by the checks across operators, including journeys canceled since',
			},
			{ name: 'OK', value: 'ok', description: 'Every check passed' },
			{
				name: 'Pending',
				value: 'pending',
				description:
					'At least one check not finished (they take up to 48 hours). Includes canceled journeys and journeys that broke the terms of use while their checks are pending.',
			},
		],
		default: 'fraud_error',
		description:
			'Which journeys to list. The registry cannot list journeys that broke the terms of use (terms_violation_error); Get Status gives the status of one journey.',
		displayOptions: showFor('journey', ['getMany']),
	},
	...returnAllAndLimit(showFor('journey', ['getMany'])),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('journey', ['getMany']),
		options: [
			{
				displayName: 'Started After',
				name: 'startedAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only journeys that started at or after this time. Empty: 7 days before today 00:00 (Paris time). At most 90 days before today.',
			},
			{
				displayName: 'Started Before',
				name: 'startedBefore',
				type: 'dateTime',
				default: '',
				description:
					"Only journeys that started before this time. Empty, and at the latest: today 00:00 (Paris time), so not {{ $now }}. The registry's today follows the UTC date: from 00:00 to 01:00 (02:00 in summer) Paris time, it is still the day before.",
			},
		],
	},
];
