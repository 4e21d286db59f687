import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { NEEDS_TASKS_SCOPE } from '../../shared/errors';
import { dayQuery } from '../../shared/requests';
import { dateField, simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Courier Lists',
	value: 'getCourierLists',
	action: 'Get courier task lists for a day',
	description: 'Which courier does which of your tasks on a day',
	routing: coopCycleRoute({
		request: { method: 'GET', url: '/api/task_lists' },
		preSend: [dayQuery],
		list: true,
		forbidden: NEEDS_TASKS_SCOPE,
	}),
};

export const fields: INodeProperties[] = [dateField('getCourierLists'), simplifyFieldFor('task', 'getCourierLists')];
