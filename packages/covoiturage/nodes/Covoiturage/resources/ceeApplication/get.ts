import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { describeCeeError } from '../../shared/ceeErrors';
import { applicationIdField } from '../../shared/ceeFields';
import { outputApplication } from '../../shared/ceeOutputs';
import { APPLICATION_URL, checkApplicationId } from '../../shared/ceeRequests';
import { registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a CEE application',
	description: 'Read one of your CEE applications by its ID: its date, journey, status and the registry’s token',
	routing: registryRoute({
		request: { method: 'GET', url: APPLICATION_URL },
		preSend: [checkApplicationId],
		postReceive: [outputApplication],
		describeError: describeCeeError,
	}),
};

export const fields: INodeProperties[] = [applicationIdField(['get'])];
