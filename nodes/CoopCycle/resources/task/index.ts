import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { dateText, dayOf } from '../../../shared/dates';
import { failItem } from '../../../shared/failItem';
import { operationField, returnAllAndLimit, showFor, simplifyField } from '../../../shared/fields';
import { idField, SIMPLIFY_DESCRIPTION } from '../../shared/descriptions';
import { coopCycleRoute } from '../../shared/requests';

const NOT_FOUND = 'Check the Task ID: no such task, or it belongs to another store.';
const NEEDS_TASKS_SCOPE =
	'Tasks need the "tasks" scope: add it to the credential’s Scope field (the API app must have been granted it).';
const NEEDS_TASKS_ALL_SCOPE =
	'Getting all the tasks of a day needs the "tasks:all" scope: the cooperative’s administrator must grant it to the API app, and the credential’s Scope field must ask for it (e.g. "deliveries tasks tasks:all").';

/** preSend: the Date field as the YYYY-MM-DD CoopCycle expects, whatever the date picker or expression gave. */
async function dayQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const value = this.getNodeParameter('date', '') as unknown;
	const day = dayOf(value);
	if (!day) {
		failItem(
			this,
			`Date "${dateText(value)}" is not a date`,
			'Give a day such as 2025-06-12, or use an expression like {{ $today.toISODate() }}.',
		);
	}
	requestOptions.qs = { ...requestOptions.qs, date: day };
	return requestOptions;
}

export const taskOperations = operationField('task', 'get', [
	{
		name: 'Get',
		value: 'get',
		action: 'Get a task',
		description: 'Get a pickup or dropoff task: status, courier, photos',
		routing: coopCycleRoute({
			request: { method: 'GET', url: '/api/tasks/{taskId}' },
			notFound: NOT_FOUND,
			forbidden: NEEDS_TASKS_SCOPE,
		}),
	},
	{
		name: 'Get Courier Lists',
		value: 'getCourierLists',
		action: 'Get courier task lists for a day',
		description: 'Which courier does which of your tasks on a day',
		routing: coopCycleRoute({
			request: { method: 'GET', url: '/api/task_lists' },
			list: true,
			forbidden: NEEDS_TASKS_SCOPE,
			preSend: [dayQuery],
		}),
	},
	{
		name: 'Get Events',
		value: 'getEvents',
		action: 'Get the status history of a task',
		description: 'What happened to a task: created, assigned, started, done, failed…',
		routing: coopCycleRoute({
			request: { method: 'GET', url: '/api/tasks/{taskId}/events' },
			list: true,
			notFound: NOT_FOUND,
			forbidden: NEEDS_TASKS_SCOPE,
		}),
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many tasks of a day',
		description: 'All the tasks of a day in the cooperative (needs the tasks:all scope)',
		routing: coopCycleRoute({
			// CoopCycle does not page /api/tasks unless asked to.
			request: { method: 'GET', url: '/api/tasks', qs: { pagination: true } },
			list: true,
			forbidden: NEEDS_TASKS_ALL_SCOPE,
			preSend: [dayQuery],
		}),
	},
]);

export const taskFields: INodeProperties[] = [
	idField('taskId', showFor('task', ['get', 'getEvents']), 'task (a delivery’s "pickup" or "dropoff" has it)'),
	{
		displayName: 'Date',
		name: 'date',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'The day, e.g. 2025-06-12 (the time is ignored)',
		displayOptions: showFor('task', ['getCourierLists', 'getAll']),
	},
	{
		displayName: NEEDS_TASKS_ALL_SCOPE,
		name: 'tasksAllNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor('task', ['getAll']),
	},
	...returnAllAndLimit(showFor('task', ['getAll'])),
	simplifyField(showFor('task', ['get', 'getAll', 'getCourierLists', 'getEvents']), SIMPLIFY_DESCRIPTION),
];
