// End-to-end (issue 18, point 13): Get Many fed two items links each output item to the item it was read for, so
// that a later node reads `$('Get Many').item` and `$('Code').item`. Run `npm run build` first.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { covoiturageSandboxCredentials, registryToday, startCovoiturageSandbox } from '../sandbox/index.mjs';
import { storedJourney } from './lib/journeys.mjs';
import { linkedFields } from '../../../shared/test/e2e/itemLinking.mjs';
import { N8nInstance, ensureN8n, nodeOutput, runError } from '../../../shared/test/e2e/n8n.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { codeNode, node, workflow } from '../../../shared/test/e2e/workflows.mjs';

let n8n;
let sandbox;

before(async () => {
	ensureN8n();
	sandbox = await startCovoiturageSandbox();
	// Two journeys that started yesterday: the list route shows only journeys started before today.
	const today = registryToday();
	sandbox.seed(storedJourney('link-1', today - 3600e3));
	sandbox.seed(storedJourney('link-2', today - 7200e3));
	n8n = new N8nInstance({ packages: ['covoiturage'] });
	const [tokenCredential] = covoiturageSandboxCredentials(sandbox.url);
	await n8n.importCredentials([tokenCredential]);
	await n8n.importWorkflows([
		workflow('covItemLinking', 'Two items into Get Many, then Edit Fields', [
			codeNode('Code', `return [{ json: { run: 'first' } }, { json: { run: 'second' } }];`),
			node(
				'Get Many',
				nodeType('covoiturage', 'covoiturage'),
				{ resource: 'journey', operation: 'getAll', status: 'pending', returnAll: true },
				{ credentials: { covoiturageApi: { id: tokenCredential.id, name: tokenCredential.name } } },
			),
			linkedFields('Code', 'run', 'Get Many', 'operator_journey_id'),
		]),
	]);
});

after(async () => {
	await sandbox?.close();
	n8n?.dispose();
});

test('Get Many fed two items: Edit Fields reads $("Get Many").item and $("Code").item of each', async () => {
	const { code, run, stderr } = await n8n.execute('covItemLinking');
	assert.ok(run, stderr.slice(-2000));
	assert.equal(code, 0, JSON.stringify(runError(run)));
	const listed = nodeOutput(run, 'Get Many');
	assert.equal(listed.length, 4);
	const fields = nodeOutput(run, 'Edit Fields');
	assert.deepEqual(
		fields.map((item) => item.input),
		['first', 'first', 'second', 'second'],
	);
	assert.deepEqual(
		fields.map((item) => item.listed),
		listed.map((item) => item.operator_journey_id),
	);
	assert.deepEqual(new Set(fields.map((item) => item.listed)), new Set(['link-1', 'link-2']));
});
