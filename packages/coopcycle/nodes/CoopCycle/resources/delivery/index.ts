import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import * as cancel from './cancel';
import * as checkFeasibility from './checkFeasibility';
import * as confirmQuote from './confirmQuote';
import * as create from './create';
import * as createQuote from './createQuote';
import * as get from './get';
import * as getAll from './getAll';
import * as getPrice from './getPrice';
import * as markDroppedOff from './markDroppedOff';
import * as markPickedUp from './markPickedUp';
import * as suggestOptimizations from './suggestOptimizations';
import * as update from './update';

/** The delivery operations, by name: each file holds one operation's option (with its routing) and its fields. */
const operations = [
	cancel,
	checkFeasibility,
	confirmQuote,
	create,
	createQuote,
	get,
	getAll,
	getPrice,
	markDroppedOff,
	markPickedUp,
	suggestOptimizations,
	update,
];

export const deliveryOperations: INodeProperties = operationField(
	'delivery',
	'create',
	operations.map((operation) => operation.option),
);

export const deliveryFields: INodeProperties[] = operations.flatMap((operation) => operation.fields);
