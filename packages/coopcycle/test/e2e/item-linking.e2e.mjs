// End-to-end (issue 18, point 13): a list operation fed two items links each output item to the item it was read
// for, so that a later node reads `$('Get Addresses').item` and `$('Shops').item`. Run `npm run build` first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { coopCycleSandboxCredential, startCoopCycleSandbox } from '../sandbox/index.mjs';
import { linkedFields } from '../../../shared/test/e2e/itemLinking.mjs';
import { N8nInstance, ensureN8n, nodeOutput, runError } from '../../../shared/test/e2e/n8n.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { codeNode, node, workflow } from '../../../shared/test/e2e/workflows.mjs';

let n8n;
let sandbox;

before(async () => {
	ensureN8n();
	sandbox = await startCoopCycleSandbox();
	sandbox.seedAddresses(3);
	n8n = new N8nInstance({ packages: ['coopcycle'] });
	await n8n.importCredentials([coopCycleSandboxCredential(sandbox.url)]);
	await n8n.importWorkflows([
		workflow('ccItemLinking', 'Two items into a list, then Edit Fields', [
			codeNode('Shops', `return [{ json: { shop: 'A' } }, { json: { shop: 'B' } }];`),
			node(
				'Get Addresses',
				nodeType('coopcycle', 'coopCycle'),
				{ resource: 'store', operation: 'getAddresses', returnAll: false, limit: 2 },
				{ credentials: { coopCycleOAuth2Api: { id: 'coopcycle-sandbox', name: 'CoopCycle sandbox' } } },
			),
			linkedFields('Shops', 'shop', 'Get Addresses', 'streetAddress'),
		]),
	]);
});

after(async () => {
	await sandbox?.close();
	n8n?.dispose();
});

test('Get Addresses fed two items: Edit Fields reads $("Get Addresses").item and $("Shops").item of each', async () => {
	const { code, run, stderr } = await n8n.execute('ccItemLinking');
	assert.ok(run, stderr.slice(-2000));
	assert.equal(code, 0, JSON.stringify(runError(run)));
	const listed = nodeOutput(run, 'Get Addresses');
	assert.equal(listed.length, 4);
	const fields = nodeOutput(run, 'Edit Fields');
	assert.deepEqual(
		fields.map((item) => item.input),
		['A', 'A', 'B', 'B'],
	);
	assert.deepEqual(
		fields.map((item) => item.listed),
		listed.map((item) => item.streetAddress),
	);
	assert.ok(fields.every((item) => typeof item.listed === 'string' && item.listed !== ''));
});
