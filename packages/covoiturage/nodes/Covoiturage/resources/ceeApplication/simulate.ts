import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { acceptCeeConflict } from '../../shared/acceptedFailures';
import { describeCeeError } from '../../shared/ceeErrors';
import {
	drivingLicenseField,
	identityKeyField,
	identityModeField,
	journeyTypeField,
	lastNameTruncField,
	personFields,
	phoneTruncField,
} from '../../shared/ceeFields';
import { outputSimulated } from '../../shared/ceeOutputs';
import { buildSimulationBody } from '../../shared/ceeRequests';
import { registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Simulate',
	value: 'simulate',
	action: 'Check whether a driver already applied for a CEE premium',
	description:
		'Before a driver’s first journey: whether the registry already has a CEE application of this person, with you or another operator. Nothing is registered.',
	routing: registryRoute({
		request: { method: 'POST', url: '/policies/cee/simulate' },
		preSend: [buildSimulationBody],
		acceptFailure: acceptCeeConflict,
		postReceive: [outputSimulated],
		describeError: describeCeeError,
	}),
};

const OPERATION = ['simulate'];

export const fields: INodeProperties[] = [
	journeyTypeField(OPERATION),
	identityModeField(OPERATION),
	...personFields(OPERATION),
	identityKeyField(OPERATION, false),
	lastNameTruncField(OPERATION),
	phoneTruncField(showFor('ceeApplication', OPERATION, { identityMode: ['provided'] })),
	drivingLicenseField(OPERATION, false),
];
