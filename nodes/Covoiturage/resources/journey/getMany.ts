import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { describeRegistryError } from '../../helpers/errors';
import { toRegistryDateTime } from '../../helpers/dates';
import { failItem } from '../../helpers/journeyBody';
import { validateListWindow } from '../../helpers/validation';
import { sendRequests } from '../../../shared/transport';
import { forOperations } from './shared';

/** The registry answers at most 100 ids a page; a shorter page is the last one. */
const PAGE_SIZE = 100;

function wanted(context: IExecuteSingleFunctions | IExecutePaginationFunctions): number {
	return context.getNodeParameter('returnAll', false) ? Infinity : (context.getNodeParameter('limit', 50) as number);
}

export async function buildListQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const timeZone = this.getTimezone();
	const start = toRegistryDateTime(filters.startedAfter, timeZone);
	const end = toRegistryDateTime(filters.startedBefore, timeZone);
	const problems = validateListWindow(start, end);
	if (problems.length) failItem(this, problems, 'List not requested');
	requestOptions.qs = {
		status: this.getNodeParameter('status') as string,
		...(start ? { start } : {}),
		...(end ? { end } : {}),
		limit: Math.min(PAGE_SIZE, wanted(this)),
		offset: 0,
	};
	return requestOptions;
}

function nextPage(
	this: IExecutePaginationFunctions,
	previous: DeclarativeRestApiSettings.ResultOptions,
	pageItems: INodeExecutionData[],
	allItems: INodeExecutionData[],
): DeclarativeRestApiSettings.ResultOptions | undefined {
	const qs = previous.options.qs as IDataObject;
	const remaining = wanted(this) - allItems.length;
	if (pageItems.length < (qs.limit as number) || remaining <= 0) return undefined;
	return {
		...previous,
		options: {
			...previous.options,
			qs: { ...qs, offset: (qs.offset as number) + pageItems.length, limit: Math.min(PAGE_SIZE, remaining) },
		},
	};
}

export const getManyOperation: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many journeys',
	description: 'List the IDs of your journeys that have a given status',
	routing: {
		request: { method: 'GET', url: '/journeys' },
		send: { preSend: [buildListQuery], paginate: true },
		operations: sendRequests({ describeError: describeRegistryError, nextPage }),
		output: { maxResults: '={{ $parameter.returnAll ? undefined : $parameter.limit }}' },
	},
};

export const getManyFields: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{
				name: 'Acquisition Error',
				value: 'acquisition_error',
				description: 'The registry could not process the journey',
			},
			{ name: 'Anomaly Error', value: 'anomaly_error', description: 'Flagged by the anomaly checks' },
			{ name: 'Canceled', value: 'canceled' },
			{ name: 'Fraud Error', value: 'fraud_error', description: 'Flagged by the checks across operators' },
			{ name: 'OK', value: 'ok', description: 'Checked and valid' },
			{ name: 'Pending', value: 'pending', description: 'Received, checks not finished (they take up to 48 hours)' },
		],
		default: 'fraud_error',
		description: 'Which journeys to list. The registry does not list journeys by terms-of-use status.',
		displayOptions: forOperations('getMany'),
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: forOperations('getMany'),
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['journey'], operation: ['getMany'], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: forOperations('getMany'),
		options: [
			{
				displayName: 'Started After',
				name: 'startedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only journeys that started at or after this time (default: 7 days ago; at most 90 days ago)',
			},
			{
				displayName: 'Started Before',
				name: 'startedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only journeys that started before this time (default: now)',
			},
		],
	},
];
