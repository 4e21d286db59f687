import { jsonParse, type IDataObject, type IExecuteSingleFunctions } from 'n8n-workflow';

import { withSeconds } from './dates';
import { buildIdentity } from './identity';
import { failWithProblems } from './problems';

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
export function journeyFromJson(context: IExecuteSingleFunctions, raw: unknown): IDataObject {
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
