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

/**
 * The nodes panel lists a service as one app, with its Actions and its Triggers, when (n8n's editor,
 * useActionsGeneration's generateMergedNodesAndActions): the trigger's name is the node's name + "Trigger", the
 * node has actions (its operations' `action`), and the trigger has an "Events" field with options (one trigger
 * entry each, "On <event>"). A node whose codex puts it in AI → Tools gets no actions there (n8n keeps those for
 * the tool variant it makes of a node `usableAsTool`), and the trigger then stays apart: two "CoopCycle" entries.
 */
test('CoopCycle in the nodes panel: one app with its actions and its triggers, and a tool for AI agents', async () => {
	const types = await editor.document('/types/nodes.json');
	const find = (name) => types.find((type) => type.name === nodeType('coopcycle', name));
	const [node, trigger, tool] = [find('coopCycle'), find('coopCycleTrigger'), find('coopCycleTool')];
	assert.equal(trigger.name, `${node.name}Trigger`);
	assert.equal(node.codex?.subcategories?.AI?.includes('Tools') ?? false, false, 'the node is not in AI → Tools');
	const operations = node.properties.filter((property) => property.name === 'operation');
	assert.ok(operations.flatMap((property) => property.options).every((option) => option.action));
	assert.ok(trigger.group.includes('trigger') && trigger.displayName === 'CoopCycle Trigger');
	const events = trigger.properties.find((property) => property.displayName.toLowerCase() === 'events');
	assert.ok(events.options.length > 0 && events.options.every((option) => option.name && option.description));
	// The variant n8n makes for AI agents (usableAsTool) is the one in AI → Tools.
	assert.ok(tool.codex.subcategories.AI.includes('Tools'));
});
