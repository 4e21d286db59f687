import type { DeclarativeRestApiSettings, INodePropertyRouting } from 'n8n-workflow';

import { route, type RouteSpec } from '../../shared/route';
import { describeRegistryError } from './errors';

type Request = DeclarativeRestApiSettings.ResultOptions;

/**
 * Which requests are sent again after a broken connection: every one but Cancel. Reads change nothing; an Update
 * sends the same fields again; a journey sent twice is answered 409 the second time, which Create outputs as
 * already registered. (What the registry answers to a second cancellation is not settled, so it is not risked.)
 */
function resendable(request: Request): boolean {
	return !(request.options.method === 'POST' && String(request.options.url).endsWith('/cancel'));
}

/** The routing of a registry operation: the shared routing factory with the registry's error mapping. */
export function registryRoute(operation: Omit<RouteSpec, 'describeError' | 'resendable'>): INodePropertyRouting {
	return route({ ...operation, describeError: describeRegistryError, resendable });
}

/** The URL of one journey, by the operator's own id (which may hold any character). */
export const JOURNEY_URL = '=/journeys/{{ encodeURIComponent(String($parameter.operatorJourneyId).trim()) }}';
