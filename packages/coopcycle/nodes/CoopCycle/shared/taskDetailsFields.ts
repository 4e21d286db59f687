import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { ADDRESS_DETAIL_OPTIONS, byDisplayName } from './addressFields';
import type { TaskKind } from './deliveryFields';

/** The optional details of a pickup or dropoff: the address's own details, and the task's. */
const TASK_DETAIL_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Check Against Time Slot',
		name: 'timeSlotUrl',
		type: 'string',
		default: '',
		placeholder: '/api/time_slots/1',
		description:
			'A time slot (ID, IRI or URL) whose choices the chosen time slot must be one of. CoopCycle then refuses a time slot it does not offer. With Create Quote, it is checked when the quote is made, not again when it is confirmed.',
	},
	{
		displayName: 'Comments',
		name: 'comments',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Note for the courier',
	},
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { numberPrecision: 7 },
		default: 0,
		description: 'With Longitude: the exact position, so CoopCycle does not have to look the address up on the map',
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { numberPrecision: 7 },
		default: 0,
		description: 'With Latitude: the exact position',
	},
	{
		displayName: 'Metadata',
		name: 'metadata',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Metadata',
		default: {},
		description:
			'Your own key/value data kept with the task, e.g. your order number. With Create Quote, keys and values must be single words (no spaces, no "="): that is the only form in which a confirmed quote keeps them.',
		options: [
			{
				displayName: 'Entry',
				name: 'entries',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						description: 'Name of the data, e.g. order',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The data, e.g. A-1001' },
				],
			},
		],
	},
	{
		displayName: 'Packages',
		name: 'packages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Package',
		default: {},
		description:
			'Packages by type. The type must be a package name of your store exactly: CoopCycle silently ignores unknown names.',
		options: [
			{
				displayName: 'Package',
				name: 'package',
				values: [
					{
						displayName: 'Type',
						name: 'type',
						type: 'string',
						default: '',
						placeholder: 'XL',
						description: 'A package name of your store, written exactly as the store names it',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 1,
						description: 'How many packages of this type',
					},
				],
			},
		],
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'cold, fragile',
		description: 'Tag names, separated by commas or spaces',
	},
	{
		displayName: 'Weight (Grams)',
		name: 'weight',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Weight in grams, e.g. 2500 for 2.5 kg',
	},
];

export function taskDetailsField(kind: TaskKind, label: string, displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: `${label} Details`,
		name: `${kind}Details`,
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		description: `Contact, directions, position, comments, weight, packages, tags and metadata of the ${kind}`,
		displayOptions,
		options: [...ADDRESS_DETAIL_OPTIONS, ...TASK_DETAIL_OPTIONS].sort(byDisplayName),
	};
}
