import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import * as get from './get';
import * as getChoices from './getChoices';
import * as getSlotChoices from './getSlotChoices';

/** The time slot operations, by name: each file holds one operation's option (with its routing) and its fields. */
const operations = [get, getChoices, getSlotChoices];

export const timeSlotOperations: INodeProperties = operationField(
	'timeSlot',
	'getChoices',
	operations.map((operation) => operation.option),
);

export const timeSlotFields: INodeProperties[] = operations.flatMap((operation) => operation.fields);
