import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { feasibilityAnswer } from '../../shared/acceptedFailures';
import { storeInBody } from '../../shared/apiApp';
import { deliveryBody } from '../../shared/deliveryBody';
import { deliveryFieldsFor, sameBodyNotice } from '../../shared/deliveryFields';
import { GEOCODING_ERROR } from '../../shared/errors';
import { feasibility } from '../../shared/outputs';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';
import { readFeasibility } from '../../shared/slotCheck';

export const option: INodePropertyOptions = {
	name: 'Check Feasibility',
	value: 'checkFeasibility',
	action: 'Check whether a delivery is feasible',
	description:
		'Ask whether CoopCycle would accept a delivery (zone, distance, times, and the time slot of Check Against Time Slot) without creating it',
	routing: coopCycleRoute({
		request: { method: 'POST', url: '/api/deliveries/assert', headers: WRITE_HEADERS },
		preSend: [deliveryBody],
		prepare: storeInBody,
		read: readFeasibility,
		serverError: GEOCODING_ERROR,
		acceptFailure: feasibilityAnswer,
		output: feasibility,
	}),
};

// No Simplify: the answer is the node's own (feasible, violations).
export const fields: INodeProperties[] = [
	sameBodyNotice('checkFeasibility'),
	...deliveryFieldsFor('checkFeasibility', 'create'),
];
