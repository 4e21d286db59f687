import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import { positionProblem } from '../../shared/position';
import { textOf } from '../../shared/values';
import { ADDRESS_DETAILS } from './addressFields';
import { TASK_LABEL, type TaskKind } from './deliveryFields';
import { parseId } from './ids';

/** The address of a pickup or dropoff, as CoopCycle takes it: a text, a saved address's IRI, or an object. */

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

export function addressOf(
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
