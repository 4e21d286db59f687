// End-to-end: how the CoopCycle credential gets, shares and replaces its access tokens, in a real n8n (both lines:
// n8n 1.x and 2.x handle a refused token differently, the credential must give the same result on both). Tokens
// expire or are revoked in the middle of a run and between runs, secrets are wrong: no item is lost, one token
// request is made where one is enough, and errors say what to fix.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { coopCycleSandboxCredential, startCoopCycleSandbox } from '../sandbox/index.mjs';
import { N8nInstance, ensureN8n, nodeOutput, runError } from '../../../shared/test/e2e/n8n.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { codeNode, node, workflow } from '../../../shared/test/e2e/workflows.mjs';

/** CoopCycle: a token dies after this many API calls; 60 deliveries make it die in the middle of the run. */
const COOPCYCLE_TOKEN_USES = 40;
const COOPCYCLE_ITEMS = 60;

const coopCycleNode = (credentialId, extra = {}) =>
	node(
		'Create',
		nodeType('coopcycle', 'coopCycle'),
		{
			resource: 'delivery',
			operation: 'create',
			dropoffAddress: '={{ $json.address }}',
			dropoffTimeMode: 'window',
			dropoffAfter: '={{ $json.after }}',
			dropoffBefore: '={{ $json.before }}',
		},
		{ credentials: { coopCycleOAuth2Api: { id: credentialId, name: credentialId } }, ...extra },
	);

const ordersCode = (count) => `
const tomorrow = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
return Array.from({ length: ${count} }, (_, i) => ({ json: {
  address: (i + 1) + ' Rue des Jetons, 75010 Paris', after: tomorrow + 'T14:00:00', before: tomorrow + 'T16:00:00',
} }));`;

const sandboxes = {};
let n8n;

async function execute(id) {
	const { code, run, stderr } = await n8n.execute(id);
	assert.ok(run, `workflow ${id} gave no run data (exit ${code}): ${stderr.slice(-2000)}`);
	return run;
}

before(async () => {
	ensureN8n();
	sandboxes.coopcycle = await startCoopCycleSandbox({ tokenUses: COOPCYCLE_TOKEN_USES });
	n8n = new N8nInstance({ packages: ['coopcycle'] });
	const coop = coopCycleSandboxCredential(sandboxes.coopcycle.url);
	await n8n.importCredentials([
		{ ...coop, id: 'coop-tokens', name: 'coop-tokens' },
		{
			...coop,
			id: 'coop-wrong-secret',
			name: 'coop-wrong-secret',
			data: { ...coop.data, clientSecret: 'not-the-secret' },
		},
	]);
	await n8n.importWorkflows([
		workflow('tkCoopMidRun', 'CoopCycle token refused mid-run', [
			codeNode('Orders', ordersCode(COOPCYCLE_ITEMS)),
			coopCycleNode('coop-tokens'),
		]),
		workflow('tkCoopNextRun', 'CoopCycle token revoked between runs', [
			codeNode('Orders', ordersCode(10)),
			coopCycleNode('coop-tokens'),
		]),
		workflow('tkCoopWrong', 'CoopCycle wrong secret', [
			codeNode('Orders', ordersCode(5)),
			coopCycleNode('coop-wrong-secret', { onError: 'continueRegularOutput' }),
		]),
	]);
});

after(async () => {
	for (const sandbox of Object.values(sandboxes)) await sandbox.close();
	n8n?.dispose();
});

test('CoopCycle: a token refused in the middle of a run is replaced once; no delivery is lost or doubled', async () => {
	const sandbox = sandboxes.coopcycle;
	const run = await execute('tkCoopMidRun');
	assert.equal(runError(run), undefined);
	const created = nodeOutput(run, 'Create');
	assert.equal(created.length, COOPCYCLE_ITEMS);
	assert.ok(created.every((delivery) => delivery.id && !delivery.error));
	assert.equal(sandbox.deliveries().length, COOPCYCLE_ITEMS, 'each delivery created once');
	assert.ok(
		sandbox.requests.some((request) => request.status === 401),
		'the first token was refused during the run',
	);
	assert.equal(sandbox.tokenCalls(), 2);
});

test('CoopCycle: a token revoked between runs is replaced once in the next run', async () => {
	const sandbox = sandboxes.coopcycle;
	sandbox.expireTokens();
	const before = sandbox.tokenCalls();
	const run = await execute('tkCoopNextRun');
	assert.equal(runError(run), undefined);
	assert.equal(nodeOutput(run, 'Create').filter((delivery) => delivery.id).length, 10);
	assert.equal(sandbox.tokenCalls() - before, 1);
});

test('CoopCycle: a wrong client secret gives each item the invalid_client message, after one token request', async () => {
	const sandbox = sandboxes.coopcycle;
	const before = sandbox.tokenCalls();
	const run = await execute('tkCoopWrong');
	assert.equal(runError(run), undefined);
	const items = nodeOutput(run, 'Create');
	assert.equal(items.length, 5);
	for (const item of items) {
		assert.equal(item.error, 'CoopCycle refused the client ID or client secret (invalid_client)');
		assert.doesNotMatch(JSON.stringify(item), /not-the-secret/);
	}
	assert.equal(sandbox.tokenCalls() - before, 1);
});
