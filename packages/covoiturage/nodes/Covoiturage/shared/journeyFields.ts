import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';

/**
 * Fields that several journey operations show: the journey's ID, where the journey comes from (fields or JSON),
 * and what Create and Update both send (class, trip, start, end, distance, incentives).
 */

/**
 * How every amount in cents is read (shared/cents.ts): the registry stores whole cents, and euros × 100 in
 * JavaScript is often a hair off a whole number.
 */
export const WHOLE_CENTS =
	'whole cents only: a value a hair off a whole number, as euros × 100 gives (1.15 × 100 = 114.99999999999999), is rounded to it; any other fraction fails the item';

/** With `showFor`: only when the journey comes from the fields (not from a JSON object). */
export const FIELDS_MODE = { inputMode: ['fields'] };

export const operatorJourneyIdField = (
	displayOptions: IDisplayOptions,
	description = 'Your own unique ID for this journey (one driver–passenger pair). It is how the registry knows the journey: sending the same ID twice is answered "already registered".',
): INodeProperties => ({
	displayName: 'Operator Journey ID',
	name: 'operatorJourneyId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. j20250918a1b2c3',
	description,
	displayOptions,
});

export const inputModeField = (operations: string[]): INodeProperties => ({
	displayName: 'Journey Source',
	name: 'inputMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Fields Below', value: 'fields', description: 'Fill in or map each field' },
		{
			name: 'Input Item',
			value: 'item',
			description:
				'Each incoming item is one journey in the registry format, e.g. a row of a database query: nothing to map, and the fastest',
		},
		{
			name: 'JSON Object',
			value: 'json',
			description: 'One journey object in the registry format, given by an expression or typed in',
		},
	],
	default: 'fields',
	description:
		'Where the journey comes from: the fields below, the incoming item itself, or one JSON object in the registry format',
	displayOptions: showFor('journey', operations),
});

export const journeyJsonField = (operations: string[], description: string): INodeProperties => ({
	displayName: 'Journey (JSON)',
	name: 'journeyJson',
	type: 'json',
	default: '={{ $json }}',
	required: true,
	description,
	displayOptions: showFor('journey', operations, { inputMode: ['json'] }),
});

const incentiveValues = (withType: boolean): INodeProperties[] => [
	{
		displayName: 'SIRET',
		name: 'siret',
		type: 'string',
		default: '',
		placeholder: 'e.g. 11000101300017',
		description: 'SIRET number (14 digits) of who pays',
	},
	...(withType
		? [
				{
					displayName: 'Type',
					name: 'type',
					type: 'string' as const,
					default: '',
					placeholder: 'e.g. titre-mobilite',
					description: 'Kind of payment, e.g. a mobility voucher',
				},
			]
		: []),
	{
		displayName: 'Amount (Cents)',
		name: 'amount',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: 100000 },
		description: `Amount in euro cents (150 = 1.50 €), ${WHOLE_CENTS}`,
	},
];

export const incentivesCollection = (
	name: string,
	displayName: string,
	description: string,
	operations: string[],
	withType: boolean,
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	placeholder: `Add ${displayName.replace(/s$/, '')}`,
	description,
	displayOptions: showFor('journey', operations, FIELDS_MODE),
	options: [{ displayName: 'Entry', name: 'entries', values: incentiveValues(withType) }],
});

/**
 * Class, trip, start, end, distance and incentives: what Create and Update both send. Positions and distance have
 * no default (0 is never right): they are required and empty until filled in. The trip ID is required by Create
 * only (Update may leave it as it is).
 */
export const journeyCoreFields = (operations: string[]): INodeProperties[] => [
	{
		displayName: 'Proof Class',
		name: 'operatorClass',
		type: 'options',
		options: [
			{ name: 'A', value: 'A', description: 'Declared by the users only' },
			{ name: 'B', value: 'B', description: 'Declared, with one proof of presence' },
			{ name: 'C', value: 'C', description: 'Both users located at start and end (the usual class)' },
		],
		default: 'C',
		description: 'The proof class (operator_class) of the journey',
		displayOptions: showFor('journey', operations, FIELDS_MODE),
	},
	{
		displayName: 'Operator Trip ID',
		name: 'operatorTripId',
		type: 'string',
		default: '',
		required: operations.includes('create'),
		placeholder: 'e.g. t20250918x9',
		description: operations.includes('create')
			? 'Your ID of the vehicle trip: all the journeys of one driver on one trip (one per passenger) share it'
			: 'Your ID of the vehicle trip: all the journeys of one driver on one trip (one per passenger) share it. Empty: it stays as it is.',
		displayOptions: showFor('journey', operations, FIELDS_MODE),
	},
	{
		displayName: 'Start Date and Time',
		name: 'startDateTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: "When the passenger's journey started. Without a time zone, the workflow's time zone is used.",
		displayOptions: showFor('journey', operations, FIELDS_MODE),
	},
	{
		displayName: 'Start Latitude',
		name: 'startLatitude',
		type: 'number',
		default: '',
		required: true,
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 },
		placeholder: 'e.g. 48.8566',
		description: 'Where the journey started, in decimal degrees (WGS 84)',
		displayOptions: showFor('journey', operations, FIELDS_MODE),
	},
	{
		displayName: 'Start Longitude',
		name: 'startLongitude',
		type: 'number',
		default: '',
		required: true,
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 },
		placeholder: 'e.g. 2.3522',
		description: 'With Start Latitude: where the journey started, in decimal degrees (WGS 84)',
		displayOptions: showFor('journey', operations, FIELDS_MODE),
	},
	{
		displayName: 'End Date and Time',
		name: 'endDateTime',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When the journey ended. It must be in the past: only finished journeys can be sent.',
		displayOptions: showFor('journey', operations, FIELDS_MODE),
	},
	{
		displayName: 'End Latitude',
		name: 'endLatitude',
		type: 'number',
		default: '',
		required: true,
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 },
		placeholder: 'e.g. 48.8049',
		description: 'Where the journey ended, in decimal degrees (WGS 84)',
		displayOptions: showFor('journey', operations, FIELDS_MODE),
	},
	{
		displayName: 'End Longitude',
		name: 'endLongitude',
		type: 'number',
		default: '',
		required: true,
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 },
		placeholder: 'e.g. 2.1204',
		description: 'With End Latitude: where the journey ended, in decimal degrees (WGS 84)',
		displayOptions: showFor('journey', operations, FIELDS_MODE),
	},
	{
		displayName: 'Distance (Meters)',
		name: 'distance',
		type: 'number',
		default: '',
		required: true,
		typeOptions: { minValue: 1, maxValue: 1000000 },
		placeholder: 'e.g. 12000',
		description: 'Distance travelled by the passenger, in metres. Under 2,000 m the registry flags the journey.',
		displayOptions: showFor('journey', operations, FIELDS_MODE),
	},
	incentivesCollection(
		'incentives',
		'Incentives',
		'Incentives paid for this journey, in the order they apply (territory first, then sponsors, then you). Leave empty when there are none.',
		operations,
		false,
	),
];
