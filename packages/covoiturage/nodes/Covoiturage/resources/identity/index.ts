import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import * as compute from './compute';

/** The identity operations: computed in n8n, nothing sent. */
const operations = [compute];

export const identityOperations: INodeProperties = operationField(
	'identity',
	'compute',
	operations.map((operation) => operation.option),
);

export const identityFields: INodeProperties[] = operations.flatMap((operation) => operation.fields);
