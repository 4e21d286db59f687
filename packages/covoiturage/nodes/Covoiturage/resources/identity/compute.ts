import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { phoneAndLastNameFields } from '../../shared/ceeFields';
import { computeIdentity } from '../../shared/localIdentity';
import { registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Compute',
	value: 'compute',
	action: 'Compute identity fields from a phone and a last name',
	description:
		'Compute identity_key, phone_trunc and last_name_trunc exactly as the node does for the registry, to store or send elsewhere. Computed in n8n: nothing is sent.',
	routing: registryRoute({
		// Never sent: `read` returns the item without a request (shared/localIdentity.ts).
		request: {},
		read: computeIdentity,
	}),
};

const show = showFor('identity', ['compute']);

export const fields: INodeProperties[] = [
	...phoneAndLastNameFields({ label: '', whose: 'The person’s', use: '' }, show),
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
