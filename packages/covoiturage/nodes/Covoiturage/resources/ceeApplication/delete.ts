import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { describeCeeError } from '../../shared/ceeErrors';
import { applicationIdField } from '../../shared/ceeFields';
import { outputDeleted } from '../../shared/ceeOutputs';
import { APPLICATION_URL, checkApplicationId } from '../../shared/ceeRequests';
import { registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a CEE application',
	description:
		'Withdraw one of your CEE applications, e.g. registered by mistake: the registry no longer counts it against the driver',
	routing: registryRoute({
		request: { method: 'DELETE', url: APPLICATION_URL },
		preSend: [checkApplicationId],
		postReceive: [outputDeleted],
		describeError: describeCeeError,
	}),
};

export const fields: INodeProperties[] = [applicationIdField(['delete'])];
