// A real n8n 2.x for the measuring scripts (npm run bench, npm run load-test): our packages installed as n8n's
// Community Nodes installer installs them (N8nInstance), workflows started by their webhook, and what each node
// produced read back through n8n's REST API. Also the few builders of workflows both scripts use.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nInstance } from '../../packages/shared/test/e2e/n8n.mjs';
import { freePort } from './processes.mjs';

/* ---------------------------------------------------------------------------------------------- workflows */
let position = 0;
/** A node of a workflow, placed after the previous one. */
export const node = (name, type, typeVersion, parameters, extra = {}) => ({
	id: `${name}-${(position += 1)}`,
	name,
	type,
	typeVersion,
	position: [position * 200, 0],
	parameters,
	...extra,
});
/** A workflow whose nodes run one after the other. */
export const chain = (id, nodes) => {
	const connections = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name: id, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
};
/** A webhook that answers once the workflow has run (its path is the workflow's id). */
export const webhook = (id) =>
	node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		{ httpMethod: 'POST', path: id, responseMode: 'lastNode', responseData: 'noData', options: {} },
		{ webhookId: id },
	);
/** A Code node named Items (what the sending node receives). */
export const code = (jsCode) => node('Items', 'n8n-nodes-base.code', 2, { jsCode });
/** A node's credentials field for credential `id` of `type`. */
export const cred = (type, id) => ({ credentials: { [type]: { id, name: id } } });

/**
 * n8n's HTTP Request node creating CoopCycle deliveries at `baseUrl` as a user builds it: n8n's OAuth2 credential
 * (client credentials) `credentialId`, JSON-LD headers, the body from `jsonBody`.
 */
export const httpCreateDeliveries = (baseUrl, credentialId, jsonBody, extra = {}) =>
	node(
		'Send',
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'POST',
			url: `${baseUrl}/api/deliveries`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'oAuth2Api',
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'Content-Type', value: 'application/ld+json' },
					{ name: 'Accept', value: 'application/ld+json' },
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
		},
		{ ...cred('oAuth2Api', credentialId), ...extra },
	);
/** n8n's OAuth2 credential (client credentials) for a CoopCycle API app, as HTTP Request uses it. */
export const oauth2Credential = (id, baseUrl, clientId, clientSecret, scope = 'deliveries tasks') => ({
	id,
	name: id,
	type: 'oAuth2Api',
	data: {
		grantType: 'clientCredentials',
		accessTokenUrl: `${baseUrl}/oauth2/token`,
		clientId,
		clientSecret,
		scope,
		authentication: 'header',
		authUrl: '',
		authQueryParameters: '',
	},
});

/* ---------------------------------------------------------------------------------------------- n8n */
const running = new Set();
// However the script ends, the n8n processes stop with it.
process.on('exit', () => running.forEach((child) => child.kill()));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

/**
 * Starts a real n8n (the runtime `runtime`, from ensureRuntime) with `credentials` imported and `workflows`
 * published (each begins with `webhook(...)`), once every webhook answers. Returns `webhook(path, body)` (runs a
 * workflow, resolves with the HTTP status once it has run), `lastRun(workflowId)` (the run data of its latest
 * execution, by node name), `memory()` (the process's resident size, MB), `child` and `stop()`.
 */
export async function startWebhookN8n({
	runtime,
	credentials,
	workflows,
	extraEnv = {},
	packages = ['coopcycle', 'covoiturage'],
}) {
	const flatted = createRequire(join(runtime.dir, 'node_modules', 'n8n', 'package.json'))('flatted');
	const userFolder = mkdtempSync(join(tmpdir(), 'measure-n8n-'));
	const n8n = new N8nInstance({
		packages,
		userFolder,
		extraEnv: { N8N_LOG_LEVEL: 'warn', N8N_PAYLOAD_SIZE_MAX: '64', ...extraEnv },
	});
	await n8n.importCredentials(credentials);
	await n8n.importWorkflows(workflows);
	for (const workflow of workflows) await n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
	const port = await freePort();
	const child = await n8n.start(port);
	running.add(child);
	const base = `http://127.0.0.1:${port}`;
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			email: 'bench@example.com',
			firstName: 'Bench',
			lastName: 'Mark',
			password: 'Bench-password-1',
		}),
	});
	const cookie = setup.headers.get('set-cookie')?.split(';')[0];
	const runWebhook = async (path, body) => {
		const response = await fetch(`${base}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(60 * 60 * 1000),
		});
		await response.text();
		return response.status;
	};
	// Published workflows are activated just after n8n starts: wait until every webhook answers (an empty run).
	for (const workflow of workflows) {
		for (
			let attempt = 0;
			(await runWebhook(workflow.nodes[0].parameters.path, { run: 'r0', count: 0 })) === 404;
			attempt++
		) {
			if (attempt > 120) throw new Error(`the webhook of ${workflow.id} never became active`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
	const rest = async (path) => {
		for (let attempt = 0; ; attempt++) {
			const response = await fetch(`${base}${path}`, { headers: { cookie } });
			// n8n answers 503 while its database health check is late (SQLite on a busy machine): ask again.
			if (response.status === 503 && attempt < 30) {
				await new Promise((resolve) => setTimeout(resolve, 1000));
				continue;
			}
			if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
			return (await response.json()).data;
		}
	};
	async function lastRun(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const [latest] = (await rest(`/rest/executions?filter=${filter}&limit=1`)).results;
		return flatted.parse((await rest(`/rest/executions/${latest.id}`)).data).resultData.runData;
	}
	/** Resident memory of the n8n process, in MB. */
	const memory = () =>
		Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
	async function stop() {
		child.kill();
		await new Promise((resolve) => child.once('exit', resolve));
		running.delete(child);
		rmSync(userFolder, { recursive: true, force: true });
	}
	return { webhook: runWebhook, lastRun, memory, child, stop };
}
