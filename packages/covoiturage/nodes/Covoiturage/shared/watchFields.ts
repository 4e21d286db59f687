import type { INodeProperties } from 'n8n-workflow';

import { LISTABLE_STATUS_OPTIONS } from './listValidation';

/** The fields of the Covoiturage Trigger (n8n adds the Poll Times field of every polling trigger itself). */

/** The registry's list reaches 90 days back (ListJourneyAction.validateStartEnd). */
export const MAX_LOOK_BACK_DAYS = 90;

/**
 * The registry's checks finish within 48 hours of sending, and journeys are sent within 24 hours of their start:
 * a journey's status is final about 3 days after it started. 7 days (the registry's own default window) leaves
 * room for an n8n that was stopped a few days, or a registry in maintenance, without missing a flag.
 */
export const DEFAULT_LOOK_BACK_DAYS = 7;

export const watchFields: INodeProperties[] = [
	{
		displayName:
			'The registry checks each journey within 48 hours of receiving it, and lists journeys only from the day after they started (from today 00:00 Paris time). A flag therefore appears here one to three days after the journey. Each journey is emitted once per watched status, with its full status as Get Status gives it.',
		name: 'watchNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Statuses to Watch',
		name: 'statuses',
		type: 'multiOptions',
		options: LISTABLE_STATUS_OPTIONS,
		default: ['fraud_error', 'anomaly_error'],
		required: true,
		description:
			'Emit each journey that newly has one of these statuses. A journey flagged by both checks comes out once for each. Journeys that broke the terms of use cannot be listed by the registry: Create reports them.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'What the first poll emits, and how far back the journeys watched may have started',
		options: [
			{
				displayName: 'Emit Journeys Already Flagged at Activation',
				name: 'emitExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll (and the first poll after adding a status) emits the journeys that already have a watched status. Off: only journeys flagged after that are emitted.',
			},
			{
				displayName: 'Look-Back (Days)',
				name: 'lookBackDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_LOOK_BACK_DAYS },
				default: DEFAULT_LOOK_BACK_DAYS,
				description:
					'How many days before today (00:00 Paris time) the journeys watched may have started. Statuses are final about 3 days after a journey; 7 days also covers an n8n stopped for a few days. At most 90, as far back as the registry lists.',
			},
		],
	},
];
