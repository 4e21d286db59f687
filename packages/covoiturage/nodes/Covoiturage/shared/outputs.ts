import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';

import { cannotBeCorrected, rpcDataOf } from './errors';

/** What each journey operation outputs, from the registry's answer (postReceive). */

/** 201: `{ result: { data: { operator_journey_id, created_at } } }` → one flat item. */
export async function outputCreatedJourney(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const data = rpcDataOf(response.body);
	return [
		{
			json: {
				operator_journey_id: data.operator_journey_id,
				created_at: data.created_at,
				registered: true,
				already_registered: false,
			},
		},
	];
}

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

/** Cancel answers with nothing to keep: say which journey was canceled. */
export async function outputCanceled(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				operator_journey_id: String(this.getNodeParameter('operatorJourneyId', '')).trim(),
				canceled: true,
			},
		},
	];
}

/**
 * What Update outputs: the PATCH answers with an empty body, and the registry checks the journey again (`pending`).
 * The status the journey had is kept, and when it had broken the terms of use, what the correction leaves of it:
 * the registry keeps its labels and does not check the terms again.
 */
export function updatedJourney(id: string, previous: IDataObject): IDataObject {
	const output: IDataObject = {
		operator_journey_id: id,
		updated: true,
		status: 'pending',
		previous_status: previous.status,
	};
	const labels = (previous.terms_violation_labels ?? []) as string[];
	if (previous.status === 'canceled') {
		output.message =
			'This journey was canceled: the update brought it back, and the registry checks it again. Cancel it again if that was not meant.';
	} else if (labels.length) {
		output.terms_violation_labels = labels;
		output.message =
			`The registry does not check the terms of use again after an Update: the journey keeps its labels (${labels.join(', ')}), which Get Status shows beside its new status. ${cannotBeCorrected(labels)}`.trim();
	}
	return output;
}
