import type { INodeProperties } from 'n8n-workflow';

import { taskFields, taskModeField } from './taskFields';

/** Update changes only the fields filled in (CoopCycle applies partial pickup/dropoff objects). */
export const updateDeliveryFields: INodeProperties[] = [
	...taskModeField(['update'], 'update'),
	...taskFields('pickup', 'update', ['update']),
	...taskFields('dropoff', 'update', ['update']),
];
