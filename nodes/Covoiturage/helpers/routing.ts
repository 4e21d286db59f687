import type { INodePropertyRouting } from 'n8n-workflow';

import { route, type RouteSpec } from '../../shared/route';
import { describeRegistryError } from './errors';

/** The routing of a registry operation: the shared routing factory with the registry's error mapping. */
export function registryRoute(operation: Omit<RouteSpec, 'describeError'>): INodePropertyRouting {
	return route({ ...operation, describeError: describeRegistryError });
}
