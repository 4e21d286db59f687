import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { LISTABLE_STATUS_OPTIONS } from './listValidation';

/** The fields of the Covoiturage Trigger (n8n adds the Poll Times field of every polling trigger itself). */

/**
 * When the trigger looks by default: every day at 8:00, in the workflow's time zone. The registry checks a journey
 * within 48 hours of receiving it and lists it only from the day after it started (today 00:00 Paris time), so a
 * flag shows up one to three days after the journey: a daily look misses none and emits each at most a day after
 * it appeared. n8n's default for polling triggers is every minute.
 */
export const DEFAULT_POLL_TIMES = { item: [{ mode: 'everyDay', hour: 8, minute: 0 }] };

/**
 * The trigger's fields, with its own default for Poll Times. n8n adds its Poll Times field (every minute) in front
 * of a polling trigger's fields when it loads the node (n8n-core DirectoryLoader.applySpecialNodeParameters:
 * `properties.unshift(...commonPollingParameters)`, on n8n 1.x and 2.x): this list takes n8n's field as it is,
 * with the default above. Should n8n add it another way, n8n's default applies.
 */
class TriggerFields extends Array<INodeProperties> {
	unshift(...fields: INodeProperties[]): number {
		return super.unshift(
			...fields.map((field) => (field.name === 'pollTimes' ? { ...field, default: DEFAULT_POLL_TIMES } : field)),
		);
	}
}

/** The registry's list reaches 90 days back (ListJourneyAction.validateStartEnd). */
export const MAX_LOOK_BACK_DAYS = 90;

/**
 * The registry's checks finish within 48 hours of sending, and journeys are sent within 24 hours of their start:
 * a journey's status is final about 3 days after it started. 7 days (the registry's own default window) leaves
 * room for an n8n that was stopped a few days, or a registry in maintenance, without missing a flag.
 */
export const DEFAULT_LOOK_BACK_DAYS = 7;

/**
 * What each watched status is called as a trigger in n8n's node picker. The picker lists a trigger's events from
 * its field labelled "Trigger On" (or "Event(s)"), one per option, named by the option's `action`; without such a
 * field it shows one generic "On new Covoiturage event". Picking one sets that status alone.
 */
const TRIGGER_NAMES: Record<string, string> = {
	acquisition_error: 'On journey the registry could not process',
	anomaly_error: 'On journey flagged by the anomaly checks',
	canceled: 'On journey canceled',
	fraud_error: 'On journey flagged as fraud',
	ok: 'On journey that passed every check',
	pending: 'On journey still being checked',
};

const WATCHED_STATUS_OPTIONS: INodePropertyOptions[] = LISTABLE_STATUS_OPTIONS.map((option) => ({
	...option,
	action: TRIGGER_NAMES[String(option.value)],
}));

const watchFields: INodeProperties[] = [
	{
		displayName:
			'The registry checks each journey within 48 hours of receiving it, and lists journeys only from the day after they started (from today 00:00 Paris time). A flag therefore appears here one to three days after the journey. Each journey is emitted once per watched status, with its full status as Get Status gives it.',
		name: 'watchNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Trigger On',
		name: 'statuses',
		type: 'multiOptions',
		options: WATCHED_STATUS_OPTIONS,
		default: ['fraud_error', 'anomaly_error'],
		required: true,
		description:
			'The statuses to watch: each journey that newly has one of them is emitted. A journey flagged by both checks comes out once for each. Journeys that broke the terms of use cannot be listed by the registry: Create reports them.',
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

/** The trigger's fields for one node description (n8n adds to the list it is given: each description has its own). */
export const triggerFields = (): INodeProperties[] => TriggerFields.from(watchFields);
