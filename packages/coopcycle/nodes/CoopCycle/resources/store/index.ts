import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import * as addAddress from './addAddress';
import * as getAddresses from './getAddresses';
import * as getMyStore from './getMyStore';

/** The store operations, by name: each file holds one operation's option (with its routing) and its fields. */
const operations = [addAddress, getMyStore, getAddresses];

export const storeOperations: INodeProperties = operationField(
	'store',
	'getMyStore',
	operations.map((operation) => operation.option),
);

export const storeFields: INodeProperties[] = operations.flatMap((operation) => operation.fields);
