import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import * as accept from './accept';
import * as get from './get';
import * as getAll from './getAll';

/** The order operations, by name: each file holds one operation's option (with its routing) and its fields. */
const operations = [accept, get, getAll];

export const orderOperations: INodeProperties = operationField(
	'order',
	'get',
	operations.map((operation) => operation.option),
);

export const orderFields: INodeProperties[] = operations.flatMap((operation) => operation.fields);
