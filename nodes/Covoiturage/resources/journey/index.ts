import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../../../shared/fields';
import { cancelFields, cancelOperation } from './cancel';
import { createFields, createJourneyIdField, createJsonField, createOperation } from './create';
import { getManyFields, getManyOperation } from './getMany';
import { getStatusOperation } from './getStatus';
import { inputModeField, journeyCoreFields, operatorJourneyIdField } from './shared';
import { updateJsonField, updateOperation } from './update';

export const journeyOperations = operationField('journey', 'create', [
	cancelOperation,
	createOperation,
	getManyOperation,
	getStatusOperation,
	updateOperation,
]);

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
