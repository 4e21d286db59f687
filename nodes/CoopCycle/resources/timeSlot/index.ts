import type { INodeProperties } from 'n8n-workflow';

import { operationField, showFor, simplifyField } from '../../../shared/fields';
import { idField, SIMPLIFY_DESCRIPTION } from '../../shared/descriptions';
import { coopCycleRoute } from '../../shared/requests';

const NOT_FOUND = 'Check the Time Slot ID: see the "timeSlots" of Store → Get My Store.';

/** CoopCycle answers 500 to Get Choices when the store has no default time slot (its "timeSlot" is null). */
const NO_DEFAULT_TIME_SLOT = {
	message: 'CoopCycle could not list the time slot choices (500): most likely your store has no default time slot',
	description:
		'Ask the cooperative to give your store a default time slot, or use Get Choices of a Time Slot with one of the "timeSlots" of Store → Get My Store.',
};

export const timeSlotOperations = operationField('timeSlot', 'getChoices', [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a time slot',
		description: 'Get a time slot’s opening hours and rules',
		routing: coopCycleRoute({ request: { method: 'GET', url: '/api/time_slots/{timeSlotId}' }, notFound: NOT_FOUND }),
	},
	{
		name: 'Get Choices',
		value: 'getChoices',
		action: 'Get time slot choices of the store',
		description:
			'The time slots your store offers now (its default time slot). Each "value" can be used as a delivery’s time slot.',
		routing: coopCycleRoute({
			request: { method: 'GET', url: '/api/time_slots/choices' },
			split: 'choices',
			serverError: NO_DEFAULT_TIME_SLOT,
		}),
	},
	{
		name: 'Get Choices of a Time Slot',
		value: 'getSlotChoices',
		action: 'Get the choices of a time slot',
		description: 'The choices of one of your store’s time slots',
		routing: coopCycleRoute({
			request: { method: 'GET', url: '/api/time_slots/{timeSlotId}/choices' },
			split: 'choices',
			notFound: NOT_FOUND,
			forbidden: 'The time slot must be one of your store’s.',
		}),
	},
]);

export const timeSlotFields: INodeProperties[] = [
	idField('timeSlotId', showFor('timeSlot', ['get', 'getSlotChoices']), 'time slot'),
	simplifyField(showFor('timeSlot', ['get', 'getChoices', 'getSlotChoices']), SIMPLIFY_DESCRIPTION),
];
