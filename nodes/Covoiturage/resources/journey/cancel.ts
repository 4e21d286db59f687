import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { failWithProblems } from '../../helpers/journeyBody';
import { validateCancel, validateJourneyId } from '../../helpers/validation';
import { showFor } from '../../../shared/fields';
import { registryRoute } from '../../helpers/routing';
import { journeyUrl } from './getStatus';

export async function buildCancelBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const code = String(this.getNodeParameter('cancelCode', '')).trim();
	const message = String(this.getNodeParameter('cancelMessage', '') ?? '');
	const problems = [
		...validateJourneyId(this.getNodeParameter('operatorJourneyId', '')),
		...validateCancel(code, message),
	];
	if (problems.length) failWithProblems(this, problems, 'Cancellation not sent');
	requestOptions.body = message ? { code, message } : { code };
	return requestOptions;
}

async function outputCanceled(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [
		{
			json: {
				operator_journey_id: String(this.getNodeParameter('operatorJourneyId', '')).trim(),
				canceled: true,
			},
		},
	];
}

export const cancelOperation: INodePropertyOptions = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a journey',
	description: 'Invalidate a journey, e.g. when you learn it was fraudulent. It cannot be undone.',
	routing: registryRoute({
		request: { method: 'POST', url: `${journeyUrl}/cancel` },
		preSend: [buildCancelBody],
		postReceive: [outputCanceled],
	}),
};

export const cancelFields: INodeProperties[] = [
	{
		displayName: 'Reason Code',
		name: 'cancelCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. FRAUD',
		description: 'Your code for the reason: 1 to 32 letters, digits, "-" or "_"',
		displayOptions: showFor('journey', ['cancel']),
	},
	{
		displayName: 'Message',
		name: 'cancelMessage',
		type: 'string',
		default: '',
		description: 'Optional explanation (512 characters at most)',
		displayOptions: showFor('journey', ['cancel']),
	},
];
