import type { INodeProperties } from 'n8n-workflow';

import { cancelFields, cancelOperation } from './cancel';
import { createFields, createJourneyIdField, createJsonField, createOperation } from './create';
import { getManyFields, getManyOperation } from './getMany';
import { getStatusOperation } from './getStatus';
import { inputModeField, journeyCoreFields, operatorJourneyIdField } from './shared';
import { updateJsonField, updateOperation } from './update';

export const journeyOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['journey'] } },
	options: [cancelOperation, createOperation, getManyOperation, getStatusOperation, updateOperation],
	default: 'create',
};

export const journeyFields: INodeProperties[] = [
	operatorJourneyIdField,
	inputModeField(['create', 'update']),
	createJsonField,
	updateJsonField,
	createJourneyIdField,
	...journeyCoreFields(['create', 'update']),
	...createFields,
	...getManyFields,
	...cancelFields,
];
