import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './shared/apiApp';
import { receiveCall } from './shared/webhookCall';
import { WEBHOOK_EVENTS } from './shared/webhookEvents';
import { createWebhooks, deleteStoredWebhooks, webhooksExist } from './shared/webhookLifecycle';
import { MAX_REPEAT_WINDOW_SECONDS } from './shared/webhookRepeats';

export class CoopCycleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CoopCycle Trigger',
		name: 'coopCycleTrigger',
		icon: { light: 'file:../../icons/coopcycle.svg', dark: 'file:../../icons/coopcycle.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		// n8n's node picker shows the node and its trigger as one app, with the trigger's description: it says what
		// both do (editor-ui generateMergedNodesAndActions).
		description:
			'Order and follow bike deliveries from a CoopCycle cooperative, accept your restaurant’s orders, and start a workflow when a delivery is picked up, delivered, failed…',
		defaults: { name: 'CoopCycle Trigger' },
		// Shown by n8n on the canvas while it listens for a test event (instead of "Go to CoopCycle and create an event").
		eventTriggerDescription: 'Waiting for CoopCycle: assign, pick up or drop off a delivery of your store',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'CoopCycle sends no event when a delivery is created or cancelled. To follow those, use a Schedule Trigger with CoopCycle → Delivery → Get Many (see the README’s example).',
				name: 'missingEventsNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					'To try it, click Execute step (Listen for test event), then move a delivery of your store on CoopCycle: a courier assigned, picking it up or dropping it off. CoopCycle calls only then, so n8n waits until it does.',
				name: 'testEventNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: WEBHOOK_EVENTS,
				default: ['delivery.completed'],
				description:
					'What should start the workflow. CoopCycle sends events only for the deliveries of the store of the API app.',
			},
			{
				displayName: 'Fetch the Delivery',
				name: 'fetchResource',
				type: 'boolean',
				default: true,
				description:
					'Whether to fetch the delivery (or the order, for Order Created) and add it to the output, simplified as Delivery → Get (or Order → Get) does. CoopCycle’s call only names it.',
			},
			{
				displayName: 'Ignore Repeats Within (Seconds)',
				name: 'ignoreRepeatsSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_REPEAT_WINDOW_SECONDS },
				default: 60,
				description:
					'CoopCycle calls again when n8n, or another webhook of your store, answered late or with an error. A call for the same event and the same delivery (or order) less than this many seconds after the previous one starts nothing. 0 starts the workflow for every call; then repeats are possible, but two dropoffs of one delivery completed a few seconds apart also each start it.',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhooksExist.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhooks.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteStoredWebhooks.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCall.call(this);
	}
}
