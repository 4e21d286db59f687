// Drives a running n8n through its REST API, as the editor does: owner account, then credential tests
// (the "Test" button of a credential).
import { freePort } from '../../../../scripts/lib/processes.mjs';
import { N8nInstance } from './n8n.mjs';

/** Starts n8n with these packages of ours installed (`['coopcycle']`…), signs in as its owner. */
export async function startEditor({ packages, port, extraEnv = {}, pathDirs }) {
	port ??= await freePort();
	const n8n = new N8nInstance({ packages, extraEnv, pathDirs });
	let child = await n8n.start(port);
	const base = `http://127.0.0.1:${port}`;
	const owner = { email: 'owner@example.com', password: 'Sandbox-password-1' };
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...owner, firstName: 'Test', lastName: 'Owner' }),
	});
	if (!setup.ok) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
	let cookie = setup.headers.get('set-cookie').split(';')[0];
	const rest = async (method, path, body) => {
		const response = await fetch(`${base}${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = await response.json();
		if (!response.ok) {
			throw Object.assign(new Error(`${path}: ${response.status} ${JSON.stringify(json)}`), { answer: json });
		}
		return json.data;
	};
	const call = (path, body) => rest('POST', path, body);
	/** A JSON document the editor loads outside the REST API, such as /types/nodes.json (every known node type). */
	const document = async (path) => {
		const response = await fetch(`${base}${path}`, { headers: { cookie } });
		if (!response.ok) throw new Error(`${path}: ${response.status}`);
		return response.json();
	};
	return {
		base,
		runtime: n8n.runtime,
		userFolder: n8n.userFolder,
		/** Any call to n8n's REST API (/rest/…), as the signed-in owner: the `data` of its answer. */
		rest,
		document,
		/** Saves a credential as the editor's form does; returns its id. */
		async saveCredential({ name, type, data }) {
			return (await call('/rest/credentials', { name, type, data })).id;
		},
		/** Saves the credential, then tests it: `{ status: 'OK' | 'Error', message }`. */
		async testCredential({ name, type, data }) {
			const id = await this.saveCredential({ name, type, data });
			return call('/rest/credentials/test', { credentials: { id, name, type, data } });
		},
		/**
		 * The choices of an options field with `loadOptions`, as the editor asks for them: `type` is the node's type
		 * in n8n (e.g. n8n-nodes-coopcycle.coopCycle), `nodeType` the built node (its field's loadOptions).
		 */
		async loadOptions({ type, nodeType, parameterName, parameters, credentials }) {
			const property = nodeType.description.properties.find((candidate) => candidate.name === parameterName);
			return call('/rest/dynamic-node-parameters/options', {
				nodeTypeAndVersion: { name: type, version: 1 },
				path: `parameters.${parameterName}`,
				currentNodeParameters: parameters,
				credentials,
				loadOptions: property.typeOptions.loadOptions,
			});
		},
		/** Stops n8n and starts it again on the same database, as after a server restart; signs in again. */
		async restart() {
			child.kill();
			await new Promise((resolve) => child.once('exit', resolve));
			child = await n8n.start(port);
			const login = await fetch(`${base}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
			});
			if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
			cookie = login.headers.get('set-cookie').split(';')[0];
		},
		/** Stops n8n; its user folder is removed unless `keepUserFolder` (to run n8n's CLI on it afterwards). */
		async stop({ keepUserFolder = false } = {}) {
			child.kill();
			await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
			if (!keepUserFolder) n8n.dispose();
		},
	};
}
