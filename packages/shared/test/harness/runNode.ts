import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';

export interface RunOptions {
	/** Node parameters, as they would be saved in the workflow. */
	parameters: IDataObject;
	/** Input items; one empty item by default, like a manual trigger. */
	items?: IDataObject[];
	/** `true` is "Continue (regular output)". */
	continueOnFail?: boolean;
	/** Reuse a store across runs to check what persists between executions. */
	credentialsHelper?: TestCredentialsHelper;
}

export interface RunResult {
	/** The node's output items (including error items when continue-on-fail is on). */
	items: INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	credentialsHelper: TestCredentialsHelper;
}

/** The node types of a workflow that holds one node type, ours. */
export function nodeTypesOf(nodeType: INodeType): INodeTypes {
	return {
		getByName: () => nodeType,
		getByNameAndVersion: (_type, version) => NodeHelpers.getVersionedNodeType(nodeType, version),
		getKnownTypes: () => ({}),
	};
}

/** Each run is its own execution, as in n8n (nodes may keep per-execution state keyed by its id). */
let executionCount = 0;

/**
 * Runs one declarative node through n8n-core's WorkflowExecute, the way n8n's CLI does outside the editor:
 * RoutingNode builds the requests from the description, our credential authenticates them, HTTP goes out
 * through n8n's own HTTP stack (answered by nock in the tests).
 */
export class NodeRunner {
	constructor(
		private readonly nodeType: INodeType,
		private readonly credentialType: ICredentialType,
		private readonly credentialData: ICredentialDataDecryptedObject,
	) {}

	newCredentialsHelper(data: ICredentialDataDecryptedObject = this.credentialData): TestCredentialsHelper {
		return new TestCredentialsHelper(
			{ [this.credentialType.name]: this.credentialType },
			{
				[this.credentialType.name]: data,
			},
		);
	}

	async run(options: RunOptions): Promise<RunResult> {
		const typeName = `CUSTOM.${this.nodeType.description.name}`;
		const nodeTypes = nodeTypesOf(this.nodeType);
		const node: INode = {
			id: 'node-under-test',
			name: 'Node',
			type: typeName,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: { [this.credentialType.name]: { id: 'cred-1', name: 'Test credential' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		};
		const workflowData = { id: 'wf', name: 'test', nodes: [node], connections: {}, active: false } as never;
		const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes });
		const executionId = `exec-${++executionCount}`;
		const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
		const done = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
		const credentialsHelper = options.credentialsHelper ?? this.newCredentialsHelper();
		const additionalData = {
			executionId,
			hooks,
			credentialsHelper,
			variables: {},
			restApiUrl: '',
			instanceBaseUrl: '',
			webhookBaseUrl: '',
			webhookWaitingBaseUrl: '',
			webhookTestBaseUrl: '',
			formWaitingBaseUrl: '',
			currentNodeParameters: undefined,
			executeWorkflow: async () => ({}),
			logAiEvent: () => {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const inputItems = (options.items ?? [{}]).map((json) => ({ json }));
		const runExecutionData = {
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [{ node, data: { main: [inputItems] }, source: null }],
			},
		} as unknown as IRunExecutionData;
		await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		const run = await done;
		const resultData = run.data.resultData;
		return {
			items: resultData.runData[node.name]?.[0]?.data?.main?.[0] ?? [],
			error: resultData.error as RunResult['error'],
			credentialsHelper,
		};
	}
}
