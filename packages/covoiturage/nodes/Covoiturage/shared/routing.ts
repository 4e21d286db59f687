import type { INodePropertyRouting } from 'n8n-workflow';

import { route, type RouteSpec } from '../../shared/route';
import { maxInFlightOf, type ServerOf } from '../../shared/serverGate';
import { registryServerOf } from './baseUrl';
import { describeRegistryError } from './errors';
import { registryPacing } from './ratePacing';
import { routeGroupOf } from './routeGroups';

/** The registry server of the node's credential, and its "Max Requests at Once". */
export const REGISTRY_SERVER: ServerOf = {
	credentialType: 'covoiturageApi',
	limits: (credentials) => ({ url: registryServerOf(credentials), maxInFlight: maxInFlightOf(credentials) }),
};

export interface RegistryOperation extends Omit<RouteSpec, 'describeError' | 'repeatable' | 'server' | 'pacing'> {
	/**
	 * How the failures of the operation's route read, when its answers are not the journeys' JSON-RPC ones (CEE
	 * applications, exports). Default: the journeys' mapping.
	 */
	describeError?: RouteSpec['describeError'];
}

/**
 * The routing of a registry operation: the shared routing factory with the registry's error mapping; which
 * requests are sent again after an unconfirmed failure, and the pacing under each route's rate limit, come from
 * the table of routes (routeGroups.ts).
 */
export function registryRoute(operation: RegistryOperation): INodePropertyRouting {
	return route({
		...operation,
		describeError: operation.describeError ?? describeRegistryError,
		repeatable: (request) => routeGroupOf(request)?.repeatable ?? false,
		server: REGISTRY_SERVER,
		pacing: registryPacing,
	});
}

/** The URL of one journey, by the operator's own id (which may hold any character). */
export const JOURNEY_URL = '=/journeys/{{ encodeURIComponent(String($parameter.operatorJourneyId).trim()) }}';
