import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { SERVICE_ADDRESS_PLACEHOLDER } from '../shared/accessToken';
import { oneDeclarationPerField } from '../shared/fields';
import { deliveryFields, deliveryOperations } from './resources/delivery';
import { orderFields, orderOperations } from './resources/order';
import { storeFields, storeOperations } from './resources/store';
import { taskFields, taskOperations } from './resources/task';
import { timeSlotFields, timeSlotOperations } from './resources/timeSlot';
import { CREDENTIAL_TYPE } from './shared/apiApp';

export class CoopCycle implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CoopCycle',
		name: 'coopCycle',
		icon: { light: 'file:../../icons/coopcycle.svg', dark: 'file:../../icons/coopcycle.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Order and follow bike deliveries from a CoopCycle cooperative, and accept your restaurant’s orders',
		defaults: { name: 'CoopCycle' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		requestDefaults: {
			// Replaced on every request by the credential's address (nodes/shared/accessToken.ts, withAccess).
			baseURL: SERVICE_ADDRESS_PLACEHOLDER,
			headers: { Accept: 'application/ld+json' },
		},
		properties: oneDeclarationPerField([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Delivery', value: 'delivery' },
					{ name: 'Order', value: 'order' },
					{ name: 'Store', value: 'store' },
					{ name: 'Task', value: 'task' },
					{ name: 'Time Slot', value: 'timeSlot' },
				],
				default: 'delivery',
			},
			deliveryOperations,
			timeSlotOperations,
			storeOperations,
			taskOperations,
			orderOperations,
			...deliveryFields,
			...timeSlotFields,
			...storeFields,
			...taskFields,
			...orderFields,
		]),
	};
}
