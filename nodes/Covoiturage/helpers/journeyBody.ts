import { jsonParse, type IDataObject, type IExecuteSingleFunctions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import { positionProblem } from '../../shared/position';
import { numberOf } from '../../shared/values';
import { toRegistryDateTime, withSeconds } from './dates';
import { computeIdentityKey, toE164, truncatePhone } from './identity';

/**
 * Fails an item whose input cannot become a valid request, with every problem found: the first in the message,
 * all of them in the description. Nothing is sent for it.
 */
export function failWithProblems(
	context: IExecuteSingleFunctions,
	problems: string[],
	what = 'Journey not sent',
): never {
	return failItem(
		context,
		`${what}: ${problems[0]}`,
		problems.length > 1
			? `${problems.length} problems: ${problems.join('; ')}`
			: 'Nothing was sent to the registry for this item.',
	);
}

export interface PersonFields {
	operatorUserId: string;
	/** compute: identity key and truncated phone computed here from phone + last name; provided: given as they are. */
	identityMode: 'compute' | 'provided';
	phone?: string;
	lastName?: string;
	identityKey?: string;
	phoneTrunc?: string;
	travelPass?: string;
	over18?: boolean;
}

/**
 * Builds an identity object. With a phone number and a last name, the identity key and the truncated phone are
 * computed here, so the full number need not leave n8n (unless `sendFullPhone`).
 */
export function buildIdentity(
	path: string,
	person: PersonFields,
	sendFullPhone: boolean,
	problems: string[],
): IDataObject {
	const identity: IDataObject = { operator_user_id: person.operatorUserId };
	if (person.identityMode === 'compute') {
		const e164 = toE164(String(person.phone ?? ''));
		if (!e164) {
			problems.push(
				`${path}.phone must be a valid phone number, e.g. 06 01 02 03 04 or +33601020304 (got "${person.phone ?? ''}")`,
			);
		} else if (!person.lastName || !String(person.lastName).trim()) {
			problems.push(`${path} last name is needed to compute the identity key`);
		} else {
			identity.identity_key = computeIdentityKey(e164, String(person.lastName));
			if (sendFullPhone) identity.phone = e164;
			else identity.phone_trunc = truncatePhone(e164);
		}
	} else {
		identity.identity_key = person.identityKey;
		const phoneTrunc = String(person.phoneTrunc ?? '').replace(/[\s.-]/g, '');
		if (phoneTrunc) identity.phone_trunc = phoneTrunc;
	}
	if (person.travelPass) identity.travel_pass = { name: 'navigo', user_id: person.travelPass };
	if (person.over18 !== undefined) identity.over_18 = person.over18;
	return identity;
}

/**
 * In a JSON journey an identity may carry `phone` and `last_name` instead of the computed fields: replace them
 * by `identity_key` and `phone_trunc`, as the fields mode does.
 */
function completeJsonIdentity(path: string, identity: unknown, problems: string[]): unknown {
	if (!identity || typeof identity !== 'object' || Array.isArray(identity)) return identity;
	const { last_name: lastName, ...rest } = identity as IDataObject;
	if (lastName === undefined) return identity;
	if (rest.identity_key !== undefined) {
		problems.push(`${path} has both identity_key and last_name: give one of them`);
		return identity;
	}
	const computed = buildIdentity(
		path,
		{
			operatorUserId: rest.operator_user_id as string,
			identityMode: 'compute',
			phone: rest.phone as string,
			lastName: String(lastName),
		},
		false,
		problems,
	);
	delete rest.phone;
	return { ...rest, identity_key: computed.identity_key, phone_trunc: computed.phone_trunc };
}

/** The journey object of JSON mode: an object or a JSON text; identities may be completed (see above). */
export function journeyFromJson(context: IExecuteSingleFunctions, parameterName: string): IDataObject {
	const raw = context.getNodeParameter(parameterName) as unknown;
	let journey: unknown = raw;
	if (typeof raw === 'string') {
		try {
			journey = jsonParse(raw);
		} catch {
			failWithProblems(context, [`the journey JSON is not valid JSON (${raw.slice(0, 60)}…)`]);
		}
	}
	if (!journey || typeof journey !== 'object' || Array.isArray(journey)) {
		failWithProblems(context, ['the journey JSON must be one object, e.g. {"operator_journey_id": "…", …}']);
	}
	const copy = JSON.parse(JSON.stringify(journey)) as IDataObject;
	for (const place of ['start', 'end']) {
		const position = copy[place] as IDataObject | undefined;
		if (position && typeof position === 'object') position.datetime = withSeconds(position.datetime) as string;
	}
	const problems: string[] = [];
	for (const person of ['driver', 'passenger']) {
		const personObject = copy[person] as IDataObject | undefined;
		if (personObject && typeof personObject === 'object') {
			personObject.identity = completeJsonIdentity(
				`${person}.identity`,
				personObject.identity,
				problems,
			) as IDataObject;
		}
	}
	if (problems.length) failWithProblems(context, problems);
	return copy;
}

interface IncentiveEntry {
	siret?: string;
	amount?: number | string;
	type?: string;
}

/** Incentives and payments from a fixed collection; their `index` is their order in the list. */
export function indexedEntries(entries: IncentiveEntry[] | undefined, withType: boolean): IDataObject[] {
	return (entries ?? []).map((entry, index) => ({
		index,
		siret: String(entry.siret ?? '').replace(/\s/g, ''),
		...(withType ? { type: entry.type } : {}),
		amount: numberOf(entry.amount),
	}));
}

/** start/end from the fields; (0, 0) is the fields' default and never a real place, so it counts as missing. */
export function positionFromFields(
	context: IExecuteSingleFunctions,
	prefix: 'start' | 'end',
	problems: string[],
): IDataObject {
	const timeZone = context.getTimezone();
	const lat = numberOf(context.getNodeParameter(`${prefix}Latitude`, 0));
	const lon = numberOf(context.getNodeParameter(`${prefix}Longitude`, 0));
	// Only a missing position is reported here: the ranges are checked with the journey (validation.ts).
	if (positionProblem(lat, lon, { zeroIsMissing: true }) === 'missing') {
		problems.push(
			`${prefix} position is missing: enter ${prefix === 'start' ? 'Start' : 'End'} Latitude and Longitude`,
		);
	}
	return {
		datetime: toRegistryDateTime(context.getNodeParameter(`${prefix}DateTime`, ''), timeZone),
		lat,
		lon,
	};
}

export function readNumber(context: IExecuteSingleFunctions, name: string, fallback?: number): IDataObject[string] {
	return numberOf(context.getNodeParameter(name, fallback));
}
