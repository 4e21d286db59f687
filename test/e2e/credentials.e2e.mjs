// The "Test" button of each credential, in a real n8n editor (REST API), against the sandboxes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { covoiturageSandboxCredentials, startCovoiturageSandbox } from '../sandbox/covoiturage.mjs';
import { startEditor } from './lib/editor.mjs';
import { ensureN8n } from './lib/n8n.mjs';

let editor;
let covoiturage;

before(async () => {
	ensureN8n();
	covoiturage = await startCovoiturageSandbox();
	editor = await startEditor();
});

after(async () => {
	await editor?.stop();
	await covoiturage?.close();
});

test('Covoiturage: an application token that works, and one that does not', async () => {
	const [tokenCredential] = covoiturageSandboxCredentials(covoiturage.url);
	assert.deepEqual(await editor.testCredential(tokenCredential), { status: 'OK', message: 'Connection successful!' });
	const wrong = await editor.testCredential({ ...tokenCredential, data: { ...tokenCredential.data, applicationToken: 'wrong' } });
	assert.equal(wrong.status, 'Error');
	assert.match(wrong.message, /^The registry rejected the token \(401\)/);
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
	assert.match(result.message, /Nothing answers at this address/);
});
