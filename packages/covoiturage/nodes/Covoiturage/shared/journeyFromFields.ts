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

/** start/end from the fields; (0, 0) is the fields' default and never a real place, so it counts as missing. */
export function positionFromFields(
	context: IExecuteSingleFunctions,
	prefix: 'start' | 'end',
	problems: string[],
): IDataObject {
	const timeZone = context.getTimezone();
	const lat = numberOf(context.getNodeParameter(`${prefix}Latitude`, 0));
	const lon = numberOf(context.getNodeParameter(`${prefix}Longitude`, 0));
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

export function readNumber(context: IExecuteSingleFunctions, name: string, fallback?: number): IDataObject[string] {
	return numberOf(context.getNodeParameter(name, fallback));
}

/** The part of the body that Create and Update build the same way from the fields. */
export function journeyCoreFromFields(context: IExecuteSingleFunctions, problems: string[]): IDataObject {
	const incentives = context.getNodeParameter('incentives.entries', []) as IDataObject[];
	const core: IDataObject = {
		operator_class: context.getNodeParameter('operatorClass', 'C') as string,
		start: positionFromFields(context, 'start', problems),
		end: positionFromFields(context, 'end', problems),
		distance: readNumber(context, 'distance', 0),
		incentives: indexedEntries(incentives, false),
	};
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
