import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { objectOf } from '../../shared/values';

/** What each CEE application operation outputs, from the registry's answer (postReceive). */

const journeyTypeOf = (context: IExecuteSingleFunctions) =>
	context.getNodeParameter('journeyType', 'short') === 'long' ? 'long' : 'short';

/**
 * 201 (RegisterCeeAction.ts): `uuid`, `datetime` (the end of the journey, or the date the costs were shared),
 * `token` (the registry's signature, for the file sent to the PNCEE); for a short distance also the journey's
 * `journey_id` and `status`.
 */
export async function outputRegistered(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				journey_type: journeyTypeOf(this),
				registered: true,
				already_applied: false,
				...objectOf(response.body),
			},
		},
	];
}

/**
 * 200 with no body (SimulateCeeAction.ts returns nothing): the registry found no earlier application of this driver
 * in the years it looks back. It does not look at a journey or at the programme's dates: Register does.
 */
export async function outputSimulated(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				journey_type: journeyTypeOf(this),
				already_applied: false,
				message:
					'The registry has no earlier CEE application of this driver: an application can be registered (Register also checks the journey and the dates).',
			},
		},
	];
}

/**
 * 200 (FindCeeAction.ts): `uuid`, `datetime`, `journey_id` (null for a long distance: no journey), `status`,
 * `token`. Its `status` leaves out the anomaly check (the query does not read it): a journey whose checks all
 * passed shows `pending` here (Journey → Get Status gives the journey's status).
 */
export async function outputApplication(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [{ json: objectOf(response.body) as IDataObject }];
}

/** 204 (DeleteCeeAction.ts): nothing to keep but which application was deleted. */
export async function outputDeleted(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { uuid: String(this.getNodeParameter('applicationId', '')).trim().toLowerCase(), deleted: true } }];
}
