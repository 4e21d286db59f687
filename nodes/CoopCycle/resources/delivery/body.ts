import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { dateText, instantOf } from '../../../shared/dates';
import { failItem } from '../../../shared/failItem';
import { positionProblem } from '../../../shared/position';
import { textOf } from '../../../shared/values';
import { parseId } from '../../shared/ids';
import { TASK_LABEL, type Purpose, type TaskKind } from './taskFields';

/**
 * Builds the delivery body CoopCycle expects from the node's fields, and checks it first: a mistake is reported
 * with the name of the field to fix, before anything is sent.
 */

const ADDRESS_DETAILS = ['contactName', 'telephone', 'description', 'name'] as const;

/**
 * An address object as it is safe to send. CoopCycle reads a task's address object with API Platform's JSON-LD
 * denormalizer: one that carries an "@id" (say, mapped from an earlier CoopCycle answer) loads that saved
 * address and writes the other fields into it, changing it for every later delivery. So JSON-LD keys are never
 * sent: an object that is only an "@id" names the saved address, sent as its IRI; any other is sent as a new
 * address with its fields, its position as `latLng` so that it is not looked up again.
 */
export function safeAddress(address: IDataObject): string | IDataObject {
	const fields: IDataObject = {};
	for (const [key, value] of Object.entries(address)) {
		// `id` beside an "@id" is Simplify's copy of the number.
		if (!key.startsWith('@') && !(key === 'id' && address['@id'] !== undefined)) fields[key] = value;
	}
	const iri = String(address['@id'] ?? '');
	if (Object.keys(fields).length === 0 && parseId(iri, ['addresses']) !== undefined) return iri;
	const geo = fields.geo as IDataObject | undefined;
	delete fields.geo;
	const [latitude, longitude] = [Number(geo?.latitude), Number(geo?.longitude)];
	if (fields.latLng === undefined && geo && Number.isFinite(latitude) && Number.isFinite(longitude)) {
		fields.latLng = [latitude, longitude];
	}
	return fields;
}

function addressOf(
	context: IExecuteSingleFunctions,
	kind: TaskKind,
	details: IDataObject,
): string | IDataObject | undefined {
	const label = `${TASK_LABEL[kind]} Address`;
	const raw = context.getNodeParameter(`${kind}Address`, '') as unknown;
	const extra: IDataObject = {};
	for (const key of ADDRESS_DETAILS) {
		if (textOf(details[key]) !== '') extra[key] = textOf(details[key]);
	}
	const position = positionProblem(details.latitude, details.longitude);
	if (position === 'incomplete') {
		failItem(context, `${TASK_LABEL[kind]} Details: give both Latitude and Longitude, or neither`);
	}
	if (position === 'outOfRange') {
		failItem(
			context,
			`${TASK_LABEL[kind]} Details: Latitude must be between -90 and 90 and Longitude between -180 and 180`,
		);
	}
	if (position === undefined) extra.latLng = [Number(details.latitude), Number(details.longitude)];
	const hasExtra = Object.keys(extra).length > 0;

	// An address object from an earlier node (e.g. CoopCycle's own answer); only an "@id": a saved address.
	const safe = raw && typeof raw === 'object' ? safeAddress(raw as IDataObject) : undefined;
	if (safe && typeof safe === 'object') {
		const address = { ...safe, ...extra };
		if (textOf(address.streetAddress) === '') {
			failItem(
				context,
				`${label}: the address object has no "streetAddress"`,
				'Give the street address as text, or an object such as {"streetAddress": "48 Rue de Rivoli, 75004 Paris"}.',
			);
		}
		return address;
	}
	const text = typeof safe === 'string' ? safe : textOf(raw);
	if (text === '') {
		if (hasExtra) {
			failItem(
				context,
				`${label} is empty, but ${TASK_LABEL[kind]} Details has contact or position details`,
				`Give the ${TASK_LABEL[kind].toLowerCase()} address too: CoopCycle only takes these details with an address.`,
			);
		}
		return undefined;
	}
	const savedId = parseId(text, ['addresses']);
	if (savedId !== undefined && text.includes('addresses')) {
		if (hasExtra) {
			failItem(
				context,
				`${label} is a saved address: contact name, telephone, description, name and position cannot be changed with it`,
				'Write the street address as text instead, to give these details.',
			);
		}
		return `/api/addresses/${savedId}`;
	}
	return hasExtra ? { streetAddress: text, ...extra } : text;
}

/** `YYYY-MM-DD HH:MM-HH:MM` or an ISO 8601 interval `start/end`, the forms CoopCycle reads. */
const TIME_SLOT_FORMAT = /^(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}-\d{1,2}:\d{2}|\S+\/\S+)$/;

function timeOf(context: IExecuteSingleFunctions, kind: TaskKind, purpose: Purpose): IDataObject {
	const label = TASK_LABEL[kind];
	const mode = context.getNodeParameter(`${kind}TimeMode`, purpose === 'update' ? 'unchanged' : 'window') as string;
	if (mode === 'none' || mode === 'unchanged') return {};
	if (mode === 'timeSlot') {
		const slot = textOf(context.getNodeParameter(`${kind}TimeSlot`, ''));
		if (slot === '')
			failItem(
				context,
				`${label} Time Slot is empty`,
				'Choose a time slot, or map the "value" of Time Slot → Get Choices.',
			);
		if (!TIME_SLOT_FORMAT.test(slot)) {
			failItem(
				context,
				`${label} Time Slot "${slot}" is not a time slot`,
				'Use the "value" of Time Slot → Get Choices, e.g. 2025-06-12 10:00-12:00 or 2025-06-12T08:00:00Z/2025-06-12T10:00:00Z.',
			);
		}
		return { timeSlot: slot };
	}
	const before = dateText(context.getNodeParameter(`${kind}Before`, ''));
	if (before === '')
		failItem(context, `${label} Latest Time is empty`, `Give the date and time by which the ${kind} must be done.`);
	if (mode === 'deadline') return { before };
	const after = dateText(context.getNodeParameter(`${kind}After`, ''));
	if (after === '') {
		failItem(
			context,
			`${label} Earliest Time is empty`,
			`Give both times of the window, or choose "Latest Time Only (15-Minute Window)" for ${label} Time.`,
		);
	}
	const timeZone = context.getTimezone();
	if (instantOf(after, timeZone) >= instantOf(before, timeZone)) {
		failItem(context, `${label} Earliest Time (${after}) must be before ${label} Latest Time (${before})`);
	}
	return { after, before };
}

function tagsOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(textOf).filter(Boolean);
	return textOf(value)
		.split(/[\s,]+/)
		.filter(Boolean);
}

function taskOf(context: IExecuteSingleFunctions, kind: TaskKind, purpose: Purpose): IDataObject {
	const label = TASK_LABEL[kind];
	const details = context.getNodeParameter(`${kind}Details`, {}) as IDataObject;
	const task: IDataObject = {};
	const address = addressOf(context, kind, details);
	if (address !== undefined) task.address = address;
	Object.assign(task, timeOf(context, kind, purpose));
	if (textOf(details.comments) !== '') task.comments = textOf(details.comments);
	if (details.weight !== undefined) {
		const weight = Number(details.weight);
		if (!Number.isInteger(weight) || weight < 0)
			failItem(context, `${label} Details: Weight (Grams) must be a whole number of grams, e.g. 2500`);
		task.weight = weight;
	}
	const packages = ((details.packages as IDataObject | undefined)?.package ?? []) as IDataObject[];
	if (packages.length) {
		task.packages = packages.map(({ type, quantity }) => {
			if (textOf(type) === '')
				failItem(context, `${label} Details: a package has no Type`, 'Use the package names of your store, e.g. XL.');
			if (!Number.isInteger(Number(quantity)) || Number(quantity) < 1)
				failItem(
					context,
					`${label} Details: the Quantity of package "${textOf(type)}" must be a whole number of at least 1`,
				);
			return { type: textOf(type), quantity: Number(quantity) };
		});
	}
	if (details.tags !== undefined && tagsOf(details.tags).length) task.tags = tagsOf(details.tags);
	const entries = ((details.metadata as IDataObject | undefined)?.entries ?? []) as IDataObject[];
	if (entries.length) {
		task.metadata = Object.fromEntries(
			entries.map(({ key, value }) => {
				if (textOf(key) === '') failItem(context, `${label} Details: a Metadata entry has no Key`);
				return [textOf(key), textOf(value)];
			}),
		);
	}
	if (textOf(details.timeSlotUrl) !== '') {
		const slotId = parseId(details.timeSlotUrl, ['time_slots']);
		if (slotId === undefined)
			failItem(
				context,
				`${label} Details: Check Against Time Slot "${textOf(details.timeSlotUrl)}" is not a time slot ID, IRI or URL`,
			);
		task.timeSlotUrl = `/api/time_slots/${slotId}`;
	}
	return task;
}

function tasksFromJson(context: IExecuteSingleFunctions, purpose: Purpose): IDataObject[] {
	const raw = context.getNodeParameter('tasksJson', '[]') as unknown;
	let tasks: unknown = raw;
	if (typeof raw === 'string') {
		try {
			tasks = JSON.parse(raw);
		} catch (error) {
			failItem(context, `Tasks (JSON) is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (!Array.isArray(tasks) || tasks.some((task) => !task || typeof task !== 'object' || Array.isArray(task))) {
		failItem(context, 'Tasks (JSON) must be a list of task objects: [{"type": "pickup", …}, {"type": "dropoff", …}]');
	}
	const list = (tasks as IDataObject[]).map((task) =>
		task.address && typeof task.address === 'object' && !Array.isArray(task.address)
			? { ...task, address: safeAddress(task.address as IDataObject) }
			: task,
	);
	if (purpose === 'update') {
		if (list.length === 0)
			failItem(
				context,
				'Tasks (JSON) is empty',
				'List the tasks the delivery must have: the ones left out are cancelled.',
			);
		return list;
	}
	const types = list.map((task) => textOf(task.type).toLowerCase());
	if (list.length < 2 || types.some((type) => type !== 'pickup' && type !== 'dropoff')) {
		failItem(context, 'Tasks (JSON) needs at least two tasks, each with "type": "pickup" or "dropoff"');
	}
	if (types[0] !== 'pickup' || types[types.length - 1] !== 'dropoff') {
		failItem(context, 'Tasks (JSON): the first task must be a pickup and the last one a dropoff');
	}
	// What CoopCycle accepts (DeliveryManager::setDefaults fills the rest): the first task, a pickup, may leave
	// its address out (the store's is used); pickups may leave their times out (estimated from the dropoff time
	// and the route); dropoffs need an address and a latest time.
	list.forEach((task, index) => {
		if (index > 0 && (task.address === undefined || textOf(task.address) === ''))
			failItem(context, `Tasks (JSON): task ${index + 1} has no "address"`);
		const hasTime = task.before !== undefined || task.doneBefore !== undefined || task.timeSlot !== undefined;
		if (types[index] === 'dropoff' && !hasTime) {
			failItem(
				context,
				`Tasks (JSON): task ${index + 1} is a dropoff with neither "before" nor "timeSlot"`,
				'Give "after" and "before" (a "before" alone makes a 15-minute window), or a "timeSlot". Pickups may leave their times out: CoopCycle estimates them.',
			);
		}
	});
	return list;
}

/**
 * The latest time of a task body (its "before", or the end of its time slot), when it can be read here. Times
 * without a time zone are read in the workflow's, as each is compared only with the others of the delivery.
 */
function latestTimeOf(task: IDataObject, timeZone: string): number | undefined {
	const slot = textOf(task.timeSlot);
	const dayRange = /^(\d{4}-\d{2}-\d{2}) \d{1,2}:\d{2}-(\d{1,2}:\d{2})$/.exec(slot);
	const text = dayRange
		? `${dayRange[1]} ${dayRange[2]}`
		: slot.includes('/')
			? slot.split('/')[1]
			: dateText(task.before ?? task.doneBefore);
	const time = instantOf(text, timeZone);
	return Number.isNaN(time) ? undefined : time;
}

/**
 * CoopCycle refuses a delivery whose first pickup's latest time is after a dropoff's ("Dropoff date must be
 * after pickup date"): say so here, naming the fields, rather than let it pass for an answer.
 */
function checkPickupFirst(
	context: IExecuteSingleFunctions,
	tasks: IDataObject[],
	label: (pickup: number, dropoff: number) => string,
) {
	const pickupIndex = tasks.findIndex((task) => textOf(task.type).toLowerCase() === 'pickup');
	const timeZone = context.getTimezone();
	const pickupTime = pickupIndex < 0 ? undefined : latestTimeOf(tasks[pickupIndex], timeZone);
	if (pickupTime === undefined) return;
	tasks.forEach((task, index) => {
		const time = textOf(task.type).toLowerCase() === 'dropoff' ? latestTimeOf(task, timeZone) : undefined;
		if (time !== undefined && time < pickupTime) {
			failItem(
				context,
				`${label(pickupIndex, index)}: the pickup must be done first`,
				'CoopCycle refuses a dropoff whose latest time is before the pickup’s latest time.',
			);
		}
	});
}

/** The body of a delivery: the whole delivery to create, or only what the user chose to change. */
function bodyOf(context: IExecuteSingleFunctions, purpose: Purpose): IDataObject {
	if (context.getNodeParameter('taskMode', 'pickupDropoff') === 'tasks') {
		const tasks = tasksFromJson(context, purpose);
		if (purpose === 'create')
			checkPickupFirst(
				context,
				tasks,
				(pickup, dropoff) => `Tasks (JSON): task ${pickup + 1} (pickup) ends after task ${dropoff + 1} (dropoff)`,
			);
		return { tasks };
	}
	const body: IDataObject = {};
	for (const kind of ['pickup', 'dropoff'] as const) {
		const task = taskOf(context, kind, purpose);
		if (Object.keys(task).length) body[kind] = task;
	}
	if (purpose === 'create' && (body.dropoff as IDataObject | undefined)?.address === undefined) {
		failItem(
			context,
			'Dropoff Address is empty',
			'Give the delivery address as text (number, street, postcode, city) or a saved address (/api/addresses/12).',
		);
	}
	if (!Object.keys(body).length) {
		failItem(context, 'Nothing to update', 'Fill in at least one pickup or dropoff field (address, time or a detail).');
	}
	if (purpose === 'create' && body.pickup) {
		checkPickupFirst(
			context,
			[
				{ ...(body.pickup as IDataObject), type: 'pickup' },
				{ ...(body.dropoff as IDataObject), type: 'dropoff' },
			],
			() => 'Pickup Time ends after Dropoff Time',
		);
	}
	return body;
}

/**
 * Metadata as a quote keeps it. Confirm Quote rebuilds the delivery from the quote's stored request through
 * CoopCycle's older DeliveryNormalizer, which reads metadata only as text `key=value key=value` (split on spaces,
 * then on "="), and drops an object. Creating the quote reads that text as well, so a quote sends it so.
 */
function quoteMetadata(context: IExecuteSingleFunctions, metadata: unknown, label: string): string {
	if (typeof metadata === 'string') return metadata;
	if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
		failItem(context, `${label}: metadata must be an object of keys and values`);
	}
	return Object.entries(metadata as IDataObject)
		.map(([key, value]) => {
			const text = value === null || value === undefined ? '' : typeof value === 'object' ? undefined : String(value);
			if (text === undefined || /[\s=]/.test(key) || /[\s=]/.test(text)) {
				failItem(
					context,
					`${label}: the Metadata "${key}" cannot be kept by a quote`,
					'Confirm Quote keeps metadata only as single words: no spaces and no "=" in keys or values (e.g. A-1001 rather than "A 1001"). Change it, or create the delivery with Create instead.',
				);
			}
			return `${key}=${text}`;
		})
		.join(' ');
}

/** Create Quote: each task's metadata in the form Confirm Quote keeps. */
function forQuote(context: IExecuteSingleFunctions, body: IDataObject): IDataObject {
	const convert = (task: IDataObject | undefined, label: string) => {
		if (task?.metadata === undefined) return;
		const text = quoteMetadata(context, task.metadata, label);
		// An empty text would still be read, as one empty key.
		if (text.trim() === '') delete task.metadata;
		else task.metadata = text;
	};
	if (Array.isArray(body.tasks)) {
		body.tasks = (body.tasks as IDataObject[]).map((task) => ({ ...task }));
		(body.tasks as IDataObject[]).forEach((task, index) => convert(task, `Tasks (JSON): task ${index + 1}`));
	}
	for (const kind of ['pickup', 'dropoff'] as const) convert(body[kind] as IDataObject, `${TASK_LABEL[kind]} Details`);
	return body;
}

/** preSend of Create, Get Price, Check Feasibility and Create Quote: the whole delivery. */
export async function deliveryBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = bodyOf(this, 'create');
	requestOptions.body = this.getNodeParameter('operation', '') === 'createQuote' ? forQuote(this, body) : body;
	return requestOptions;
}

/** preSend of Update: only what the user chose to change (CoopCycle applies partial pickup/dropoff objects). */
export async function deliveryUpdateBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.body = bodyOf(this, 'update');
	return requestOptions;
}
