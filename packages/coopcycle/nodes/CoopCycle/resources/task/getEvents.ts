import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { NEEDS_TASKS_SCOPE, TASK_NOT_FOUND } from '../../shared/errors';
import { idField, simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Events',
	value: 'getEvents',
	action: 'Get the status history of a task',
	description: 'What happened to a task: created, assigned, started, done, failed…',
	routing: coopCycleRoute({
		request: { method: 'GET', url: '/api/tasks/{taskId}/events' },
		list: true,
		notFound: TASK_NOT_FOUND,
		forbidden: NEEDS_TASKS_SCOPE,
	}),
};

export const fields: INodeProperties[] = [
	idField('taskId', 'task', 'getEvents', 'task (a delivery’s "pickup" or "dropoff" has it)'),
	simplifyFieldFor('task', 'getEvents'),
];
