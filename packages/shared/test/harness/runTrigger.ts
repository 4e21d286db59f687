import { HookContext, WebhookContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';

/** What n8n's HTTP server hands a webhook node: the request as express has it, with the body's raw bytes. */
export interface IncomingCall {
	rawBody: Buffer;
	headers: Record<string, string>;
}

/** The answer a webhook node wrote itself (e.g. a 401), as express would have sent it. */
export interface WrittenResponse {
	status?: number;
	body?: unknown;
}

export interface TriggerOptions {
	/** n8n's public webhook address (WEBHOOK_URL + "webhook"); the test one is WEBHOOK_URL + "webhook-test". */
	webhookBaseUrl?: string;
}

/**
 * Runs a webhook trigger's lifecycle and calls through n8n-core's own contexts, as n8n's CLI does: HookContext for
 * `checkExists`/`create`/`delete` (the active-workflow manager and the test-webhooks service), WebhookContext for
 * a call. So the node meets n8n's real credential handling (preAuthentication, the token on each request), its
 * real HTTP stack (answered by nock), its webhook URLs and its static data. The static data is kept here between
 * steps as plain JSON, as n8n saves it in its database after activation and deactivation and reads it back for
 * each call and after a restart.
 */
export class TriggerRunner {
	/** The workflow's static data as n8n's database holds it. */
	staticData: IDataObject = {};

	readonly credentialsHelper: TestCredentialsHelper;

	private readonly node: INode;

	constructor(
		private readonly nodeType: INodeType,
		credentialType: ICredentialType,
		credentialData: ICredentialDataDecryptedObject,
		parameters: IDataObject,
		private readonly options: TriggerOptions = {},
	) {
		this.credentialsHelper = new TestCredentialsHelper(
			{ [credentialType.name]: credentialType },
			{ [credentialType.name]: credentialData },
		);
		this.node = {
			id: 'trigger-under-test',
			name: 'Trigger',
			type: `CUSTOM.${nodeType.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: '5f1c1a5e-0000-4000-8000-000000000001',
			parameters: parameters as INode['parameters'],
			credentials: { [credentialType.name]: { id: 'cred-1', name: 'Test credential' } },
		};
	}

	/** The node's parameters change, as when the user edits the workflow. */
	setParameters(parameters: IDataObject): void {
		this.node.parameters = parameters as INode['parameters'];
	}

	/** The node's static data (n8n keeps it under "node:<name>"). */
	get nodeData(): IDataObject {
		return (this.staticData[`node:${this.node.name}`] as IDataObject) ?? {};
	}

	private workflow(): Workflow {
		const nodeTypes: INodeTypes = {
			getByName: () => this.nodeType,
			getByNameAndVersion: (_type, version) => NodeHelpers.getVersionedNodeType(this.nodeType, version),
			getKnownTypes: () => ({}),
		};
		return new Workflow({
			id: 'wf',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(this.staticData)) as IDataObject,
		});
	}

	private additionalData(extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
		const base = this.options.webhookBaseUrl ?? 'https://n8n.example.org/';
		return {
			credentialsHelper: this.credentialsHelper,
			variables: {},
			restApiUrl: '',
			instanceBaseUrl: base,
			webhookBaseUrl: `${base}webhook`,
			webhookTestBaseUrl: `${base}webhook-test`,
			webhookWaitingBaseUrl: `${base}webhook-waiting`,
			formWaitingBaseUrl: '',
			currentNodeParameters: undefined,
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(isTest: boolean): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: this.nodeType.description.webhooks![0],
			workflowId: 'wf',
			workflowExecuteAdditionalData: this.additionalData(),
			webhookId: this.node.webhookId,
			isTest,
		} as IWebhookData;
	}

	/** The address n8n gives CoopCycle for this node. */
	webhookUrl(isTest = false): string {
		const context = new HookContext(
			this.workflow(),
			this.node,
			this.additionalData(),
			isTest ? 'manual' : 'trigger',
			isTest ? 'manual' : 'activate',
			this.webhookData(isTest),
		);
		return String(context.getNodeWebhookUrl('default'));
	}

	/**
	 * One lifecycle method, as n8n runs it: on activation `checkExists`, then `create` if it said false; on
	 * deactivation `delete`. The static data is saved afterwards, as n8n does, unless the method threw.
	 */
	async hook(method: 'checkExists' | 'create' | 'delete', isTest = false): Promise<boolean> {
		const workflow = this.workflow();
		const context = new HookContext(
			workflow,
			this.node,
			this.additionalData(),
			isTest ? 'manual' : 'trigger',
			isTest ? 'manual' : 'activate',
			this.webhookData(isTest),
		);
		const result = await this.nodeType.webhookMethods!.default![method]!.call(context);
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		return result;
	}

	/** n8n's activation of the workflow: `checkExists`, then `create` when it answered false. */
	async activate(isTest = false): Promise<void> {
		if (!(await this.hook('checkExists', isTest))) await this.hook('create', isTest);
	}

	/** A call to the node's webhook: what the node answered and what it would start. */
	async call(incoming: IncomingCall): Promise<{ result: IWebhookResponseData; written: WrittenResponse }> {
		const written: WrittenResponse = {};
		const response = {
			status(code: number) {
				written.status = code;
				return response;
			},
			json(body: unknown) {
				written.body = body;
				return response;
			},
			send(body: unknown) {
				written.body = body;
				return response;
			},
			end() {
				return response;
			},
		};
		const request = {
			...incoming,
			body: JSON.parse(incoming.rawBody.toString('utf8') || '{}') as IDataObject,
			params: {},
			query: {},
		};
		const context = new WebhookContext(
			this.workflow(),
			this.node,
			this.additionalData({ httpRequest: request, httpResponse: response }),
			'webhook',
			this.webhookData(false),
			[],
			null,
		);
		return { result: await this.nodeType.webhook!.call(context), written };
	}
}
