import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The events a CoopCycle webhook can be registered for (coopcycle-web src/Entity/Webhook.php, Webhook::EVENTS),
 * with when CoopCycle sends each (src/MessageHandler/Task/TriggerWebhook.php for deliveries,
 * src/MessageHandler/Order/TriggerWebhook.php for orders). Sorted by name, as n8n lists options.
 */
export const WEBHOOK_EVENTS: INodePropertyOptions[] = [
	{
		name: 'Delivery Assigned',
		value: 'delivery.assigned',
		description: 'A courier was given the dropoff of a delivery (assigning only the pickup sends nothing)',
	},
	{
		name: 'Delivery Completed',
		value: 'delivery.completed',
		description:
			'The courier marked a dropoff done: the parcel was delivered. A delivery with several dropoffs sends one per dropoff.',
	},
	{
		name: 'Delivery Failed',
		value: 'delivery.failed',
		description: 'The courier marked the pickup or a dropoff as failed',
	},
	{
		name: 'Delivery In Transit',
		value: 'delivery.in_transit',
		description: 'The courier started the dropoff: the parcel is on its way to the customer',
	},
	{
		name: 'Delivery Picked Up',
		value: 'delivery.picked',
		description: 'The courier marked the pickup done: they have the parcel',
	},
	{
		name: 'Delivery Started',
		value: 'delivery.started',
		description: 'The courier started the pickup: they are on their way to collect the parcel',
	},
	{
		name: 'Order Created',
		value: 'order.created',
		description:
			'A customer ordered from your restaurant on the cooperative’s CoopCycle site (food ordering, not deliveries). Only for a restaurant’s API app, with the "orders" scope.',
	},
];

export const EVENT_NAMES: string[] = WEBHOOK_EVENTS.map((event) => String(event.value));
