import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IWorkflowExecuteAdditionalData,
	type IDataObject,
	type ICredentials,
	type INodeTypes,
} from 'n8n-workflow';

const mockNode: INode = {
	id: 'credential',
	name: '',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const emptyNodeTypes: INodeTypes = {
	getByName: () => undefined as never,
	getByNameAndVersion: () => undefined as never,
	getKnownTypes: () => ({}),
};

/**
 * A credentials store that behaves like n8n's own CredentialsHelper (packages/cli) where our nodes depend on
 * it: defaults and `$self` expressions are applied on read, `authenticate` (a function or a generic block) is applied,
 * `preAuthentication` runs only when the expirable field is empty or the API said 401 and its result is
 * persisted, and OAuth2 token data is persisted. Everything it stores stays inspectable by the tests.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** What n8n would keep in its database, per credential type. */
	readonly stored: Record<string, ICredentialDataDecryptedObject> = {};

	/** How many times preAuthentication results were written back. */
	preAuthenticationUpdates = 0;

	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
		for (const [type, value] of Object.entries(data)) this.stored[type] = { ...value };
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes[name]?.extends ?? [];
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes[type]?.properties ?? [];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.resolve(type);
	}

	/** The stored data with defaults and `={{ $self[...] }}` expressions applied, as n8n hands it to nodes. */
	resolve(type: string): ICredentialDataDecryptedObject {
		const original = JSON.parse(JSON.stringify(this.stored[type] ?? {})) as ICredentialDataDecryptedObject;
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			original as never,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) withDefaults.oauthTokenData = original.oauthTokenData;
		const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: emptyNodeTypes });
		return workflow.expression.getComplexParameterValue(
			mockNode,
			withDefaults as never,
			'internal',
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialTypes[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate && typeof authenticate === 'object' && authenticate.type === 'generic') {
			const options = requestOptions as unknown as Record<string, IDataObject>;
			for (const [outerKey, values] of Object.entries(authenticate.properties)) {
				options[outerKey] = { ...(options[outerKey] ?? {}) };
				for (const [key, value] of Object.entries(values as IDataObject)) {
					options[outerKey][key] = workflow.expression.getSimpleParameterValue(
						node,
						value as string,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					) as string;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes[typeName];
		const expirable = credentialType?.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof credentialType.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.preAuthenticationUpdates++;
		this.stored[typeName] = {
			...this.stored[typeName],
			[expirable.name]: output[expirable.name],
		} as ICredentialDataDecryptedObject;
		return Object.assign(credentials, output) as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes[typeName];
		if (typeof credentialType?.preAuthentication !== 'function') return undefined;
		return (await credentialType.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.stored[type] = { ...this.stored[type], oauthTokenData: data.oauthTokenData };
	}

	async getCredentials(): Promise<ICredentials> {
		return {} as ICredentials;
	}

	async updateCredentials(): Promise<void> {}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}
