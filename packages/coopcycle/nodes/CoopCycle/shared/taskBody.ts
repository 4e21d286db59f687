import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { dateText, instantOf } from '../../shared/dates';
import { failItem } from '../../shared/failItem';
import { textOf } from '../../shared/values';
import { addressOf } from './addresses';
import { TASK_LABEL, type Purpose, type TaskKind } from './deliveryFields';
import { parseId } from './ids';

/** One task of a delivery body, from the pickup or dropoff fields: its address, times and details, checked. */

/** `YYYY-MM-DD HH:MM-HH:MM` or an ISO 8601 interval `start/end`, the forms CoopCycle reads. */
const TIME_SLOT_FORMAT = /^(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}-\d{1,2}:\d{2}|\S+\/\S+)$/;

function timeOf(context: IExecuteSingleFunctions, kind: TaskKind, purpose: Purpose): IDataObject {
	const label = TASK_LABEL[kind];
	const mode = context.getNodeParameter(`${kind}TimeMode`, purpose === 'update' ? 'unchanged' : 'window') as string;
	if (mode === 'none' || mode === 'unchanged') return {};
	if (mode === 'timeSlot') {
		const slot = textOf(context.getNodeParameter(`${kind}TimeSlot`, ''));
		if (slot === '')
			failItem(
				context,
				`${label} Time Slot is empty`,
				'Choose a time slot, or map the "value" of Time Slot → Get Choices.',
			);
		if (!TIME_SLOT_FORMAT.test(slot)) {
			failItem(
				context,
				`${label} Time Slot "${slot}" is not a time slot`,
				'Use the "value" of Time Slot → Get Choices, e.g. 2025-06-12 10:00-12:00 or 2025-06-12T08:00:00Z/2025-06-12T10:00:00Z.',
			);
		}
		return { timeSlot: slot };
	}
	const before = dateText(context.getNodeParameter(`${kind}Before`, ''));
	if (before === '')
		failItem(context, `${label} Latest Time is empty`, `Give the date and time by which the ${kind} must be done.`);
	if (mode === 'deadline') return { before };
	const after = dateText(context.getNodeParameter(`${kind}After`, ''));
	if (after === '') {
		failItem(
			context,
			`${label} Earliest Time is empty`,
			`Give both times of the window, or choose "Latest Time Only (15-Minute Window)" for ${label} Time.`,
		);
	}
	const timeZone = context.getTimezone();
	if (instantOf(after, timeZone) >= instantOf(before, timeZone)) {
		failItem(context, `${label} Earliest Time (${after}) must be before ${label} Latest Time (${before})`);
	}
	return { after, before };
}

function tagsOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(textOf).filter(Boolean);
	return textOf(value)
		.split(/[\s,]+/)
		.filter(Boolean);
}

export function taskOf(context: IExecuteSingleFunctions, kind: TaskKind, purpose: Purpose): IDataObject {
	const label = TASK_LABEL[kind];
	const details = context.getNodeParameter(`${kind}Details`, {}) as IDataObject;
	const task: IDataObject = {};
	const address = addressOf(context, kind, details);
	if (address !== undefined) task.address = address;
	Object.assign(task, timeOf(context, kind, purpose));
	if (textOf(details.comments) !== '') task.comments = textOf(details.comments);
	if (details.weight !== undefined) {
		const weight = Number(details.weight);
		if (!Number.isInteger(weight) || weight < 0)
			failItem(context, `${label} Details: Weight (Grams) must be a whole number of grams, e.g. 2500`);
		task.weight = weight;
	}
	const packages = ((details.packages as IDataObject | undefined)?.package ?? []) as IDataObject[];
	if (packages.length) {
		task.packages = packages.map(({ type, quantity }) => {
			if (textOf(type) === '')
				failItem(context, `${label} Details: a package has no Type`, 'Use the package names of your store, e.g. XL.');
			if (!Number.isInteger(Number(quantity)) || Number(quantity) < 1)
				failItem(
					context,
					`${label} Details: the Quantity of package "${textOf(type)}" must be a whole number of at least 1`,
				);
			return { type: textOf(type), quantity: Number(quantity) };
		});
	}
	if (details.tags !== undefined && tagsOf(details.tags).length) task.tags = tagsOf(details.tags);
	const entries = ((details.metadata as IDataObject | undefined)?.entries ?? []) as IDataObject[];
	if (entries.length) {
		task.metadata = Object.fromEntries(
			entries.map(({ key, value }) => {
				if (textOf(key) === '') failItem(context, `${label} Details: a Metadata entry has no Key`);
				return [textOf(key), textOf(value)];
			}),
		);
	}
	if (textOf(details.timeSlotUrl) !== '') {
		const slotId = parseId(details.timeSlotUrl, ['time_slots']);
		if (slotId === undefined)
			failItem(
				context,
				`${label} Details: Check Against Time Slot "${textOf(details.timeSlotUrl)}" is not a time slot ID, IRI or URL`,
			);
		task.timeSlotUrl = `/api/time_slots/${slotId}`;
	}
	return task;
}
