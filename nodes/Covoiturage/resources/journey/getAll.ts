import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit, showFor } from '../../../shared/fields';
import { buildListQuery } from '../../shared/requests';
import { OFFSET_PAGES, registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many journeys',
	description: 'List the IDs of your journeys that have a given status',
	routing: registryRoute({
		request: { method: 'GET', url: '/journeys' },
		preSend: [buildListQuery],
		list: OFFSET_PAGES,
	}),
};

export const fields: INodeProperties[] = [
	{
		displayName:
			'The registry lists journeys by the time they started, from 90 days before today to today 00:00 (Paris time); by default the 7 days before today. Journeys that started today cannot be listed: use Get Status with their ID.',
		name: 'listWindowNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('journey', ['getAll']),
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
		displayOptions: showFor('journey', ['getAll']),
	},
	...returnAllAndLimit(showFor('journey', ['getAll'])),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'When the listed journeys started',
		displayOptions: showFor('journey', ['getAll']),
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
