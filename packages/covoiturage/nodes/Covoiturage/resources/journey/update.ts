import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import {
	inputModeField,
	journeyCoreFields,
	journeyJsonField,
	operatorJourneyIdField,
} from '../../shared/journeyFields';
import { readThenCorrect } from '../../shared/correction';
import { buildUpdateBody } from '../../shared/requests';
import { JOURNEY_URL, registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Correct a journey',
	description:
		'Correct the class, trip ID, start, end, distance or incentives of a journey (within 24 hours of its start). The registry checks it again; canceled journeys are refused unless you allow it.',
	routing: registryRoute({
		request: { method: 'PATCH', url: JOURNEY_URL },
		preSend: [buildUpdateBody],
		read: readThenCorrect,
	}),
};

export const fields: INodeProperties[] = [
	operatorJourneyIdField(showFor('journey', ['update'])),
	inputModeField(['update']),
	journeyJsonField(
		['update'],
		'The corrected fields: operator_class, start, end, distance and incentives (all required) and operator_trip_id. A full journey object is accepted: only these fields are sent. Incentive amounts are whole cents (a value a hair off one, such as 1.15 * 100, is rounded).',
	),
	...journeyCoreFields(['update']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Whether a canceled journey may be updated',
		displayOptions: showFor('journey', ['update']),
		options: [
			{
				displayName: 'Update Canceled Journeys',
				name: 'updateCanceled',
				type: 'boolean',
				default: false,
				description:
					'Whether to update a journey the registry has as canceled. The update brings it back: the registry checks it again and counts it for incentives. Off: the item fails and nothing is sent.',
			},
		],
	},
];
