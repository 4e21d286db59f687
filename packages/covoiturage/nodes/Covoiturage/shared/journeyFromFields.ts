import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { positionProblem } from '../../shared/position';
import { numberOf } from '../../shared/values';
import { toRegistryDateTime } from './dates';
import { buildIdentity } from './identity';

/**
 * The journey built from the node's fields (the "Fields Below" source): what Create sends, and the part of it
 * Update sends. Problems found on the way (a missing position, a phone that is not one) are added to `problems`.
 */

type Person = 'driver' | 'passenger';

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

/**
 * start/end from the fields, empty until filled in. (0, 0), the fields' default before they had none and never a
 * real place, also counts as missing.
 */
export function positionFromFields(
	context: IExecuteSingleFunctions,
	prefix: 'start' | 'end',
	problems: string[],
): IDataObject {
	const timeZone = context.getTimezone();
	const lat = numberOf(context.getNodeParameter(`${prefix}Latitude`, ''));
	const lon = numberOf(context.getNodeParameter(`${prefix}Longitude`, ''));
	// Only a missing position is reported here: the ranges are checked with the journey (journeyValidation.ts).
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

/**
 * The rules' problems (journeyValidation.ts) that a "… is missing: enter …" problem of the fields already says:
 * an empty Start Latitude is reported once, by its field, not a second time as "start.lat must be a latitude".
 */
export function notAlreadySaid(fieldProblems: string[], ruleProblems: string[]): string[] {
	const said = fieldProblems
		.filter((problem) => problem.includes(' is missing: enter '))
		.flatMap((problem) => {
			const path = problem.slice(0, problem.indexOf(' is missing'));
			return path.endsWith(' position') ? [`${path.split(' ')[0]}.lat `, `${path.split(' ')[0]}.lon `] : [`${path} `];
		});
	return ruleProblems.filter((problem) => !said.some((start) => problem.startsWith(start)));
}

export function readNumber(
	context: IExecuteSingleFunctions,
	name: string,
	fallback?: number | '',
): IDataObject[string] {
	return numberOf(context.getNodeParameter(name, fallback));
}

/** The part of the body that Create and Update build the same way from the fields. */
export function journeyCoreFromFields(context: IExecuteSingleFunctions, problems: string[]): IDataObject {
	const incentives = context.getNodeParameter('incentives.entries', []) as IDataObject[];
	const core: IDataObject = {
		operator_class: context.getNodeParameter('operatorClass', 'C') as string,
		start: positionFromFields(context, 'start', problems),
		end: positionFromFields(context, 'end', problems),
		distance: readNumber(context, 'distance', ''),
		incentives: indexedEntries(incentives, false),
	};
	if (core.distance === '' || core.distance === undefined)
		problems.push('distance is missing: enter Distance (Meters)');
	const tripId = String(context.getNodeParameter('operatorTripId', '') ?? '').trim();
	if (tripId) core.operator_trip_id = tripId;
	return core;
}

/** The whole journey of Create. */
export function journeyFromFields(context: IExecuteSingleFunctions, problems: string[]): IDataObject {
	const identityMode = context.getNodeParameter('identityMode', 'compute') as 'compute' | 'provided';
	const { sendFullPhone = false } = context.getNodeParameter('options', {}) as IDataObject;
	const extra = context.getNodeParameter('additionalFields', {}) as IDataObject;
	const person = (who: Person, over18?: boolean) =>
		buildIdentity(
			`${who}.identity`,
			{
				identityMode,
				operatorUserId: String(context.getNodeParameter(`${who}OperatorUserId`, '')).trim(),
				phone: context.getNodeParameter(`${who}Phone`, '') as string,
				lastName: context.getNodeParameter(`${who}LastName`, '') as string,
				identityKey: String(context.getNodeParameter(`${who}IdentityKey`, '')).trim(),
				phoneTrunc: context.getNodeParameter(`${who}PhoneTrunc`, '') as string,
				travelPass: extra[`${who}TravelPass`] as string | undefined,
				over18,
			},
			sendFullPhone as boolean,
			problems,
		);
	const core = journeyCoreFromFields(context, problems);
	if (core.operator_trip_id === undefined) problems.push('operator_trip_id is missing: enter Operator Trip ID');
	const journey: IDataObject = {
		operator_journey_id: String(context.getNodeParameter('operatorJourneyId', '')).trim(),
		operator_trip_id: core.operator_trip_id ?? '',
		...core,
		driver: {
			identity: person('driver', context.getNodeParameter('driverOver18', true) as boolean),
			revenue: readNumber(context, 'driverRevenue', 0),
		},
		passenger: {
			identity: person('passenger', context.getNodeParameter('passengerOver18', true) as boolean),
			contribution: readNumber(context, 'passengerContribution', 0),
			seats: readNumber(context, 'passengerSeats', 1),
			payments: indexedEntries(context.getNodeParameter('passengerPayments.entries', []) as IDataObject[], true),
		},
	};
	if (extra.licencePlate) journey.licence_plate = extra.licencePlate;
	return journey;
}
