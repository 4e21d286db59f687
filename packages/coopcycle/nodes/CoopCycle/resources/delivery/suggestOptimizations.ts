import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { showFor, simplifyField } from '../../../shared/fields';
import { deliveryBody } from '../../shared/deliveryBody';
import { tasksJsonField } from '../../shared/deliveryFields';
import { GEOCODING_ERROR } from '../../shared/errors';
import { suggestedOrder } from '../../shared/optimizations';
import { coopCycleRoute, WRITE_HEADERS } from '../../shared/routing';

export const option: INodePropertyOptions = {
	name: 'Suggest Optimizations',
	value: 'suggestOptimizations',
	action: 'Suggest a better order for the tasks of a delivery',
	description:
		'Before creating a delivery with several dropoffs, ask CoopCycle for a shorter order of its tasks that keeps their time windows',
	routing: coopCycleRoute({
		// It computes and stores nothing: sent again after a broken connection (routing.ts).
		request: { method: 'POST', url: '/api/deliveries/suggest_optimizations', headers: WRITE_HEADERS },
		preSend: [deliveryBody],
		serverError: GEOCODING_ERROR,
		output: suggestedOrder,
		// The output is the node's own (optimizations.ts); off, CoopCycle's answer as it is.
		simplified: (json) => json,
	}),
};

const show = showFor('delivery', ['suggestOptimizations']);

export const fields: INodeProperties[] = [
	{
		displayName: 'Tasks',
		name: 'taskMode',
		type: 'options',
		options: [
			{
				name: 'From the Input Item',
				value: 'item',
				description: 'Each incoming item is one delivery as CoopCycle takes it: {"tasks": […]}',
			},
			{
				name: 'Several Tasks (JSON)',
				value: 'tasks',
				description: 'The delivery’s tasks, written as CoopCycle task objects, as for Create',
			},
		],
		default: 'tasks',
		description: 'The tasks of the delivery to create, as Create takes them: the incoming item itself, or as JSON',
		displayOptions: show,
	},
	tasksJsonField('suggestOptimizations'),
	simplifyField(
		show,
		'Whether to return the tasks in the suggested order, ready for Create (Several Tasks or From the Input Item), with the distance saved. Turn it off to get CoopCycle’s answer as it is: the suggested order as task positions counted from 0.',
	),
];
