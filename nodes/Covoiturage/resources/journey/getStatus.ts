import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';

import { rpcDataOf } from '../../helpers/errors';
import { failWithProblems } from '../../helpers/journeyBody';
import { validateJourneyId } from '../../helpers/validation';
import { registryRoute } from '../../helpers/routing';

/** preSend of every operation on one journey: its id must be usable in the URL. */
export async function checkJourneyId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems = validateJourneyId(this.getNodeParameter('operatorJourneyId', ''));
	if (problems.length) failWithProblems(this, problems, 'Request not sent');
	return requestOptions;
}

export const journeyUrl = '=/journeys/{{ encodeURIComponent(String($parameter.operatorJourneyId).trim()) }}';

const labelOf = (entry: unknown): string =>
	entry && typeof entry === 'object' ? String((entry as IDataObject).label ?? '') : String(entry);

/**
 * The registry's documentation and its server disagree on label shapes ({label} objects vs plain strings, and
 * the names of the anomaly details): output one shape whatever the server sends.
 */
export function normaliseStatus(body: IDataObject): IDataObject {
	const anomalies = Array.isArray(body.anomaly_error_details) ? body.anomaly_error_details : [];
	const fraudLabels = Array.isArray(body.fraud_error_labels) ? body.fraud_error_labels.map(labelOf) : [];
	const termsLabels = Array.isArray(body.terms_violation_details) ? body.terms_violation_details.map(labelOf) : [];
	return {
		operator_journey_id: body.operator_journey_id,
		status: body.status,
		created_at: body.created_at,
		journey_id: body.journey_id === undefined || body.journey_id === null ? body.journey_id : String(body.journey_id),
		fraud_error_labels: fraudLabels,
		anomaly_error_labels: anomalies.map(labelOf),
		anomaly_error_details: anomalies.map((entry) => {
			const detail = (entry && typeof entry === 'object' ? entry : { label: entry }) as IDataObject;
			const metas = (detail.metas ?? {}) as IDataObject;
			return {
				label: labelOf(detail),
				conflicting_operator_journey_id: metas.conflicting_operator_journey_id ?? metas.conflicting_journey_id,
				overlap_duration_ratio: metas.overlap_duration_ratio ?? metas.temporal_overlap_duration_ratio,
			};
		}),
		terms_violation_labels: termsLabels,
	};
}

export async function outputStatus(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	// This route answers a bare object, unlike create; accept the wrapped form too.
	return [{ json: normaliseStatus(rpcDataOf(response.body)) }];
}

export const getStatusOperation: INodePropertyOptions = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get the status of a journey',
	description: "Read a journey's status and the labels of the registry's checks",
	routing: registryRoute({
		request: { method: 'GET', url: journeyUrl },
		preSend: [checkJourneyId],
		postReceive: [outputStatus],
	}),
};
