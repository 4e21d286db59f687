// End-to-end: how the registry credential gets, shares and replaces its access tokens, in a real n8n (both lines:
// n8n 1.x and 2.x handle a refused token differently, the credential must give the same result on both). Tokens
// expire or are revoked in the middle of a run and between runs, secrets are wrong, the token route is rate
// limited or in maintenance: no item is lost, one token request is made where one is enough, and errors say what
// to fix.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { covoiturageSandboxCredentials, startCovoiturageSandbox } from '../sandbox/index.mjs';
import { N8nInstance, ensureN8n, nodeOutput, runError } from '../../../shared/test/e2e/n8n.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { codeNode, node, workflow } from '../../../shared/test/e2e/workflows.mjs';

const covoiturageNode = (credentialId, extra = {}) =>
	node(
		'Covoiturage',
		nodeType('covoiturage', 'covoiturage'),
		{ resource: 'journey', operation: 'create', inputMode: 'json', journeyJson: '={{ $json }}' },
		{ credentials: { covoiturageApi: { id: credentialId, name: credentialId } }, ...extra },
	);

/** Code-node JavaScript giving `count` valid journeys whose ids start with `prefix`. */
const journeysCode = (prefix, count) => `
const iso = (ms) => new Date(ms).toISOString().replace(/\\.\\d{3}Z$/, 'Z');
// A person of their own for each journey, so that no terms-of-use check links them.
const key = (who, i) => (who + i.toString(16)).padStart(64, '0');
return Array.from({ length: ${count} }, (_, i) => ({ json: {
  operator_journey_id: '${prefix}-' + i, operator_trip_id: 'trip-${prefix}', operator_class: 'C',
  start: { datetime: iso(Date.now() - 7200e3), lat: 48.8566, lon: 2.3522 },
  end: { datetime: iso(Date.now() - 5400e3), lat: 48.8049, lon: 2.1204 },
  distance: 12000, incentives: [],
  driver: { identity: { identity_key: key('a', i), operator_user_id: 'drv-' + i, phone_trunc: '+336010203', over_18: true }, revenue: 300 },
  passenger: { identity: { identity_key: key('b', i), operator_user_id: 'pax-' + i, phone_trunc: '+337111213', over_18: true }, contribution: 100, seats: 1 },
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
	sandboxes.registry = await startCovoiturageSandbox({ tokenUses: 40 });
	// One token request per 20-second window (the registry allows 5 a minute): the test uses it up just before
	// the run, whose token request must then wait for the window.
	sandboxes.limited = await startCovoiturageSandbox({ tokenRateLimit: 1, tokenWindowSeconds: 20 });
	sandboxes.maintenance = await startCovoiturageSandbox();
	n8n = new N8nInstance({ packages: ['covoiturage'] });
	const keyPair = (sandbox, id, data = {}) => {
		const credential = covoiturageSandboxCredentials(sandbox.url)[1];
		return { ...credential, id, name: id, data: { ...credential.data, ...data } };
	};
	await n8n.importCredentials([
		keyPair(sandboxes.registry, 'registry-tokens'),
		keyPair(sandboxes.registry, 'registry-wrong-secret', { secretKey: 'not-the-secret' }),
		keyPair(sandboxes.limited, 'registry-limited'),
		keyPair(sandboxes.maintenance, 'registry-maintenance'),
	]);
	await n8n.importWorkflows([
		workflow('tkRegMidRun', 'Registry token refused mid-run', [
			codeNode('Journeys', journeysCode('mid', 60)),
			covoiturageNode('registry-tokens'),
		]),
		workflow('tkRegNextRun', 'Registry token revoked between runs', [
			codeNode('Journeys', journeysCode('next', 10)),
			covoiturageNode('registry-tokens'),
		]),
		workflow('tkRegWrong', 'Registry wrong secret key', [
			codeNode('Journeys', journeysCode('wrong', 5)),
			covoiturageNode('registry-wrong-secret', { onError: 'continueRegularOutput' }),
		]),
		workflow('tkRegLimited', 'Registry token route limited', [
			codeNode('Journeys', journeysCode('lim', 20)),
			covoiturageNode('registry-limited'),
		]),
		workflow('tkRegMaintenance', 'Registry token route in maintenance', [
			codeNode('Journeys', journeysCode('maint', 5)),
			covoiturageNode('registry-maintenance'),
		]),
	]);
});

after(async () => {
	for (const sandbox of Object.values(sandboxes)) await sandbox.close();
	n8n?.dispose();
});

test('Registry: a token refused in the middle of a run is replaced once; no journey is lost', async () => {
	const sandbox = sandboxes.registry;
	const run = await execute('tkRegMidRun');
	assert.equal(runError(run), undefined);
	const items = nodeOutput(run, 'Covoiturage');
	assert.equal(items.filter((item) => item.registered && !item.already_registered).length, 60);
	assert.equal(sandbox.state.journeys.size, 60);
	assert.equal(sandbox.tokenCalls(), 2);
});

test('Registry: a token revoked between runs is replaced once in the next run', async () => {
	const sandbox = sandboxes.registry;
	sandbox.expireTokens();
	const before = sandbox.tokenCalls();
	const run = await execute('tkRegNextRun');
	assert.equal(runError(run), undefined);
	assert.equal(nodeOutput(run, 'Covoiturage').filter((item) => item.registered).length, 10);
	assert.equal(sandbox.tokenCalls() - before, 1);
});

test('Registry: a wrong secret key gives each item the credential message, after one token request', async () => {
	const sandbox = sandboxes.registry;
	const before = sandbox.tokenCalls();
	const run = await execute('tkRegWrong');
	assert.equal(runError(run), undefined);
	const items = nodeOutput(run, 'Covoiturage');
	assert.equal(items.length, 5);
	for (const item of items) {
		assert.match(item.error, /^The registry refused the access key and secret key \(401\)/);
		assert.doesNotMatch(JSON.stringify(item), /not-the-secret/);
	}
	assert.equal(sandbox.tokenCalls() - before, 1);
});

test('Registry: when the token route says 429, the run waits for it and every journey is sent', async () => {
	const sandbox = sandboxes.limited;
	// Another program using the same key pair has just taken the window's only token request.
	const [, { data }] = covoiturageSandboxCredentials(sandbox.url);
	const taken = await fetch(`${sandbox.url}/v3.3/auth/access_token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ access_key: data.accessKey, secret_key: data.secretKey }),
	});
	assert.equal(taken.status, 201);
	const run = await execute('tkRegLimited');
	assert.equal(runError(run), undefined);
	assert.equal(nodeOutput(run, 'Covoiturage').filter((item) => item.registered).length, 20);
	assert.ok(sandbox.state.tokenRateLimited >= 1, 'the token route did refuse with 429');
	assert.equal(sandbox.state.journeys.size, 20);
});

test('Registry: a token route in maintenance for a few seconds is waited out', async () => {
	const sandbox = sandboxes.maintenance;
	const tokenRequests = () => sandbox.state.requests.filter((request) => request.path.endsWith('/auth/access_token'));
	sandbox.setMaintenance(true);
	// Maintenance ends 2.5 s after the run's first token request (n8n takes a few seconds to start).
	let end;
	const watch = setInterval(() => {
		if (tokenRequests().length > 0 && !end) end = setTimeout(() => sandbox.setMaintenance(false), 2500);
	}, 100);
	try {
		const run = await execute('tkRegMaintenance');
		assert.equal(runError(run), undefined);
		assert.equal(nodeOutput(run, 'Covoiturage').filter((item) => item.registered).length, 5);
		assert.ok(tokenRequests().length > 1, 'the token route answered 503 first');
	} finally {
		clearInterval(watch);
		clearTimeout(end);
		sandbox.setMaintenance(false);
	}
});
