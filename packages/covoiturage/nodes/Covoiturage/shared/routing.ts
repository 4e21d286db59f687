import type { INodePropertyRouting } from 'n8n-workflow';

import { route, type RouteSpec } from '../../shared/route';
import { describeRegistryError } from './errors';
import { routeGroupOf } from './routeGroups';

export interface RegistryOperation extends Omit<RouteSpec, 'describeError' | 'repeatable'> {
	/**
	 * How the failures of the operation's route read, when its answers are not the journeys' JSON-RPC ones (CEE
	 * applications, exports). Default: the journeys' mapping.
	 */
	describeError?: RouteSpec['describeError'];
}

/**
 * The routing of a registry operation: the shared routing factory with the registry's error mapping; which
 * requests are sent again after a broken connection comes from the table of routes (routeGroups.ts).
 */
export function registryRoute(operation: RegistryOperation): INodePropertyRouting {
	return route({
		...operation,
		describeError: operation.describeError ?? describeRegistryError,
		repeatable: (request) => routeGroupOf(request)?.repeatable ?? false,
	});
}

/** The URL of one journey, by the operator's own id (which may hold any character). */
export const JOURNEY_URL = '=/journeys/{{ encodeURIComponent(String($parameter.operatorJourneyId).trim()) }}';
