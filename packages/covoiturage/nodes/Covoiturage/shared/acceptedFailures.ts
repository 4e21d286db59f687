import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { instantOf } from '../../shared/dates';
import type { HttpFailure } from '../../shared/transport';
import { objectOf } from '../../shared/values';
import { conflictMessage } from './ceeErrors';
import { explainLabels, rpcErrorOf, whatUpdateCanCorrect } from './errors';

/**
 * 409 (already registered) and 422 (stored, but breaking the terms of use) mean the registry has the journey:
 * by default they come out as items, so that re-sending a batch never fails on journeys already sent.
 */
export function acceptRegisteredJourney(
	this: IExecutePaginationFunctions,
	failure: HttpFailure,
	request: DeclarativeRestApiSettings.ResultOptions,
): INodeExecutionData[] | undefined {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const journeyId = (request.options.body as IDataObject | undefined)?.operator_journey_id;
	const rpc = rpcErrorOf(failure.body);
	if (failure.status === 409 && options.onDuplicate !== 'fail') {
		const text = typeof rpc?.data === 'string' ? rpc.data : 'Carpool already registered';
		// The registry writes the date as JavaScript's Date.toString() ("Sun Nov 22 2026 08:00:00 GMT+0100 (…)").
		const written = /registered at (.+)$/.exec(text)?.[1];
		const instant = written ? instantOf(written, 'UTC') : NaN;
		const date = Number.isNaN(instant) ? written : new Date(instant).toISOString();
		return [
			{
				json: {
					operator_journey_id: journeyId,
					created_at: date,
					registered: true,
					already_registered: true,
					message: `The registry already had this journey${date ? ` (registered at ${date})` : ''}: nothing was changed.`,
				},
			},
		];
	}
	const labels = (rpc?.data as IDataObject | undefined)?.terms_violation_labels;
	if (failure.status === 422 && Array.isArray(labels) && options.onTermsViolation !== 'fail') {
		return [
			{
				json: {
					operator_journey_id: journeyId,
					registered: true,
					already_registered: false,
					status: 'terms_violation_error',
					terms_violation_labels: labels,
					message:
						`The registry stored this journey but it breaks the terms of use: ${explainLabels(labels as string[])}. It will not receive incentives. ${whatUpdateCanCorrect(labels as string[])}`.trim(),
				},
			},
		];
	}
	return undefined;
}

/**
 * 409 on a CEE application: the registry has an earlier application of this driver (RegisterCeeAction.ts,
 * SimulateCeeAction.ts). With its `uuid` (and, for a short distance, the journey's `journey_id` and `status`, its
 * acquisition step) when you made it; with only its `datetime` when another operator did. An answer about the
 * driver, not a failure: Simulate always outputs it, Register unless its option says to fail.
 */
export function acceptCeeConflict(
	this: IExecutePaginationFunctions,
	failure: HttpFailure,
	request: DeclarativeRestApiSettings.ResultOptions,
): INodeExecutionData[] | undefined {
	if (failure.status !== 409) return undefined;
	const registering = !String(request.options.url).endsWith('/simulate');
	const { onConflict = 'output' } = this.getNodeParameter('options', {}) as IDataObject;
	if (registering && onConflict === 'fail') return undefined;
	const answer = objectOf(failure.body);
	return [
		{
			json: {
				journey_type: (request.options.body as IDataObject | undefined)?.journey_type,
				...(registering ? { registered: false } : {}),
				already_applied: true,
				by_another_operator: answer.uuid === undefined,
				...answer,
				message: conflictMessage(answer, registering),
			},
		},
	];
}
