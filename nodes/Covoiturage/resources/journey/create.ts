import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { explainLabels, rpcDataOf, rpcErrorOf } from '../../helpers/errors';
import {
	buildIdentity,
	failWithProblems,
	indexedEntries,
	journeyFromJson,
	readNumber,
} from '../../helpers/journeyBody';
import { validateJourney } from '../../helpers/validation';
import { showFor } from '../../../shared/fields';
import type { HttpFailure } from '../../../shared/transport';
import { registryRoute } from '../../helpers/routing';
import {
	FIELDS_MODE,
	incentivesCollection,
	journeyCoreFromFields,
	journeyJsonField,
	operatorJourneyIdField,
} from './shared';

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

export const createOperation: INodePropertyOptions = {
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

/** Shown after the fields Create shares with Update (see index.ts). */
export const createJsonField = journeyJsonField(
	['create'],
	'One journey in the registry format (v3.3). An identity may give "phone" and "last_name" instead of "identity_key" and "phone_trunc": the node computes them.',
);

export const createJourneyIdField: INodeProperties = {
	...operatorJourneyIdField,
	displayOptions: showFor('journey', ['create'], FIELDS_MODE),
};

export const createFields: INodeProperties[] = [
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
		description: 'What the driver really receives for this passenger, after incentives and commission, in cents',
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
		description: 'What the journey really costs the passenger after incentives, in cents',
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

function journeyFromFields(context: IExecuteSingleFunctions, problems: string[]): IDataObject {
	const identityMode = context.getNodeParameter('identityMode', 'compute') as 'compute' | 'provided';
	const { sendFullPhone = false } = context.getNodeParameter('options', {}) as IDataObject;
	const extra = context.getNodeParameter('additionalFields', {}) as IDataObject;
	const person = (who: Person, over18?: boolean) =>
		buildIdentity(
			`${who}.identity`,
			{
				identityMode,
				operatorUserId: String(context.getNodeParameter(`${who}OperatorUserId`, '')).trim(),
				phone: context.getNodeParameter(`${who}Phone`, '') as string,
				lastName: context.getNodeParameter(`${who}LastName`, '') as string,
				identityKey: String(context.getNodeParameter(`${who}IdentityKey`, '')).trim(),
				phoneTrunc: context.getNodeParameter(`${who}PhoneTrunc`, '') as string,
				travelPass: extra[`${who}TravelPass`] as string | undefined,
				over18,
			},
			sendFullPhone as boolean,
			problems,
		);
	const core = journeyCoreFromFields(context, problems);
	const journey: IDataObject = {
		operator_journey_id: String(context.getNodeParameter('operatorJourneyId', '')).trim(),
		operator_trip_id: core.operator_trip_id ?? '',
		...core,
		driver: {
			identity: person('driver', context.getNodeParameter('driverOver18', true) as boolean),
			revenue: readNumber(context, 'driverRevenue', 0),
		},
		passenger: {
			identity: person('passenger', context.getNodeParameter('passengerOver18', true) as boolean),
			contribution: readNumber(context, 'passengerContribution', 0),
			seats: readNumber(context, 'passengerSeats', 1),
			payments: indexedEntries(context.getNodeParameter('passengerPayments.entries', []) as IDataObject[], true),
		},
	};
	if (extra.licencePlate) journey.licence_plate = extra.licencePlate;
	return journey;
}

/** preSend: the journey from the fields or the JSON, validated; nothing is sent for an invalid journey. */
export async function buildCreateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems: string[] = [];
	const journey =
		this.getNodeParameter('inputMode', 'fields') === 'json'
			? journeyFromJson(this, 'journeyJson')
			: journeyFromFields(this, problems);
	problems.push(...validateJourney(journey));
	if (problems.length) failWithProblems(this, problems);
	requestOptions.body = journey;
	return requestOptions;
}

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

/**
 * 409 (already registered) and 422 (stored, but breaking the terms of use) mean the registry has the journey:
 * by default they come out as items, so that re-sending a batch never fails on journeys already sent.
 */
function acceptRegisteredJourney(
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
		const parsed = written ? new Date(written) : undefined;
		const date = parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : written;
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
					message: `The registry stored this journey but it breaks the terms of use: ${explainLabels(labels as string[])}. It will not receive incentives; within 24 hours you can correct it with Update.`,
				},
			},
		];
	}
	return undefined;
}
