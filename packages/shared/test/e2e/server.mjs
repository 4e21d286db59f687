// A running n8n (`n8n start`) read through its REST API, as the editor reads it: the owner account (set up on
// the first start of a user folder, logged in after a restart), then the executions of a workflow.
import { createRequire } from 'node:module';

import { freePort } from '../../../../scripts/lib/processes.mjs';
import { N8N_LINE } from './n8n.mjs';

const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Sandbox-password-1' };

/** Activates (2.x: publishes) an imported workflow, with n8n's CLI, before n8n starts. */
export async function activateWorkflow(n8n, id) {
	if (N8N_LINE === '1') await n8n.cli(['update:workflow', `--id=${id}`, '--active=true']);
	else await n8n.cli(['publish:workflow', `--id=${id}`]);
}

export async function startServer(n8n, { port, firstStart = true } = {}) {
	port ??= await freePort();
	const child = await n8n.start(port);
	const base = `http://127.0.0.1:${port}`;
	// n8n stores run data "flatted" (cyclic JSON); its own copy of the library reads it.
	const { parse } = createRequire(n8n.runtime.n8n)('flatted');
	const response = firstStart
		? await fetch(`${base}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(OWNER),
			})
		: await fetch(`${base}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
	if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
	const cookie = response.headers.get('set-cookie').split(';')[0];
	const get = async (path) => {
		const answer = await fetch(`${base}${path}`, { headers: { cookie } });
		const json = await answer.json();
		if (!answer.ok) throw new Error(`${path}: ${answer.status} ${JSON.stringify(json)}`);
		return json.data;
	};
	return {
		/** The executions of a workflow, newest first (status, mode, id). */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			return (await get(`/rest/executions?filter=${filter}&limit=100`)).results;
		},
		/** The items a node output in an execution. */
		async output(executionId, nodeName) {
			const execution = await get(`/rest/executions/${executionId}`);
			const data = parse(execution.data);
			return data.resultData.runData[nodeName]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? [];
		},
		async stop() {
			child.kill();
			await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
		},
	};
}
