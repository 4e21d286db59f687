import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { withApiApp } from '../../shared/outputs';
import { simplifyFieldFor } from '../../shared/resourceFields';
import { coopCycleRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get My Store',
	value: 'getMyStore',
	action: 'Get the store of the credential',
	description: 'The store the API app belongs to: name, address, time slots, options',
	routing: coopCycleRoute({ request: { method: 'GET' }, storePath: '', output: withApiApp }),
};

export const fields: INodeProperties[] = [simplifyFieldFor('store', 'getMyStore')];
