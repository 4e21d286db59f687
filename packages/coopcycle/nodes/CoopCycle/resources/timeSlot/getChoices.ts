import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { NO_DEFAULT_TIME_SLOT } from '../../shared/errors';
import { simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
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
};

export const fields: INodeProperties[] = [simplifyFieldFor('timeSlot', 'getChoices')];
