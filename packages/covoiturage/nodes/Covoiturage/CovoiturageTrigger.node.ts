import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { pollJourneys } from './shared/watch';
import { triggerFields } from './shared/watchFields';

/**
 * Polls the registry for journeys that newly have a watched status (fraud or anomaly flags by default). The
 * poll is in shared/watch.ts, what it remembers in shared/watchMemory.ts.
 */
export class CovoiturageTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Covoiturage Trigger',
		name: 'covoiturageTrigger',
		icon: { light: 'file:../../icons/covoiturage.svg', dark: 'file:../../icons/covoiturage.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["statuses"] || []).join(", ") }}',
		description:
			'Starts the workflow when the carpooling proof registry (Registre de preuve de covoiturage) gives one of your journeys a watched status, such as a fraud or anomaly flag',
		defaults: { name: 'Covoiturage Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'covoiturageApi', required: true }],
		properties: triggerFields(),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJourneys.call(this);
	}
}
