// What the editor does with the CoopCycle nodes, in a real n8n (REST API) against the sandbox: the "Test" button of
// the credential, and the dropdown that loads choices from CoopCycle.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { coopCycleSandboxCredential, startCoopCycleSandbox } from '../sandbox/index.mjs';
import { startEditor } from '../../../shared/test/e2e/editor.mjs';
import { ensureN8n } from '../../../shared/test/e2e/n8n.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';

// The built node, as n8n loads it: its loadOptions description is what the editor sends back to n8n.
const { CoopCycle } = createRequire(import.meta.url)('../../dist/nodes/CoopCycle/CoopCycle.node.js');

let editor;
let coopcycle;

before(async () => {
	ensureN8n();
	coopcycle = await startCoopCycleSandbox();
	editor = await startEditor({ packages: ['coopcycle'] });
});

after(async () => {
	await editor?.stop();
	await coopcycle?.close();
});

test('CoopCycle: a client that works, and a wrong secret', async () => {
	const credential = coopCycleSandboxCredential(coopcycle.url);
	assert.deepEqual(await editor.testCredential(credential), { status: 'OK', message: 'Connection successful!' });
	const wrong = await editor.testCredential({ ...credential, name: 'Wrong secret', data: { ...credential.data, clientSecret: 'wrong' } });
	assert.equal(wrong.status, 'Error');
	assert.equal(wrong.message, 'CoopCycle refused the client ID or client secret (invalid_client)');
	assert.doesNotMatch(JSON.stringify(wrong), /wrong/);
});

test("CoopCycle: the Create operation's time-slot dropdown lists the store's choices", async () => {
	const credential = coopCycleSandboxCredential(coopcycle.url);
	const id = await editor.saveCredential({ ...credential, name: 'For the dropdown' });
	const options = await editor.loadOptions({
		type: nodeType('coopcycle', 'coopCycle'),
		nodeType: new CoopCycle(),
		parameterName: 'dropoffTimeSlot',
		parameters: { resource: 'delivery', operation: 'create', taskMode: 'pickupDropoff', dropoffTimeMode: 'timeSlot' },
		credentials: { coopCycleOAuth2Api: { id, name: 'For the dropdown' } },
	});
	assert.ok(options.length > 0, 'no choices');
	for (const option of options) {
		assert.equal(typeof option.name, 'string');
		assert.match(String(option.value), /\d{4}-\d{2}-\d{2}/);
	}
});
