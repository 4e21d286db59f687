import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { acceptCeeConflict } from '../../shared/acceptedFailures';
import { describeCeeError } from '../../shared/ceeErrors';
import {
	drivingLicenseField,
	forJourneyType,
	identityKeyField,
	identityModeField,
	journeyTypeField,
	lastNameTruncField,
	personFields,
	phoneTruncField,
} from '../../shared/ceeFields';
import { outputRegistered } from '../../shared/ceeOutputs';
import { buildRegistrationBody } from '../../shared/ceeRequests';
import { operatorJourneyIdField } from '../../shared/journeyFields';
import { registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Register',
	value: 'register',
	action: 'Register a CEE application',
	description:
		'Register a driver’s application for the CEE carpooling premium: the registry checks the journey, the dates and earlier applications of the same person',
	routing: registryRoute({
		request: { method: 'POST', url: '/policies/cee' },
		preSend: [buildRegistrationBody],
		acceptFailure: acceptCeeConflict,
		postReceive: [outputRegistered],
		describeError: describeCeeError,
	}),
};

const OPERATION = ['register'];

export const fields: INodeProperties[] = [
	journeyTypeField(OPERATION),
	operatorJourneyIdField(
		forJourneyType(OPERATION, 'short'),
		'Your ID of the journey the application is for, as you sent it to the registry. It must have ended at least 7 days ago.',
	),
	drivingLicenseField(OPERATION, true),
	identityModeField(OPERATION),
	...personFields(OPERATION),
	identityKeyField(OPERATION, true),
	lastNameTruncField(OPERATION),
	phoneTruncField(forJourneyType(OPERATION, 'long', { identityMode: ['provided'] })),
	{
		displayName: 'Costs Shared On',
		name: 'costSharingDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'When the costs of the long-distance journey were shared with the driver (the date you paid them). The registry accepts the application from 7 days after it. Without a time zone, the workflow’s is used.',
		displayOptions: forJourneyType(OPERATION, 'long'),
	},
	{
		displayName: 'Signed Up At',
		name: 'applicationDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'When the driver signed up for the premium (application_timestamp); it must be in the past. Without a time zone, the workflow’s is used.',
		displayOptions: showFor('ceeApplication', OPERATION),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'What to do when the registry already has an application of this driver',
		displayOptions: showFor('ceeApplication', OPERATION),
		options: [
			{
				displayName: 'If Already Applied',
				name: 'onConflict',
				type: 'options',
				options: [
					{
						name: 'Output It',
						value: 'output',
						description:
							'The item comes out with already_applied: true, by_another_operator, and the uuid when the application is yours',
					},
					{ name: 'Fail the Item', value: 'fail' },
				],
				default: 'output',
				description: 'What to do when the registry answers that this driver already has an application (HTTP 409)',
			},
		],
	},
];
