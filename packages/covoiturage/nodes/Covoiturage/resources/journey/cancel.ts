import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { operatorJourneyIdField } from '../../shared/journeyFields';
import { outputCanceled } from '../../shared/outputs';
import { buildCancelBody } from '../../shared/requests';
import { JOURNEY_URL, registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a journey',
	description:
		'Invalidate a journey, e.g. when you learn it was fraudulent. Only an Update can bring it back, and Update refuses canceled journeys unless you allow it.',
	routing: registryRoute({
		request: { method: 'POST', url: `${JOURNEY_URL}/cancel` },
		preSend: [buildCancelBody],
		postReceive: [outputCanceled],
	}),
};

export const fields: INodeProperties[] = [
	operatorJourneyIdField(showFor('journey', ['cancel'])),
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
