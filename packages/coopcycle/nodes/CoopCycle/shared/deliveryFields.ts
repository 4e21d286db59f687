import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../shared/fields';
import { taskDetailsField } from './taskDetailsFields';

/**
 * The pickup and dropoff fields, shared by every operation that sends a delivery (Create, Get Price, Check
 * Feasibility, Create Quote) and, all optional, by Update: `deliveryFieldsFor(operation, purpose)`. The body is
 * built from them in deliveryBody.ts.
 */
export type TaskKind = 'pickup' | 'dropoff';
export type Purpose = 'create' | 'update';

export const TASK_LABEL: Record<TaskKind, string> = { pickup: 'Pickup', dropoff: 'Dropoff' };

/** What a latest time given alone does: CoopCycle adds its 15-minute window only when it creates a task. */
const DEADLINE_NOTICE: Record<Purpose, string> = {
	create:
		'CoopCycle turns a latest time given alone into a 15-minute window ending at that time: the courier may only come during those 15 minutes. Choose "Time Window" to give a longer window.',
	update:
		'Only the latest time changes: the earliest time stays as it was (CoopCycle makes a 15-minute window only for a new delivery). If the earliest time is not before the new latest time, CoopCycle refuses the change ("The time frame is not valid"): choose "Time Window" to change both.',
};

const DEADLINE_MODE: Record<Purpose, INodePropertyOptions> = {
	create: {
		name: 'Latest Time Only (15-Minute Window)',
		value: 'deadline',
		description: 'Only "before": CoopCycle makes it a 15-minute window',
	},
	update: {
		name: 'Latest Time Only (Earliest Time Unchanged)',
		value: 'deadline',
		description: 'Only "before" changes; the earliest time stays as it was',
	},
};

function timeModes(kind: TaskKind, purpose: Purpose): INodePropertyOptions[] {
	const modes: INodePropertyOptions[] = [
		DEADLINE_MODE[purpose],
		{
			name: 'Time Slot',
			value: 'timeSlot',
			description: 'One of the time slots the cooperative offers (see Time Slot → Get Choices)',
		},
		{ name: 'Time Window', value: 'window', description: 'Earliest and latest time' },
	];
	if (purpose === 'update') modes.unshift({ name: 'Leave Unchanged', value: 'unchanged' });
	if (purpose === 'create' && kind === 'pickup') {
		modes.unshift({
			name: 'Let CoopCycle Decide',
			value: 'none',
			description: 'CoopCycle sets the pickup time from the dropoff time and the distance',
		});
	}
	return modes;
}

function defaultTimeMode(kind: TaskKind, purpose: Purpose): string {
	if (purpose === 'update') return 'unchanged';
	return kind === 'pickup' ? 'none' : 'window';
}

/** Earliest ("after") or latest ("before") time of a task. */
function timeField(kind: TaskKind, bound: 'after' | 'before', displayOptions: IDisplayOptions): INodeProperties {
	const [which, word] = bound === 'after' ? ['Earliest', 'before'] : ['Latest', 'after'];
	return {
		displayName: `${TASK_LABEL[kind]} ${which} Time`,
		name: `${kind}${bound === 'after' ? 'After' : 'Before'}`,
		type: 'dateTime',
		default: '',
		required: true,
		description: `Not ${word} this date and time ("${bound}" in CoopCycle). Without a time zone, the cooperative’s time zone is used.`,
		displayOptions,
	};
}

/** The address, time and details of the pickup or the dropoff. */
export function taskFieldsFor(kind: TaskKind, purpose: Purpose, operation: string): INodeProperties[] {
	const label = TASK_LABEL[kind];
	const where = kind === 'pickup' ? 'where the courier collects the parcel' : 'where the parcel is delivered';
	const show = (extra = {}) => showFor('delivery', [operation], { taskMode: ['pickupDropoff'], ...extra });
	const timeMode = `${kind}TimeMode`;
	const addressHint =
		purpose === 'update'
			? 'Leave empty to keep the current address.'
			: kind === 'pickup'
				? 'Leave empty to use your store’s address.'
				: undefined;
	return [
		{
			displayName: `${label} Address`,
			name: `${kind}Address`,
			type: 'string',
			default: '',
			required: purpose === 'create' && kind === 'dropoff',
			placeholder: '48 Rue de Rivoli, 75004 Paris',
			description: `Address ${where}: the full address as text, or a saved address as it is (/api/addresses/12, see Store → Get Saved Addresses). An address object from an earlier CoopCycle answer is sent as a new address with its fields and position: the saved address it came from is never changed.`,
			hint: addressHint,
			displayOptions: show(),
		},
		{
			displayName: `${label} Time`,
			name: timeMode,
			type: 'options',
			options: timeModes(kind, purpose),
			default: defaultTimeMode(kind, purpose),
			description: `When the ${kind} may happen`,
			displayOptions: show(),
		},
		{
			displayName: DEADLINE_NOTICE[purpose],
			name: `${kind}DeadlineNotice`,
			type: 'notice',
			default: '',
			displayOptions: show({ [timeMode]: ['deadline'] }),
		},
		timeField(kind, 'after', show({ [timeMode]: ['window'] })),
		timeField(kind, 'before', show({ [timeMode]: ['window', 'deadline'] })),
		{
			displayName: `${label} Time Slot Name or ID`,
			name: `${kind}TimeSlot`,
			type: 'options',
			// The store's default time slot as offered now, loaded through the node's own requestDefaults.
			typeOptions: {
				loadOptions: {
					routing: {
						request: { method: 'GET', url: '/api/time_slots/choices' },
						output: {
							postReceive: [
								{ type: 'rootProperty', properties: { property: 'choices' } },
								{
									type: 'setKeyValue',
									properties: {
										name: '={{ $responseItem.label }}',
										value: '={{ $responseItem.value }}',
										description: '={{ $responseItem.value }}',
									},
								},
							],
						},
					},
				},
			},
			default: '',
			required: true,
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'The list shows the choices offered today (it cannot load when your store has no default time slot); a workflow that runs every day should take the "value" of Time Slot → Get Choices through an expression instead. Format: 2025-06-12 10:00-12:00 or 2025-06-12T10:00:00Z/2025-06-12T12:00:00Z.',
			displayOptions: show({ [timeMode]: ['timeSlot'] }),
		},
		taskDetailsField(kind, label, show()),
	];
}

/** Tasks (JSON): every task of a delivery as CoopCycle task objects (Create, Update, Suggest Optimizations…). */
export function tasksJsonField(operation: string): INodeProperties {
	return {
		displayName: 'Tasks (JSON)',
		name: 'tasksJson',
		type: 'json',
		default: '[]',
		required: true,
		description:
			'A list of task objects; the first must be a pickup, the last a dropoff. Fields: type, address, after, before, timeSlot, comments, weight, packages, tags, metadata. Dropoffs need an address and a "before" or "timeSlot"; pickups may leave their times out (CoopCycle estimates them) and the first one its address (your store’s is used). An address object is sent as a new address, without its JSON-LD keys: a saved address is never changed.',
		hint: 'Example: [{"type": "pickup", "address": "24 Rue de la Paix, Paris", "after": "2025-06-12 11:00", "before": "2025-06-12 12:00"}, {"type": "dropoff", "address": "48 Rue de Rivoli, Paris", "after": "2025-06-12 12:00", "before": "2025-06-12 13:00"}]',
		displayOptions: showFor('delivery', [operation], { taskMode: ['tasks'] }),
	};
}

/** Pickup + dropoff, or the whole `tasks[]` list for deliveries with several pickups or dropoffs. */
function taskModeFields(operation: string, purpose: Purpose): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'Tasks',
			name: 'taskMode',
			type: 'options',
			options: [
				{ name: 'One Pickup and One Dropoff', value: 'pickupDropoff' },
				...(purpose === 'create'
					? [
							{
								name: 'From the Input Item',
								value: 'item',
								description:
									'Each incoming item is one delivery as CoopCycle takes it ({"dropoff": {…}} with an optional "pickup", or {"tasks": […]}): nothing to map, the fastest way to send many',
							},
						]
					: []),
				{
					name: 'Several Tasks (JSON)',
					value: 'tasks',
					description: 'Advanced: several pickups or dropoffs, written as CoopCycle task objects',
				},
			],
			default: 'pickupDropoff',
			description:
				purpose === 'create'
					? 'A pickup and a dropoff from the fields below, the incoming item itself, or every task of the delivery as JSON'
					: 'A pickup and a dropoff from the fields below, or every task of the delivery as JSON',
			displayOptions: showFor('delivery', [operation]),
		},
		tasksJsonField(operation),
	];
	if (purpose === 'update') {
		fields.splice(1, 0, {
			displayName:
				'Careful: CoopCycle cancels every task of the delivery that is not in this list. To keep or change a task, include it with its task number; tasks without a number are added.',
			name: 'tasksUpdateNotice',
			type: 'notice',
			default: '',
			displayOptions: showFor('delivery', [operation], { taskMode: ['tasks'] }),
		});
	}
	return fields;
}

/** The fields of a delivery's body: a whole delivery (`create`), or what Update may change (`update`). */
export function deliveryFieldsFor(operation: string, purpose: Purpose): INodeProperties[] {
	return [
		...taskModeFields(operation, purpose),
		...taskFieldsFor('pickup', purpose, operation),
		...taskFieldsFor('dropoff', purpose, operation),
	];
}

/** Get Price, Check Feasibility and Create Quote: the reminder to send what Create will send. */
export function sameBodyNotice(operation: string): INodeProperties {
	return {
		displayName:
			'Get Price, Check Feasibility and Create Quote take the same fields as Create: use the same values to get the price and answer of the delivery you will create.',
		name: 'sameBodyNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('delivery', [operation]),
	};
}

/** Mark Picked Up and Mark Dropped Off: the notes kept with the task. */
export function completionNotesField(operation: string): INodeProperties {
	return {
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		default: '',
		description: 'Completion notes kept with the task',
		displayOptions: showFor('delivery', [operation]),
	};
}
