import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { TIME_SLOT_NOT_FOUND } from '../../shared/errors';
import { idField, simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Choices of a Time Slot',
	value: 'getSlotChoices',
	action: 'Get the choices of a time slot',
	description: 'The choices of one of your store’s time slots',
	routing: coopCycleRoute({
		request: { method: 'GET', url: '/api/time_slots/{timeSlotId}/choices' },
		split: 'choices',
		notFound: TIME_SLOT_NOT_FOUND,
		forbidden: 'The time slot must be one of your store’s.',
	}),
};

export const fields: INodeProperties[] = [
	idField('timeSlotId', 'timeSlot', 'getSlotChoices', 'time slot'),
	simplifyFieldFor('timeSlot', 'getSlotChoices'),
];
