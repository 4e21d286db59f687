import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import * as get from './get';
import * as getAll from './getAll';
import * as getCourierLists from './getCourierLists';
import * as getEvents from './getEvents';

/** The task operations, by name: each file holds one operation's option (with its routing) and its fields. */
const operations = [get, getCourierLists, getEvents, getAll];

export const taskOperations: INodeProperties = operationField(
	'task',
	'get',
	operations.map((operation) => operation.option),
);

export const taskFields: INodeProperties[] = operations.flatMap((operation) => operation.fields);
