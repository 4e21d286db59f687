import type { DeclarativeRestApiSettings, IDataObject } from 'n8n-workflow';

import { NOT_DONE_WAIT_MINUTES } from '../../shared/retry';
import type { HttpFailure, ReadableError } from '../../shared/transport';
import { objectOf } from '../../shared/values';
import {
	describeRegistryError,
	plainAnswerOf,
	rpcErrorOf,
	unconfirmedRegistryWrite,
	validatorProblems,
} from './errors';

/**
 * The failures of the CEE application routes, which the registry does not wrap in JSON-RPC (cee/actions/*.ts
 * through registerExpressRoute.ts): a text, the validator's list, `{ error }` or a conflict's data. What the
 * shared middlewares answer before the route (token, rate limit, maintenance) reads as for journeys.
 */

type Request = DeclarativeRestApiSettings.ResultOptions;
type CeeRoute = 'register' | 'simulate' | 'get' | 'delete';

function ceeRouteOf(request: Request): CeeRoute {
	const { method = 'GET', url = '' } = request.options;
	if (method === 'GET') return 'get';
	if (method === 'DELETE') return 'delete';
	return String(url).endsWith('/simulate') ? 'simulate' : 'register';
}

/**
 * A write that is never sent again (routeGroups.ts) got no answer saying whether it was done (the transport marks
 * it `unconfirmed`): the message says what may have happened and how to find out.
 */
export function unsureWrite(failure: HttpFailure, done: string, howToKnow: string): ReadableError | undefined {
	return failure.unconfirmed ? unconfirmedRegistryWrite(failure, done, howToKnow) : undefined;
}

/** "Date should be before 7 days from now" (helpers/isBeforeOrFail.ts) and the other texts of a 400. */
function refused(text: string, journeyType: unknown): ReadableError {
	const says = `The registry says: "${text}".`;
	const delay = /^Date should be before (\d+) days from now$/.exec(text);
	if (delay && Number(delay[1]) === 0) {
		return {
			message: 'The registry refused the application: Signed Up At (application_timestamp) is not in the past',
			description: `Check the date the driver signed up, and the clock of the machine n8n runs on. ${says}`,
		};
	}
	if (delay) {
		const days = delay[1];
		return journeyType === 'long'
			? {
					message: `The registry refused the application: the costs were shared less than ${days} days ago`,
					description: `A long-distance application can be registered from ${days} days after the date the costs were shared with the driver (J+${days}): register it again then. ${says}`,
				}
			: {
					message: `The registry refused the application: the journey ended less than ${days} days ago`,
					description: `A short-distance application can be registered from ${days} days after the end of the journey (J+${days}): register it again then. ${says}`,
				};
	}
	const window = /^Date should be before between (\S+) and (\S+)$/.exec(text);
	if (window) {
		return {
			message: `The registry refused the application: the costs must have been shared between ${window[1]} and ${window[2]}`,
			description: `These are the dates of the CEE programme set on the registry's server: outside them it registers no long-distance application. ${says}`,
		};
	}
	return { message: `The registry rejected the request: ${text}` };
}

/**
 * A 400 whose body n8n did not pass on: n8n 1.x keeps an error's body only when it is an object, and these routes
 * answer a text or a list. What the registry refuses there, then.
 */
function withoutItsWords(route: CeeRoute, journeyType: unknown): ReadableError {
	if (route !== 'register') {
		return {
			message: 'The registry rejected the request (400)',
			description: "This version of n8n does not pass on the registry's reason.",
		};
	}
	const reasons =
		journeyType === 'long'
			? 'costs shared less than 7 days ago (J+7), a date of cost sharing outside the CEE programme’s dates set on its server'
			: 'a journey that ended less than 7 days ago (J+7)';
	return {
		message: 'The registry refused the application (400)',
		description: `This version of n8n does not pass on the registry's reason. It refuses ${reasons}, or a field its validator does not accept (the node checks them before sending).`,
	};
}

const NO_ELIGIBLE_JOURNEY: ReadableError = {
	message: 'The registry found no eligible journey with this Operator Journey ID (404)',
	description:
		"It looks for one of your journeys with this ID that is of class C, at most 80 km long, starts or ends in France, started within the CEE programme's dates set on the registry's server, and whose places it has computed (not yet done for a journey just received or corrected by an Update; never for one it could not locate). The package's README says where to find the programme's dates.",
};

/** An earlier application the registry found, in the words an operator needs. */
export function conflictMessage(answer: IDataObject, registering: boolean): string {
	const date = answer.datetime ? `, operation date ${String(answer.datetime)}` : '';
	if (answer.uuid) {
		return `You already have a CEE application for this driver (${String(answer.uuid)}${date})${registering ? ': nothing new was registered' : ''}.`;
	}
	return `Another operator already has a CEE application for this driver${date ? ` (${date.slice(2)})` : ''}: the registry counts a new one as a duplicate${registering ? ', and nothing was registered' : ''}.`;
}

export function describeCeeError(failure: HttpFailure, request: Request): ReadableError {
	const route = ceeRouteOf(request);
	const { text, details } = plainAnswerOf(failure.body);
	const journeyType = (request.options.body as IDataObject | undefined)?.journey_type;
	const writes = route === 'register' || route === 'delete';
	const unsure = writes
		? unsureWrite(
				failure,
				route === 'register' ? 'registered the application' : 'deleted the application',
				route === 'register'
					? 'Run Simulate for this driver (or Register again: if the first one was registered, the registry answers that you already have an application, with its ID).'
					: 'Run Get with this ID: a deleted application is not found.',
			)
		: undefined;
	if (unsure) return unsure;
	switch (failure.status) {
		case 400:
			if (details.length) return validatorProblems('The registry rejected the request', details);
			if (text) return refused(text, journeyType);
			return withoutItsWords(route, journeyType);
		case 403:
			if (rpcErrorOf(failure.body)) break;
			return route === 'get'
				? { message: 'This CEE application belongs to another operator (403)' }
				: {
						message: 'The registry refused access (403): CEE applications need an operator’s credential',
						description: "The credential's token carries no operator. Check the Covoiturage API credential.",
					};
		case 404:
			if (!text) break;
			if (route === 'register') return NO_ELIGIBLE_JOURNEY;
			return {
				message: `The registry has no CEE application${route === 'delete' ? ' of yours' : ''} with this ID (404)`,
				description:
					route === 'delete'
						? 'It was deleted already, it belongs to another operator, or to the other environment (production or pre-production).'
						: 'It was deleted, or it belongs to the other environment (production or pre-production).',
			};
		case 405:
			return {
				message: 'The registry has switched CEE applications off for now (405)',
				description: 'Its team can switch registrations and simulations off. Nothing was registered: try again later.',
			};
		case 409:
			return {
				message: `The registry already has a CEE application for this driver (409). ${conflictMessage(objectOf(failure.body), route === 'register')}`,
			};
		case 429:
			return {
				message: `The registry is still limiting requests (429) after waiting ${NOT_DONE_WAIT_MINUTES} minutes`,
				description:
					'Nothing was done for this item: run it again later (the registry allows 20,000 CEE requests a minute).',
			};
		case 503:
			return {
				message: `The registry is still unavailable (503) after waiting ${NOT_DONE_WAIT_MINUTES} minutes, probably for maintenance`,
				description: 'Nothing was done for this item: run it again later.',
			};
		case 502:
		case 504:
			return {
				message: `The registry did not answer in time (${failure.status}), even after several tries`,
				description: 'This request is safe to send again: run the item again later.',
			};
		case 500:
			if (rpcErrorOf(failure.body) || text !== 'Boum') break;
			return {
				message: 'The registry already has a CEE application for this journey, but could not say which (500)',
				description:
					"It happens when the journey's earlier application was made with another driving licence and identity key: the registry refuses a second one for the same journey, then finds no application of this driver. Nothing was registered. Get the earlier application with the ID its Register gave, or Delete it and register again.",
			};
	}
	return describeRegistryError(failure, request);
}
