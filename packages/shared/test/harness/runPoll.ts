import { PollContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { nodeTypesOf } from './runNode';

/**
 * Runs a polling trigger's `poll()` in n8n-core's own PollContext (the class n8n builds for each active polling
 * node): parameters with their defaults, credentials and `httpRequestWithAuthentication` through our credential,
 * `getMode()`, and static data as n8n's Workflow keeps it. Around it, what n8n's activation code does with static
 * data (packages/cli active-workflow-manager / trigger-execution-context.factory): the Workflow object, and so the
 * static data in memory, lives as long as the activation; it is written to the database when a poll emits
 * something (and at activation), not otherwise; a restart starts again from what was written.
 */
export class PollRunner {
	/** What n8n would have in its database. */
	saved: IDataObject = {};

	private workflow!: Workflow;

	readonly credentialsHelper: TestCredentialsHelper;

	constructor(
		private readonly nodeType: INodeType,
		private readonly credentialType: ICredentialType,
		credentialData: ICredentialDataDecryptedObject,
		private readonly parameters: IDataObject,
	) {
		this.credentialsHelper = new TestCredentialsHelper(
			{ [credentialType.name]: credentialType },
			{ [credentialType.name]: credentialData },
		);
		this.restart();
	}

	private get node(): INode {
		return this.workflow.getNode('Trigger') as INode;
	}

	/** n8n starts again: the active workflow is rebuilt from the database. */
	restart(): void {
		const node: INode = {
			id: 'trigger-under-test',
			name: 'Trigger',
			type: `CUSTOM.${this.nodeType.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: JSON.parse(JSON.stringify(this.parameters)) as INode['parameters'],
			credentials: { [this.credentialType.name]: { id: 'cred-1', name: 'Test credential' } },
		};
		this.workflow = new Workflow({
			id: 'wf',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: nodeTypesOf(this.nodeType),
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
		});
	}

	/** The trigger's own static data, in memory. */
	get memory(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.getStaticData('node', this.node))) as IDataObject;
	}

	/** The workflow is activated: n8n polls once at once, then writes the static data whatever the poll gave. */
	async activate(): Promise<IDataObject[] | null> {
		const items = await this.poll();
		this.saved = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		return items;
	}

	/** One poll; `mode` 'manual' is the editor's "Fetch Test Event". The items, or null when it emitted nothing. */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<IDataObject[] | null> {
		const additionalData = {
			credentialsHelper: this.credentialsHelper,
			variables: {},
			restApiUrl: '',
			instanceBaseUrl: '',
			webhookBaseUrl: '',
			webhookWaitingBaseUrl: '',
			webhookTestBaseUrl: '',
			formWaitingBaseUrl: '',
			currentNodeParameters: undefined,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new PollContext(this.workflow, this.node, additionalData, mode, 'activate');
		const result = await this.nodeType.poll!.call(context);
		if (result !== null && mode !== 'manual')
			this.saved = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		return result === null ? null : result[0].map((item) => item.json);
	}
}
