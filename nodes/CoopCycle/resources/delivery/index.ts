import type {
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { operationField, showFor, simplifyField } from '../../../shared/fields';
import { idField, SIMPLIFY_DESCRIPTION, WRITE_HEADERS } from '../../shared/descriptions';
import { GEOCODING_ERROR, listViolations, violationsOf } from '../../shared/errors';
import { ID_FIELDS, parseId } from '../../shared/ids';
import { coopCycleRoute } from '../../shared/requests';
import { deliveryBody, deliveryUpdateBody } from './body';
import { checkDeliveryFilters, getManyDeliveryFields, readStoreDeliveries } from './getMany';
import { sendDeliveryFields } from './send';
import { updateDeliveryFields } from './update';

const NOT_FOUND = 'Check the Delivery ID: no such delivery, or it belongs to another store.';

/** Pick and drop fail with a 500 when done twice or in the wrong order. */
const TASK_ORDER_ERROR = {
	message: 'CoopCycle could not mark the delivery (500)',
	description:
		'The pickup must be marked before the dropoff, and each only once. Look at the delivery (Delivery → Get) to see its tasks’ status.',
};

/** Check Feasibility: "not feasible" is an answer, not a failure. */
function feasibility(this: IExecutePaginationFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	if (items[0]?.json.feasible === false) return items;
	return [{ json: { feasible: true, violations: [] } }];
}

/** Cancel answers 204 with nothing: say which delivery was cancelled. */
function cancelled(this: IExecutePaginationFunctions): INodeExecutionData[] {
	const id = parseId(this.getNodeParameter('deliveryId', ''), ID_FIELDS.deliveryId.collections);
	return [{ json: { '@id': `/api/deliveries/${id}`, id: Number(id), cancelled: true } }];
}

/** preSend of Mark Picked Up / Dropped Off: the optional notes. */
async function completionNotes(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const notes = String(this.getNodeParameter('notes', '') ?? '').trim();
	if (notes) requestOptions.body = { comments: notes };
	return requestOptions;
}

/** Mark Picked Up / Mark Dropped Off: CoopCycle's /pick and /drop actions, with the optional notes. */
function markDone(action: 'pick' | 'drop'): INodePropertyOptions {
	const [name, task] = action === 'pick' ? ['Picked Up', 'pickup'] : ['Dropped Off', 'dropoff'];
	return {
		name: `Mark ${name}`,
		value: `mark${name.replace(' ', '')}`,
		action: `Mark a delivery as ${name.toLowerCase()}`,
		description: `For stores that deliver themselves: mark the ${task} done`,
		routing: coopCycleRoute({
			request: { method: 'PUT', url: `/api/deliveries/{deliveryId}/${action}`, headers: WRITE_HEADERS },
			notFound: NOT_FOUND,
			serverError: TASK_ORDER_ERROR,
			preSend: [completionNotes],
		}),
	};
}

const ids = ['get', 'update', 'cancel', 'markPickedUp', 'markDroppedOff'];

export const deliveryOperations = operationField('delivery', 'create', [
	{
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel a delivery',
		description: 'Cancel a delivery that no courier has been assigned to yet',
		routing: coopCycleRoute({
			request: { method: 'DELETE', url: '/api/deliveries/{deliveryId}' },
			notFound: NOT_FOUND,
			badRequest: 'Once a courier is assigned, only the cooperative can cancel the delivery: contact them.',
			output: cancelled,
		}),
	},
	{
		name: 'Check Feasibility',
		value: 'checkFeasibility',
		action: 'Check whether a delivery is feasible',
		description: 'Ask whether CoopCycle would accept a delivery (zone, distance, times) without creating it',
		routing: coopCycleRoute({
			request: { method: 'POST', url: '/api/deliveries/assert', headers: WRITE_HEADERS },
			serverError: GEOCODING_ERROR,
			acceptFailure: (failure) => {
				// "Not feasible" is CoopCycle's verdict on the delivery as a whole, reported on "items" (out of the
				// store's zone, too far). A violation on a task's field is a mistake to fix: an error, not an answer.
				const violations = violationsOf(failure.body);
				if (failure.status !== 400 || !violations?.length) return undefined;
				if (violations.some((violation) => violation.propertyPath !== 'items')) return undefined;
				return [{ json: { feasible: false, violations, message: listViolations(violations) } }];
			},
			output: feasibility,
			preSend: [deliveryBody],
		}),
	},
	{
		name: 'Confirm Quote',
		value: 'confirmQuote',
		action: 'Confirm a quote',
		description: 'Create the delivery of a quote, at the quoted price',
		routing: coopCycleRoute({
			request: { method: 'PUT', url: '/api/deliveries/quotes/{quoteId}/confirm', headers: WRITE_HEADERS },
			notFound: 'Check the Quote ID: no such quote, or it belongs to another store.',
		}),
	},
	{
		name: 'Create',
		value: 'create',
		action: 'Create a delivery',
		description: 'Order a delivery from the cooperative',
		routing: coopCycleRoute({
			request: { method: 'POST', url: '/api/deliveries', headers: WRITE_HEADERS },
			serverError: GEOCODING_ERROR,
			preSend: [deliveryBody],
		}),
	},
	{
		name: 'Create Quote',
		value: 'createQuote',
		action: 'Create a delivery quote',
		description: 'Get a price valid for a day, to confirm later with Confirm Quote',
		routing: coopCycleRoute({
			request: { method: 'POST', url: '/api/deliveries/quotes', headers: WRITE_HEADERS },
			serverError: GEOCODING_ERROR,
			preSend: [deliveryBody],
		}),
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a delivery',
		description: 'Get a delivery with its tasks, tracking link and price',
		routing: coopCycleRoute({ request: { method: 'GET', url: '/api/deliveries/{deliveryId}' }, notFound: NOT_FOUND }),
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many deliveries',
		description: 'List the deliveries of your store',
		routing: coopCycleRoute({
			request: { method: 'GET' },
			list: true,
			storePath: '/deliveries',
			read: readStoreDeliveries,
			preSend: [checkDeliveryFilters],
		}),
	},
	{
		name: 'Get Price',
		value: 'getPrice',
		action: 'Get the price of a delivery',
		description: 'Calculate what a delivery would cost, without creating it',
		routing: coopCycleRoute({
			request: { method: 'POST', url: '/api/retail_prices/calculate', headers: WRITE_HEADERS },
			serverError: GEOCODING_ERROR,
			badRequest:
				'If CoopCycle says no price could be calculated, the store’s pricing rules do not cover this delivery: ask the cooperative.',
			preSend: [deliveryBody],
		}),
	},
	markDone('drop'),
	markDone('pick'),
	{
		name: 'Update',
		value: 'update',
		action: 'Update a delivery',
		description: 'Change the pickup or dropoff of a delivery',
		routing: coopCycleRoute({
			request: { method: 'PUT', url: '/api/deliveries/{deliveryId}', headers: WRITE_HEADERS },
			notFound: NOT_FOUND,
			serverError: GEOCODING_ERROR,
			preSend: [deliveryUpdateBody],
		}),
	},
]);

export const deliveryFields: INodeProperties[] = [
	idField('deliveryId', showFor('delivery', ids), 'delivery'),
	idField('quoteId', showFor('delivery', ['confirmQuote']), 'quote, from Create Quote'),
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		default: '',
		description: 'Completion notes kept with the task',
		displayOptions: showFor('delivery', ['markPickedUp', 'markDroppedOff']),
	},
	...sendDeliveryFields,
	...updateDeliveryFields,
	...getManyDeliveryFields,
	// Every operation that returns CoopCycle resources (Cancel and Check Feasibility build their own answer).
	simplifyField(
		showFor('delivery', [
			'confirmQuote',
			'create',
			'createQuote',
			'get',
			'getAll',
			'getPrice',
			'markDroppedOff',
			'markPickedUp',
			'update',
		]),
		SIMPLIFY_DESCRIPTION,
	),
];
