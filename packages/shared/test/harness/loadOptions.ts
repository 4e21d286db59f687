import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';

/**
 * The choices of an options field with `loadOptions` routing, fetched the way n8n's editor has them fetched
 * (n8n's DynamicNodeParametersService.getOptionsViaLoadOptions): a node type whose only property carries that
 * routing, run by n8n-core's RoutingNode in an ExecuteContext, with the node's requestDefaults and credential.
 */
export async function loadOptions(
	nodeType: INodeType,
	credentialType: ICredentialType,
	credentialData: ICredentialDataDecryptedObject,
	fieldName: string,
	currentNodeParameters: IDataObject = {},
): Promise<INodePropertyOptions[]> {
	const field = nodeType.description.properties.find((property) => property.name === fieldName);
	const routing = field?.typeOptions?.loadOptions?.routing;
	if (!routing) throw new Error(`${fieldName} has no loadOptions routing`);
	const node: INode = {
		id: 'temp-node',
		name: 'Temp-Node',
		type: `CUSTOM.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: currentNodeParameters as INode['parameters'],
		credentials: { [credentialType.name]: { id: 'cred-1', name: 'Test credential' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: (_type, version) => NodeHelpers.getVersionedNodeType(nodeType, version),
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(
			{ [credentialType.name]: credentialType },
			{ [credentialType.name]: credentialData },
		),
		variables: {},
		// n8n builds $execution.resumeUrl from these, as URLs.
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
	} as unknown as IWorkflowExecuteAdditionalData;
	const onlyTheDropdown: INodeType = {
		...nodeType,
		description: {
			...nodeType.description,
			properties: [{ displayName: '', type: 'string', name: '', default: '', routing } as INodeProperties],
		},
	};
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, source: null, data: {} },
		[],
	);
	const output = await new RoutingNode(context, onlyTheDropdown).runNode();
	return (output?.[0] ?? []).map((item) => item.json as unknown as INodePropertyOptions);
}
