import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import * as create from './create';

/** The export operations: each file holds one operation's option (with its routing) and its fields. */
const operations = [create];

export const exportOperations: INodeProperties = operationField(
	'export',
	'create',
	operations.map((operation) => operation.option),
);

export const exportFields: INodeProperties[] = operations.flatMap((operation) => operation.fields);
