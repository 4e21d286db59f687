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
		// n8n's node picker shows the node and its trigger as one app, with the trigger's description: it says what
		// both do (editor-ui generateMergedNodesAndActions).
		description:
			'Send carpool journey proofs to the French carpooling proof registry (Registre de preuve de covoiturage), follow them, and start a workflow when the registry flags one of your journeys (fraud, anomaly…)',
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
