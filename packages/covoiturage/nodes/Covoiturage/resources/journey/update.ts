import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import {
	inputModeField,
	journeyCoreFields,
	journeyJsonField,
	operatorJourneyIdField,
} from '../../shared/journeyFields';
import { outputUpdated } from '../../shared/outputs';
import { buildUpdateBody } from '../../shared/requests';
import { JOURNEY_URL, registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Correct a journey',
	description:
		'Correct the class, trip ID, start, end, distance or incentives of a journey (within 24 hours of its start). The registry checks it again.',
	routing: registryRoute({
		request: { method: 'PATCH', url: JOURNEY_URL },
		preSend: [buildUpdateBody],
		postReceive: [outputUpdated],
	}),
};

export const fields: INodeProperties[] = [
	operatorJourneyIdField(showFor('journey', ['update'])),
	inputModeField(['update']),
	journeyJsonField(
		['update'],
		'The corrected fields: operator_class, start, end, distance and incentives (all required) and operator_trip_id. A full journey object is accepted: only these fields are sent.',
	),
	...journeyCoreFields(['update']),
];
