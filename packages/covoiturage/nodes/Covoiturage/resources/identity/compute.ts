import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { computeIdentity } from '../../shared/localIdentity';
import { registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Compute',
	value: 'compute',
	action: 'Compute identity fields from a phone and a last name',
	description:
		'identity_key, phone_trunc and last_name_trunc, exactly as the node computes them for the registry, to store or send elsewhere. Computed in n8n: nothing is sent.',
	routing: registryRoute({
		// Never sent: `read` returns the item without a request (shared/localIdentity.ts).
		request: {},
		read: computeIdentity,
	}),
};

const show = showFor('identity', ['compute']);

export const fields: INodeProperties[] = [
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 06 01 02 03 04 or +33601020304',
		description:
			'The person’s phone number. Numbers of the overseas departments (e.g. 0690…, 0692…) get their own country code (+590, +262…), not +33; other countries need their + prefix.',
		displayOptions: show,
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
		description: 'The person’s full last name, as on their identity papers (accents, hyphens and apostrophes are fine)',
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'What the output item holds besides the computed fields',
		displayOptions: show,
		options: [
			{
				displayName: 'Keep Input Fields',
				name: 'keepInputFields',
				type: 'boolean',
				default: true,
				description:
					'Whether the output item keeps the fields of the input item, with identity_key, phone_trunc and last_name_trunc added. Off: only these three.',
			},
		],
	},
];
