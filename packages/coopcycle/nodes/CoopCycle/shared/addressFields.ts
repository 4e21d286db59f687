import type { INodeProperties } from 'n8n-workflow';

/**
 * The details of an address CoopCycle keeps beside the street address: the one option set of the pickup and dropoff
 * details and of Store → Add Address.
 */
export const ADDRESS_DETAIL_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Address Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Directions for the courier at this address: door code, floor, etc',
	},
	{
		displayName: 'Address Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Name of the place, e.g. the company or shop',
	},
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '',
		description: 'Person to ask for at this address',
	},
	{
		displayName: 'Telephone',
		name: 'telephone',
		type: 'string',
		default: '',
		placeholder: '+33612345678',
		description: 'Phone number of the contact. Numbers without a country code are read in the cooperative’s country.',
	},
];

/** The names of these details, as CoopCycle's address objects name them. */
export const ADDRESS_DETAILS = ADDRESS_DETAIL_OPTIONS.map((option) => option.name);

/** Options sorted by their display name, as n8n lists the options of a collection. */
export const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);
