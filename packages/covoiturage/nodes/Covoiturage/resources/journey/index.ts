import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import * as cancel from './cancel';
import * as create from './create';
import * as getAll from './getAll';
import * as getStatus from './getStatus';
import * as update from './update';

/** The journey operations, by name: each file holds one operation's option (with its routing) and its fields. */
const operations = [cancel, create, getAll, getStatus, update];

export const journeyOperations: INodeProperties = operationField(
	'journey',
	'create',
	operations.map((operation) => operation.option),
);

export const journeyFields: INodeProperties[] = operations.flatMap((operation) => operation.fields);
