import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor } from '../../../shared/fields';
import { operatorJourneyIdField } from '../../shared/journeyFields';
import { outputStatus } from '../../shared/outputs';
import { checkJourneyId } from '../../shared/requests';
import { JOURNEY_URL, registryRoute } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Get Status',
	value: 'getStatus',
	action: 'Get the status of a journey',
	description: "Read a journey's status and the labels of the registry's checks",
	routing: registryRoute({
		request: { method: 'GET', url: JOURNEY_URL },
		preSend: [checkJourneyId],
		postReceive: [outputStatus],
	}),
};

export const fields: INodeProperties[] = [operatorJourneyIdField(showFor('journey', ['getStatus']))];
