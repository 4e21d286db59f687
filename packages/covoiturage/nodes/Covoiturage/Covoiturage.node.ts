import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { SERVICE_ADDRESS_PLACEHOLDER } from '../shared/accessToken';
import { oneDeclarationPerField } from '../shared/fields';
import { journeyFields, journeyOperations } from './resources/journey';

/**
 * Declarative node for the Registre de preuve de covoiturage (the French carpooling proof registry). Each
 * operation (its fields and routing) is a file of resources/journey/; the registry's rules, request bodies,
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
			'Send carpool journey proofs to the French carpooling proof registry (Registre de preuve de covoiturage) and follow their status',
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
				options: [{ name: 'Journey', value: 'journey' }],
				default: 'journey',
			},
			journeyOperations,
			...journeyFields,
		]),
	};
}
