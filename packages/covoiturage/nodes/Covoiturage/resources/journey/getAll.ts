import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit, showFor } from '../../../shared/fields';
import { readJourneyList } from '../../shared/listReading';
import { LISTABLE_STATUS_OPTIONS } from '../../shared/listValidation';
import { buildListQuery } from '../../shared/requests';
import { registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many journeys',
	description: 'List the IDs of your journeys that have a given status',
	routing: registryRoute({
		request: { method: 'GET', url: '/journeys' },
		preSend: [buildListQuery],
		read: readJourneyList,
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
		options: LISTABLE_STATUS_OPTIONS,
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
