import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { TIME_SLOT_NOT_FOUND } from '../../shared/errors';
import { idField, simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a time slot',
	description: 'Get a time slot’s opening hours and rules',
	routing: coopCycleRoute({
		request: { method: 'GET', url: '/api/time_slots/{timeSlotId}' },
		notFound: TIME_SLOT_NOT_FOUND,
	}),
};

export const fields: INodeProperties[] = [
	idField('timeSlotId', 'timeSlot', 'get', 'time slot'),
	simplifyFieldFor('timeSlot', 'get'),
];
