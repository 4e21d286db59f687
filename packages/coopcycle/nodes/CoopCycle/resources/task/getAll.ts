import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllAndLimit, showFor } from '../../../shared/fields';
import { NEEDS_TASKS_ALL_SCOPE } from '../../shared/errors';
import { dayQuery } from '../../shared/requests';
import { dateField, simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many tasks of a day',
	description: 'All the tasks of a day in the cooperative (needs the tasks:all scope)',
	routing: coopCycleRoute({
		// CoopCycle does not page /api/tasks unless asked to.
		request: { method: 'GET', url: '/api/tasks', qs: { pagination: true } },
		preSend: [dayQuery],
		list: true,
		forbidden: NEEDS_TASKS_ALL_SCOPE,
	}),
};

export const fields: INodeProperties[] = [
	dateField('getAll'),
	{
		displayName: NEEDS_TASKS_ALL_SCOPE,
		name: 'tasksAllNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('task', ['getAll']),
	},
	...returnAllAndLimit(showFor('task', ['getAll'])),
	simplifyFieldFor('task', 'getAll'),
];
