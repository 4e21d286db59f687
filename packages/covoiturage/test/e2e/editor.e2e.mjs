// What the editor does with the Covoiturage credential, in a real n8n (REST API) against the sandbox: the "Test"
// button of the credential, with an application token and with a key pair. And the trigger as the editor gets it:
// its Poll Times default.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { SANDBOX_BAD_TOKENS, covoiturageSandboxCredentials, startCovoiturageSandbox } from '../sandbox/index.mjs';
import { startEditor } from '../../../shared/test/e2e/editor.mjs';
import { N8N_LINE, ensureN8n } from '../../../shared/test/e2e/n8n.mjs';

/**
 * The message of a credential `test.rules` entry. n8n 1.x's credential tester loses the HTTP status of a failed
 * test request (its NodeApiError keeps no cause), so these rules apply from n8n 2.x on; n8n 1.x shows its own
 * sentence for the status instead (the README says so). Token failures are ours on both lines.
 */
const ruleMessage = (ours, onN8n1) => (N8N_LINE === '1' ? onN8n1 : ours);

let editor;
let covoiturage;

before(async () => {
	ensureN8n();
	covoiturage = await startCovoiturageSandbox();
	editor = await startEditor({ packages: ['covoiturage'] });
});

after(async () => {
	await editor?.stop();
	await covoiturage?.close();
});

test('Covoiturage: an application token that works, and ones that do not', async () => {
	const [tokenCredential] = covoiturageSandboxCredentials(covoiturage.url);
	assert.deepEqual(await editor.testCredential(tokenCredential), { status: 'OK', message: 'Connection successful!' });
	const withToken = (applicationToken) => editor.testCredential({ ...tokenCredential, data: { ...tokenCredential.data, applicationToken } });
	// The registry answers 500 to a malformed token and to one of the other environment (see the sandbox).
	for (const token of [SANDBOX_BAD_TOKENS.malformed, SANDBOX_BAD_TOKENS.otherEnvironment]) {
		const result = await withToken(token);
		assert.equal(result.status, 'Error');
		assert.match(result.message, ruleMessage(/^The registry could not verify the token \(500\).*the other environment/, /^The service was not able to process your request$/));
	}
	const revoked = await withToken(SANDBOX_BAD_TOKENS.revoked);
	assert.equal(revoked.status, 'Error');
	assert.match(revoked.message, ruleMessage(/^The registry rejected the token \(401\)/, /^Authorization failed - please check your credentials$/));
	// Testing only reads: nothing was created.
	assert.equal(covoiturage.state.journeys.size, 0);
});

test('Covoiturage: a key pair that works, and one that does not', async () => {
	const [, keyCredential] = covoiturageSandboxCredentials(covoiturage.url);
	assert.deepEqual(await editor.testCredential(keyCredential), { status: 'OK', message: 'Connection successful!' });
	const wrong = await editor.testCredential({ ...keyCredential, data: { ...keyCredential.data, secretKey: 'wrong' } });
	assert.equal(wrong.status, 'Error');
	assert.match(wrong.message, /^The registry refused the access key and secret key \(401\)/);
	assert.doesNotMatch(JSON.stringify(wrong), /wrong/);
});

test('Covoiturage: a URL where nothing answers', async () => {
	const [tokenCredential] = covoiturageSandboxCredentials(covoiturage.url);
	const result = await editor.testCredential({ ...tokenCredential, data: { ...tokenCredential.data, customUrl: `${covoiturage.url}/nothing` } });
	assert.equal(result.status, 'Error');
	assert.match(result.message, ruleMessage(/Nothing answers at this address/, /^The resource you are requesting could not be found$/));
	const [, keyCredential] = covoiturageSandboxCredentials(covoiturage.url);
	// With a key pair, the token request meets the wrong address first: the credential's own message on both lines.
	const keys = await editor.testCredential({ ...keyCredential, name: 'Keys, wrong URL', data: { ...keyCredential.data, customUrl: `${covoiturage.url}/nothing` } });
	assert.equal(keys.status, 'Error');
	assert.match(keys.message, /^Nothing answers at this address \(404\)/);
});

test('Covoiturage Trigger: n8n shows one Poll Times field, every day at 8:00 by default, which its scheduler accepts', async () => {
	// n8n adds its own Poll Times field (every minute) to polling triggers when it loads them: the trigger keeps it,
	// with its own default.
	const types = await editor.document('/types/nodes.json');
	const trigger = types.find((type) => type.name === 'n8n-nodes-covoiturage.covoiturageTrigger');
	const pollTimes = trigger.properties.filter((property) => property.name === 'pollTimes');
	assert.equal(pollTimes.length, 1);
	assert.equal(trigger.properties[0].name, 'pollTimes');
	assert.deepEqual(pollTimes[0].default, { item: [{ mode: 'everyDay', hour: 8, minute: 0 }] });
	// The schedule n8n makes of it when the workflow is activated (n8n-workflow's toCronExpression): daily, 8:00.
	const { toCronExpression } = createRequire(editor.runtime.n8n)('n8n-workflow');
	assert.match(toCronExpression(pollTimes[0].default.item[0]), /^\d{1,2} 0 8 \* \* \*$/);
});
