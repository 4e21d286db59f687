import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../shared/fields';

/**
 * Fields the CEE application operations share (Register, Simulate; Get and Delete's application ID): the kind of
 * journey, the driver's identity (computed from a phone and a last name, or given), the driving licence.
 */

const RESOURCE = 'ceeApplication';

const forCee = (operations: string[], extra: IDisplayOptions['show'] = {}) => showFor(RESOURCE, operations, extra);

export const journeyTypeField = (operations: string[]): INodeProperties => ({
	displayName: 'Journey Type',
	name: 'journeyType',
	type: 'options',
	options: [
		{
			name: 'Short Distance',
			value: 'short',
			description: 'A carpool journey under 80 km that you sent to the registry (the driver’s first one with you)',
		},
		{
			name: 'Long Distance',
			value: 'long',
			description: 'A long-distance carpool journey, known by the date its costs were shared with the driver',
		},
	],
	default: 'short',
	description: 'Which CEE operation the application is for: short-distance or long-distance carpooling',
	displayOptions: forCee(operations),
});

export const drivingLicenseField = (operations: string[], required: boolean): INodeProperties => ({
	displayName: 'Driving Licence Number',
	name: 'drivingLicense',
	type: 'string',
	default: '',
	required,
	placeholder: 'e.g. 051227308989',
	description: `The driver's licence number: 12 digits since 1975, up to 19 capital letters and digits for older licences, "99-" and the number for a foreign one.${required ? '' : ' Optional: with it the registry also finds earlier applications made with this licence.'}`,
	displayOptions: forCee(operations),
});

export const identityModeField = (operations: string[]): INodeProperties => ({
	displayName: 'Identity',
	name: 'identityMode',
	type: 'options',
	options: [
		{
			name: 'Compute From Phone and Last Name',
			value: 'compute',
			description:
				'The node computes identity_key, phone_trunc and last_name_trunc as for journeys; nothing else is sent',
		},
		{
			name: 'Already Computed',
			value: 'provided',
			description: 'Give identity_key, last_name_trunc and phone_trunc as they are',
		},
	],
	default: 'compute',
	description: 'How the driver is identified: the registry looks for earlier applications of the same person with it',
	displayOptions: forCee(operations),
});

/**
 * The phone number and last name the identity fields are computed from (identity.ts), for the driver of a CEE
 * application (Identity: compute) and for the Identity resource.
 */
export const phoneAndLastNameFields = (
	person: { label: string; whose: string; use: string },
	displayOptions: IDisplayOptions,
): INodeProperties[] => [
	{
		displayName: `${person.label}Phone`,
		name: 'phone',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 06 01 02 03 04 or +33601020304',
		description: `${person.whose} phone number${person.use}. Numbers of the overseas departments (e.g. 0690…, 0692…) get their own country code (+590, +262…), not +33; other countries need their + prefix.`,
		displayOptions,
	},
	{
		displayName: `${person.label}Last Name`,
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
		description: `${person.whose} full last name, as on their identity papers (accents, hyphens and apostrophes are fine)${person.use}`,
		displayOptions,
	},
];

/** The driver's phone and last name (Identity: compute). */
export const personFields = (operations: string[]): INodeProperties[] =>
	phoneAndLastNameFields(
		{ label: 'Driver ', whose: "The driver's", use: ', to compute the identity fields (it is not sent)' },
		forCee(operations, { identityMode: ['compute'] }),
	);

export const identityKeyField = (operations: string[], required: boolean): INodeProperties => ({
	displayName: 'Identity Key',
	name: 'identityKey',
	type: 'string',
	default: '',
	required,
	description: `The driver's identity_key: the SHA-256 of the phone number in E.164 format, a hyphen and the normalised last name, 64 lowercase hex characters, as for journeys${required ? '' : '. Optional: with it the registry also finds earlier applications made with this key.'}`,
	displayOptions: forCee(operations, { identityMode: ['provided'] }),
});

export const lastNameTruncField = (operations: string[]): INodeProperties => ({
	displayName: 'Truncated Last Name',
	name: 'lastNameTrunc',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. MAR',
	description:
		'The first 3 letters of the normalised last name (last_name_trunc: capitals, no accents, hyphens and apostrophes become spaces), padded with spaces: "D H" for D\'Hérûg-de-l\'Hérault, "TO " for Tô',
	displayOptions: forCee(operations, { identityMode: ['provided'] }),
});

export const phoneTruncField = (displayOptions: IDisplayOptions): INodeProperties => ({
	displayName: 'Truncated Phone',
	name: 'phoneTrunc',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. +336010203',
	description:
		"The driver's phone number in international format without its last 2 digits (phone_trunc), with the country code of the identity key (+590, +594, +596, +262 or +508 for the overseas departments, not +33)",
	displayOptions,
});

export const applicationIdField = (operations: string[]): INodeProperties => ({
	displayName: 'Application ID',
	name: 'applicationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 8a9d2da9-39e3-4db7-be8e-12b4d2179fda',
	description: 'The uuid of the application, as Register gave it',
	displayOptions: forCee(operations),
});

/** With `showFor`: fields of one journey type only. */
export const forJourneyType = (
	operations: string[],
	journeyType: 'short' | 'long',
	extra: IDisplayOptions['show'] = {},
) => forCee(operations, { journeyType: [journeyType], ...extra });
