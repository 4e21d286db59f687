import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import * as remove from './delete';
import * as get from './get';
import * as register from './register';
import * as simulate from './simulate';

/** The CEE application operations, by name: each file holds one operation's option (with its routing) and its fields. */
const operations = [remove, get, register, simulate];

export const ceeApplicationOperations: INodeProperties = operationField(
	'ceeApplication',
	'register',
	operations.map((operation) => operation.option),
);

export const ceeApplicationFields: INodeProperties[] = operations.flatMap((operation) => operation.fields);
