import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { NEEDS_TASKS_SCOPE, TASK_NOT_FOUND } from '../../shared/errors';
import { idField, simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a task',
	description: 'Get a pickup or dropoff task: status, courier, photos',
	routing: coopCycleRoute({
		request: { method: 'GET', url: '/api/tasks/{taskId}' },
		notFound: TASK_NOT_FOUND,
		forbidden: NEEDS_TASKS_SCOPE,
	}),
};

export const fields: INodeProperties[] = [
	idField('taskId', 'task', 'get', 'task (a delivery’s "pickup" or "dropoff" has it)'),
	simplifyFieldFor('task', 'get'),
];
