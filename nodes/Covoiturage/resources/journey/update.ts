import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import { failWithProblems, journeyFromJson } from '../../helpers/journeyBody';
import { CORRECTABLE_FIELDS, validateJourneyId, validateJourneyUpdate } from '../../helpers/validation';
import { registryRoute } from '../../helpers/routing';
import { journeyUrl } from './getStatus';
import { journeyCoreFromFields, journeyJsonField } from './shared';

export const updateJsonField = journeyJsonField(
	['update'],
	'The corrected fields: operator_class, start, end, distance and incentives (all required) and operator_trip_id. A full journey object is accepted: only these fields are sent.',
);

export async function buildUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems = validateJourneyId(this.getNodeParameter('operatorJourneyId', ''));
	let update: IDataObject;
	if (this.getNodeParameter('inputMode', 'fields') === 'json') {
		// Identities and money cannot be corrected (cancel and send again under a new id): send only what PATCH stores.
		const journey = journeyFromJson(this, 'journeyJson');
		update = Object.fromEntries(Object.entries(journey).filter(([key]) => CORRECTABLE_FIELDS.includes(key)));
	} else {
		update = journeyCoreFromFields(this, problems);
	}
	problems.push(...validateJourneyUpdate(update));
	if (problems.length) failWithProblems(this, problems, 'Update not sent');
	requestOptions.body = update;
	return requestOptions;
}

async function outputUpdated(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				operator_journey_id: String(this.getNodeParameter('operatorJourneyId', '')).trim(),
				updated: true,
				status: 'pending',
			},
		},
	];
}

export const updateOperation: INodePropertyOptions = {
	name: 'Update',
	value: 'update',
	action: 'Correct a journey',
	description:
		'Correct the class, trip ID, start, end, distance or incentives of a journey (within 24 hours of its start). The registry checks it again.',
	routing: registryRoute({
		request: { method: 'PATCH', url: journeyUrl },
		preSend: [buildUpdateBody],
		postReceive: [outputUpdated],
	}),
};
