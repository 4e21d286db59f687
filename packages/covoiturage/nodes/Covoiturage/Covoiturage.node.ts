import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { SERVICE_ADDRESS_PLACEHOLDER } from '../shared/accessToken';
import { oneDeclarationPerField } from '../shared/fields';
import { ceeApplicationFields, ceeApplicationOperations } from './resources/ceeApplication';
import { exportFields, exportOperations } from './resources/export';
import { identityFields, identityOperations } from './resources/identity';
import { journeyFields, journeyOperations } from './resources/journey';

/**
 * Declarative node for the Registre de preuve de covoiturage (the French carpooling proof registry). Each
 * operation (its fields and routing) is a file of resources/<resource>/; the registry's rules, request bodies,
 * outputs and error mapping are in shared/.
 */
export class Covoiturage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Covoiturage',
		name: 'covoiturage',
		icon: { light: 'file:../../icons/covoiturage.svg', dark: 'file:../../icons/covoiturage.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Send carpool journey proofs to the French carpooling proof registry (Registre de preuve de covoiturage), follow their status, register CEE premium applications and export journeys',
		defaults: { name: 'Covoiturage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'covoiturageApi', required: true }],
		requestDefaults: {
			// Replaced on every request by the credential's address (nodes/shared/accessToken.ts, withAccess).
			baseURL: SERVICE_ADDRESS_PLACEHOLDER,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: oneDeclarationPerField([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'CEE Application', value: 'ceeApplication' },
					{ name: 'Export', value: 'export' },
					{ name: 'Identity', value: 'identity' },
					{ name: 'Journey', value: 'journey' },
				],
				default: 'journey',
			},
			journeyOperations,
			ceeApplicationOperations,
			exportOperations,
			identityOperations,
			...journeyFields,
			...ceeApplicationFields,
			...exportFields,
			...identityFields,
		]),
	};
}
