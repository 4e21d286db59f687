// What the CoopCycle Trigger's end-to-end tests share: a real `n8n start` with the package installed, the CoopCycle
// sandbox with several API apps, and the REST calls of the editor (activate, deactivate, read executions). Each
// test file that calls `useTriggerEditor()` gets its own n8n and sandbox (node --test runs files apart).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before } from 'node:test';

import { coopCycleSandboxCredential, SANDBOX_CLIENT, startCoopCycleSandbox } from '../sandbox/index.mjs';
import { startEditor } from '../../../shared/test/e2e/editor.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { N8N_LINE, ensureN8n } from '../../../shared/test/e2e/n8n.mjs';
import { freePort } from '../../../../scripts/lib/processes.mjs';

/** n8n's port, known before it starts: its public address (what CoopCycle calls) names it. */
export const PORT = await freePort();
export const WEBHOOK_ID = '6d1f0c7e-5b8a-4c1e-9a57-0c0ffee00009';

/** The n8n and sandbox of the test file, and the id of the credential of the sandbox's first API app. */
export const world = { sandbox: undefined, editor: undefined, parse: undefined, credentialId: undefined };

// The API apps of the sandbox, in the order the cooperative's administrator created them: two of the same store
// (a credential may move from one to the other), a restaurant's, and one that reads every order.
export const STORE_APP = { ...SANDBOX_CLIENT, scopes: ['deliveries', 'tasks'], store: 1 };
export const OTHER_STORE_APP = {
	clientId: 'sandbox-shop-2',
	clientSecret: 'sandbox-shop-2-secret',
	scopes: ['deliveries', 'tasks'],
	store: 1,
};
export const RESTAURANT_APP = {
	clientId: 'sandbox-bistro',
	clientSecret: 'sandbox-bistro-secret',
	scopes: ['orders'],
	shop: 1,
};
/** An API app the cooperative's administrator granted "orders:all" (src/Form/ApiAppType.php): it reads every order. */
export const COOPERATIVE_APP = {
	clientId: 'sandbox-coop',
	clientSecret: 'sandbox-coop-secret',
	scopes: ['orders:all'],
};

/** Starts n8n and the sandbox before the file's tests, and stops them after. */
export function useTriggerEditor() {
	before(async () => {
		const runtime = ensureN8n();
		world.parse = createRequire(join(runtime.dir, 'node_modules', 'n8n', 'package.json'))('flatted').parse;
		// Retries 50 ms apart instead of CoopCycle's 1 s: the same sequence, sooner.
		world.sandbox = await startCoopCycleSandbox({
			seedDeliveries: 3,
			webhookRetryDelayMs: 50,
			clients: [STORE_APP, OTHER_STORE_APP, RESTAURANT_APP, COOPERATIVE_APP],
		});
		// n8n's public address: n8n 2.x reads N8N_WEBHOOK_URL (WEBHOOK_URL is deprecated there), n8n 1.x WEBHOOK_URL.
		const publicAddress = N8N_LINE === '1' ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL';
		world.editor = await startEditor({
			packages: ['coopcycle'],
			port: PORT,
			extraEnv: { [publicAddress]: `http://127.0.0.1:${PORT}/` },
		});
		const credential = coopCycleSandboxCredential(world.sandbox.url);
		world.credentialId = await world.editor.saveCredential({
			name: 'CoopCycle sandbox',
			type: credential.type,
			data: credential.data,
		});
	});
	after(async () => {
		await world.editor?.stop();
		await world.sandbox?.close();
	});
}

/** A workflow whose only node is the trigger, listening to `events`. */
export const triggerWorkflow = (name, events, extra = {}) => ({
	name,
	nodes: [
		{
			id: 'coopcycle-trigger',
			name: 'CoopCycle Trigger',
			type: nodeType('coopcycle', 'coopCycleTrigger'),
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { events, ...extra },
			credentials: { coopCycleOAuth2Api: { id: world.credentialId, name: 'CoopCycle sandbox' } },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	active: false,
});

/**
 * n8n 2.x publishes (and unpublishes) a workflow through an outbox, after the REST call answers: this waits until
 * it is done, so that the trigger's secrets are saved before CoopCycle calls. n8n 1.x answers once it is done.
 */
export async function publicationDone(workflow) {
	if (N8N_LINE === '1') return;
	for (let attempt = 0; attempt < 200; attempt++) {
		const { status } = await world.editor.rest('GET', `/rest/workflows/${workflow.id}/publication-status`);
		if (status !== 'in_progress') return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	assert.fail('the publication did not end');
}

export async function activate(workflow) {
	await world.editor.rest('POST', `/rest/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	await publicationDone(workflow);
}

export async function deactivate(workflow) {
	await world.editor.rest('POST', `/rest/workflows/${workflow.id}/deactivate`, {});
	await publicationDone(workflow);
}

/** Runs a saved workflow from one of its triggers, as the editor's "Execute workflow" does. */
export async function runFrom(workflow, trigger) {
	const saved = await world.editor.rest('GET', `/rest/workflows/${workflow.id}`);
	await world.editor.rest('POST', `/rest/workflows/${workflow.id}/run`, {
		workflowData: saved,
		triggerToStartFrom: { name: trigger },
	});
}

/** The executions of a workflow, oldest first, each with the trigger's output items and every node's (`outputs`). */
export async function executionsOf(workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { results } = await world.editor.rest('GET', `/rest/executions?filter=${filter}`);
	const executions = [];
	for (const summary of [...results].reverse()) {
		const execution = await world.editor.rest('GET', `/rest/executions/${summary.id}`);
		// An execution that has not started yet has no data.
		const data = typeof execution.data === 'string' ? world.parse(execution.data) : execution.data;
		const outputs = Object.fromEntries(
			Object.entries(data?.resultData?.runData ?? {}).map(([name, runs]) => [
				name,
				runs[0]?.data?.main?.[0]?.map((item) => item.json) ?? [],
			]),
		);
		executions.push({ status: execution.status, items: outputs['CoopCycle Trigger'] ?? [], outputs });
	}
	return executions;
}

/** Waits until the workflow has `count` finished executions (n8n runs them after answering CoopCycle). */
export async function waitForExecutions(workflowId, count) {
	for (let attempt = 0; attempt < 120; attempt++) {
		const executions = await executionsOf(workflowId);
		if (
			executions.length >= count &&
			executions.every((execution) => execution.status !== 'running' && execution.status !== 'new')
		) {
			return executions;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return executionsOf(workflowId);
}

/**
 * Waits for `condition`: n8n 2.x publishes a workflow through an outbox, so its webhooks are registered (and
 * deleted) shortly after the REST call answers; n8n 1.x does it before answering.
 */
export async function waitFor(condition, what) {
	for (let attempt = 0; attempt < 200 && !condition(); attempt++)
		await new Promise((resolve) => setTimeout(resolve, 100));
	assert.ok(condition(), `timed out waiting for ${what}`);
}

/**
 * Activates a workflow that cannot be: the message n8n shows. n8n 1.x refuses the REST call with it; n8n 2.x
 * accepts the call, then reports the trigger's failure in the workflow's publication status.
 */
export async function activationErrorOf(workflow) {
	const refused = await activate(workflow).then(
		() => undefined,
		(error) => error.answer?.message ?? error.message,
	);
	if (refused) return refused;
	let status;
	for (let attempt = 0; attempt < 200; attempt++) {
		status = await world.editor.rest('GET', `/rest/workflows/${workflow.id}/publication-status`);
		if (status.status !== 'in_progress') break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	assert.equal(status.status, 'failed');
	return status.triggers.map((trigger) => trigger.errorMessage).join('\n');
}

/** The data of a credential of one of the sandbox's API apps. */
export const credentialData = (app, scope = app.scopes.join(' ')) => ({
	...coopCycleSandboxCredential(world.sandbox.url).data,
	clientId: app.clientId,
	clientSecret: app.clientSecret,
	scope,
});

/** A saved credential of `app`: `{ id, name }`, as a node names it. */
export async function credentialOf(app, name) {
	const id = await world.editor.saveCredential({ name, type: 'coopCycleOAuth2Api', data: credentialData(app) });
	return { id, name };
}

/** The user edits a credential to the client ID and secret of another API app (the workflow stays as it is). */
export const moveCredential = (credential, app) =>
	world.editor.rest('PATCH', `/rest/credentials/${credential.id}`, {
		name: credential.name,
		type: 'coopCycleOAuth2Api',
		data: credentialData(app),
	});

/** A trigger workflow of its own: its own n8n address (webhookId) and credential. */
export async function ownTriggerWorkflow(name, events, { webhookId, credential, parameters = {} }) {
	const definition = triggerWorkflow(name, events, parameters);
	definition.nodes[0].webhookId = webhookId;
	if (credential) definition.nodes[0].credentials.coopCycleOAuth2Api = credential;
	const workflow = await world.editor.rest('POST', '/rest/workflows', definition);
	return { workflow, url: `http://127.0.0.1:${PORT}/webhook/${webhookId}/webhook` };
}

/** The sandbox's webhooks that call `url`, oldest first. */
export const webhooksAt = (url) => world.sandbox.webhooks().filter((webhook) => webhook.url === url);

/** The calls of one event, as [webhook, status, attempt]. */
export const summary = (calls) => calls.map(({ webhook, status, attempt }) => [webhook, status, attempt]);

/**
 * How many of these calls n8n answered by starting an execution: every 2xx but the node's acknowledgement of a
 * call that starts nothing (n8n then answers {"message":"Workflow was started"}, 2.40 the text "firstEntryJson").
 */
export const started = (calls) =>
	calls.filter((call) => call.status >= 200 && call.status < 300 && !call.text?.includes('"started":false')).length;

/** Whether CoopCycle refused to delete this webhook (403: it belongs to another API app). */
export const deletionRefused = (id) =>
	world.sandbox.requests.some(
		(request) => request.method === 'DELETE' && request.path === `/api/webhooks/${id}` && request.status === 403,
	);
