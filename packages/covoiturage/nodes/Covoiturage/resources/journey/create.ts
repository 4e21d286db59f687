import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { acceptRegisteredJourney } from '../../shared/acceptedFailures';
import {
	FIELDS_MODE,
	incentivesCollection,
	inputModeField,
	journeyCoreFields,
	journeyJsonField,
	operatorJourneyIdField,
	WHOLE_CENTS,
} from '../../shared/journeyFields';
import { outputCreatedJourney } from '../../shared/outputs';
import { buildCreateBody } from '../../shared/requests';
import { registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Send a journey proof',
	description: 'Send one finished journey (one driver and one passenger) to the registry',
	routing: registryRoute({
		request: { method: 'POST', url: '/journeys' },
		preSend: [buildCreateBody],
		acceptFailure: acceptRegisteredJourney,
		postReceive: [outputCreatedJourney],
	}),
};

type Person = 'driver' | 'passenger';

const forPersonMode = (identityMode: string) =>
	showFor('journey', ['create'], { ...FIELDS_MODE, identityMode: [identityMode] });

function personFields(person: Person): INodeProperties[] {
	const label = person === 'driver' ? 'Driver' : 'Passenger';
	return [
		{
			displayName: `${label} User ID`,
			name: `${person}OperatorUserId`,
			type: 'string',
			default: '',
			required: true,
			description: `Your own ID of the ${person} (operator_user_id)`,
			displayOptions: showFor('journey', ['create'], FIELDS_MODE),
		},
		{
			displayName: `${label} Phone`,
			name: `${person}Phone`,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 06 01 02 03 04 or +33601020304',
			description: `The ${person}'s phone number. Only its truncated form and the identity key are sent. Numbers of the overseas departments (e.g. 0690…, 0692…) get their own country code (+590, +262…), not +33.`,
			displayOptions: forPersonMode('compute'),
		},
		{
			displayName: `${label} Last Name`,
			name: `${person}LastName`,
			type: 'string',
			default: '',
			required: true,
			description: `The ${person}'s full last name, used only to compute the identity key (it is not sent)`,
			displayOptions: forPersonMode('compute'),
		},
		{
			displayName: `${label} Identity Key`,
			name: `${person}IdentityKey`,
			type: 'string',
			default: '',
			required: true,
			description:
				'The SHA-256 of the phone number in E.164 format, a hyphen and the normalised last name: 64 lowercase hex characters',
			displayOptions: forPersonMode('provided'),
		},
		{
			displayName: `${label} Truncated Phone`,
			name: `${person}PhoneTrunc`,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +336010203',
			description:
				'The phone number in international format without its last 2 digits, with the country code used for the identity key (+590, +594, +596, +262 or +508 for the overseas departments, not +33)',
			displayOptions: forPersonMode('provided'),
		},
	];
}

function over18Field(person: Person): INodeProperties {
	return {
		displayName: `${person === 'driver' ? 'Driver' : 'Passenger'} Is Over 18`,
		name: `${person}Over18`,
		type: 'boolean',
		default: true,
		description: `Whether the ${person} is an adult. Always sent: the registry would record a missing answer as an adult.`,
		displayOptions: showFor('journey', ['create'], FIELDS_MODE),
	};
}

export const fields: INodeProperties[] = [
	inputModeField(['create']),
	journeyJsonField(
		['create'],
		'One journey in the registry format (v3.3). An identity may give "phone" and "last_name" instead of "identity_key" and "phone_trunc": the node computes them. Amounts are whole cents (a value a hair off one, such as 1.15 * 100, is rounded).',
	),
	operatorJourneyIdField(showFor('journey', ['create'], FIELDS_MODE)),
	...journeyCoreFields(['create']),
	{
		displayName: 'Identities',
		name: 'identityMode',
		type: 'options',
		options: [
			{
				name: 'Compute From Phone and Last Name',
				value: 'compute',
				description: 'The node computes the identity keys and truncated phones; the full numbers are not sent',
			},
			{
				name: 'Identity Keys Already Computed',
				value: 'provided',
				description: 'Give each identity key and truncated phone as they are',
			},
		],
		default: 'compute',
		description: 'How the identities of the driver and the passenger are given',
		displayOptions: showFor('journey', ['create'], FIELDS_MODE),
	},
	...personFields('driver'),
	{
		displayName: 'Driver Revenue (Cents)',
		name: 'driverRevenue',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: 0, maxValue: 1000000 },
		description: `What the driver really receives for this passenger, after incentives and commission, in cents: ${WHOLE_CENTS}`,
		displayOptions: showFor('journey', ['create'], FIELDS_MODE),
	},
	over18Field('driver'),
	...personFields('passenger'),
	{
		displayName: 'Passenger Contribution (Cents)',
		name: 'passengerContribution',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: 0, maxValue: 1000000 },
		description: `What the journey really costs the passenger after incentives, in cents: ${WHOLE_CENTS}`,
		displayOptions: showFor('journey', ['create'], FIELDS_MODE),
	},
	{
		displayName: 'Passenger Seats',
		name: 'passengerSeats',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 8 },
		description: 'Number of seats the passenger booked',
		displayOptions: showFor('journey', ['create'], FIELDS_MODE),
	},
	over18Field('passenger'),
	incentivesCollection(
		'passengerPayments',
		'Passenger Payments',
		'Payments made for the passenger by a third party, e.g. a mobility voucher',
		['create'],
		true,
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Travel passes and licence plate, when you have them',
		displayOptions: showFor('journey', ['create'], FIELDS_MODE),
		options: [
			{
				displayName: 'Driver Navigo Pass Number',
				name: 'driverTravelPass',
				type: 'string',
				default: '',
				description: "The driver's Navigo travel pass number, when you have it",
			},
			{
				displayName: 'Licence Plate',
				name: 'licencePlate',
				type: 'string',
				default: '',
				description: 'The licence plate of the car (32 characters at most)',
			},
			{
				displayName: 'Passenger Navigo Pass Number',
				name: 'passengerTravelPass',
				type: 'string',
				default: '',
				description: "The passenger's Navigo travel pass number, when you have it",
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description:
			'What to do when the registry already has the journey or flags it, and whether full phone numbers are sent',
		displayOptions: showFor('journey', ['create']),
		options: [
			{
				displayName: 'If Already Registered',
				name: 'onDuplicate',
				type: 'options',
				options: [
					{
						name: 'Output It as Already Registered',
						value: 'output',
						description: 'Re-sending a batch is safe: journeys the registry has come out marked',
					},
					{ name: 'Fail the Item', value: 'fail' },
				],
				default: 'output',
				description: 'What to do when the registry already has a journey with this ID (HTTP 409)',
			},
			{
				displayName: 'If Terms of Use Are Broken',
				name: 'onTermsViolation',
				type: 'options',
				options: [
					{
						name: 'Output It With Its Labels',
						value: 'output',
						description: 'The registry stored the journey; it comes out with terms_violation_labels',
					},
					{ name: 'Fail the Item', value: 'fail' },
				],
				default: 'output',
				description:
					'What to do when the registry stores the journey but flags it (HTTP 422: too short, sent too late, too many or too close trips)',
			},
			{
				displayName: 'Send Full Phone Numbers',
				name: 'sendFullPhone',
				type: 'boolean',
				default: false,
				description:
					'Whether to send the full phone numbers instead of their truncated form (fields mode, computed identities)',
			},
		],
	},
];
