// End-to-end: a real n8n 2.x loads the built package and runs Covoiturage workflows against local registry
// sandboxes (test/sandbox/covoiturage/). Run `npm run build` first; `npm test` does.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';

import { SANDBOX_BAD_TOKENS, covoiturageSandboxCredentials, registryToday, startCovoiturageSandbox } from '../sandbox/index.mjs';
import { journeysCode, storedJourney } from './lib/journeys.mjs';
import { N8nInstance, ensureN8n, nodeOutput, runError } from '../../../shared/test/e2e/n8n.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { codeNode, loadExample, node, workflow } from '../../../shared/test/e2e/workflows.mjs';

const TYPE = nodeType('covoiturage', 'covoiturage');
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const credential = (id, name) => ({ covoiturageApi: { id, name } });
const APP_TOKEN = credential('covoiturage-sandbox', 'Covoiturage sandbox (application token)');
const KEY_PAIR = credential('covoiturage-sandbox-keys', 'Covoiturage sandbox (key pair)');

const createJson = (credentials, extra = {}) =>
	node('Covoiturage', TYPE, { resource: 'journey', operation: 'create', inputMode: 'json', journeyJson: '={{ $json }}' }, { credentials, ...extra });

const LISTING = credential('covoiturage-listing', 'Listing');

/**
 * Code for the journeys of the batch test: one journey and its variants (the same two people). `twoHoursBefore`
 * moves a variant two hours before the others, under a trip id of its own: close to a trip sent at that time, far
 * enough from the batch's own (the registry's too_close_trips looks 30 minutes around a trip).
 */
const MIXED_VARIANTS = `const base = (() => { ${journeysCode('mixed', 1)} })()[0].json;
const variant = (id, change) => { const j = JSON.parse(JSON.stringify(base)); j.operator_journey_id = id; change(j); return { json: j }; };
const hour = 3600e3;
const twoHoursBefore = (trip) => (j) => {
  j.operator_trip_id = trip;
  for (const end of [j.start, j.end]) end.datetime = new Date(Date.parse(end.datetime) - 2 * hour).toISOString().replace(/\\.\\d{3}Z$/, 'Z');
};`;

let n8n;
let sandbox;
let expiring;
let limited;
let listing;

before(async () => {
	ensureN8n();
	sandbox = await startCovoiturageSandbox();
	expiring = await startCovoiturageSandbox({ tokenTtlSeconds: 4 });
	limited = await startCovoiturageSandbox({ journeysPerSecond: 10 });
	listing = await startCovoiturageSandbox();
	n8n = new N8nInstance({ packages: ['covoiturage'] });
	const [tokenCredential, keyCredential] = covoiturageSandboxCredentials(sandbox.url);
	const [, expiringKeys] = covoiturageSandboxCredentials(expiring.url);
	const [limitedToken] = covoiturageSandboxCredentials(limited.url);
	const [listingToken] = covoiturageSandboxCredentials(listing.url);
	await n8n.importCredentials([
		tokenCredential,
		keyCredential,
		{ ...expiringKeys, id: 'covoiturage-expiring', name: 'Expiring tokens' },
		{ ...limitedToken, id: 'covoiturage-limited', name: 'Rate limited' },
		{ ...listingToken, id: 'covoiturage-listing', name: 'Listing' },
		{ ...tokenCredential, id: 'covoiturage-wrong-url', name: 'Wrong URL', data: { ...tokenCredential.data, customUrl: `${sandbox.url}/api` } },
		{ ...tokenCredential, id: 'covoiturage-other-env', name: 'Other environment', data: { ...tokenCredential.data, applicationToken: SANDBOX_BAD_TOKENS.otherEnvironment } },
		{ ...tokenCredential, id: 'covoiturage-malformed', name: 'Malformed token', data: { ...tokenCredential.data, applicationToken: SANDBOX_BAD_TOKENS.malformed } },
	]);
	await n8n.importWorkflows([
		workflow('covCreateFields', 'Create from fields', [
			codeNode('Trip', `return [{ json: { id: 'fields-1', phone: '07 01 02 03 04', name: "D'Hérûg-de-l'Hérault", started: new Date(Date.now() - 3 * 3600e3).toISOString(), ended: new Date(Date.now() - 2 * 3600e3).toISOString() } }];`),
			node(
				'Covoiturage',
				TYPE,
				{
					resource: 'journey',
					operation: 'create',
					inputMode: 'fields',
					operatorJourneyId: '={{ $json.id }}',
					operatorTripId: 'trip-fields',
					startDateTime: '={{ $json.started }}',
					startLatitude: 45.764,
					startLongitude: 4.8357,
					endDateTime: '={{ $json.ended }}',
					endLatitude: 45.75,
					endLongitude: 4.85,
					distance: 6500,
					incentives: { entries: [{ siret: '11000101300017', amount: 200 }] },
					identityMode: 'compute',
					driverOperatorUserId: 'drv-1',
					driverPhone: '={{ $json.phone }}',
					driverLastName: '={{ $json.name }}',
					driverRevenue: 300,
					passengerOperatorUserId: 'pax-1',
					passengerPhone: '0692 11 12 13', // Réunion: +262, not +33
					passengerLastName: 'Lefèvre',
					passengerContribution: 100,
					passengerOver18: true,
				},
				{ credentials: APP_TOKEN },
			),
		]),
		// The trip that mixed-close comes too close to is sent first, in an execution of its own: two close trips in
		// one batch would be flagged in whatever order their requests reach the registry.
		workflow('covCreateEarlier', 'Create: an earlier trip of the same two people', [
			codeNode('Journeys', `${MIXED_VARIANTS}\nreturn [variant('mixed-earlier', twoHoursBefore('trip-mixed-earlier'))];`),
			createJson(APP_TOKEN),
		]),
		workflow('covCreateMixed', 'Create: duplicates, violations and errors', [
			codeNode(
				'Journeys',
				`${MIXED_VARIANTS}
return [
  variant('mixed-0', () => {}),
  variant('fields-1', () => {}),
  variant('mixed-short', (j) => { j.distance = 1500; }),
  variant('mixed-bad', (j) => { j.passenger.identity = { operator_user_id: 'p', identity_key: 'NOT-A-KEY', phone_trunc: '+336010203', over_18: true }; }),
  variant('mixed-html', (j) => { j.driver.identity.operator_user_id = '<i></i>'; }),
  variant('mixed-late', (j) => { j.start.datetime = new Date(Date.now() - 30 * hour).toISOString(); j.end.datetime = new Date(Date.now() - 29 * hour).toISOString(); }),
  variant('mixed-minutes', (j) => { j.start.datetime = j.start.datetime.replace(/:\\d\\dZ$/, 'Z'); j.end.datetime = j.end.datetime.replace(/:\\d\\dZ$/, 'Z'); }),
  variant('mixed-close', twoHoursBefore('trip-mixed-other')),
];`,
			),
			createJson(APP_TOKEN, { onError: 'continueRegularOutput' }),
		]),
		workflow('covGetStatus', 'Get status', [
			node('Covoiturage', TYPE, { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'fields-1' }, { credentials: APP_TOKEN }),
		]),
		workflow('covUpdate', 'Update', [
			// A whole journey, as a database gives it, with a field PATCH cannot store (incentive_counterparts).
			codeNode(
				'Correction',
				journeysCode('fields', 1, { distance: 7100, hoursAgo: 3 })
					.replace("'fields-' + i", "'fields-1'")
					.replace('distance: 7100,', "distance: 7100, incentive_counterparts: [{ target: 'driver', siret: '11000101300017', amount: 100 }],"),
			),
			node('Covoiturage', TYPE, { resource: 'journey', operation: 'update', operatorJourneyId: '={{ $json.operator_journey_id }}', inputMode: 'json', journeyJson: '={{ $json }}' }, { credentials: APP_TOKEN }),
		]),
		workflow('covCancel', 'Cancel', [
			node('Covoiturage', TYPE, { resource: 'journey', operation: 'cancel', operatorJourneyId: 'fields-1', cancelCode: 'FRAUD', cancelMessage: 'Declared twice' }, { credentials: APP_TOKEN }),
		]),
		workflow('covGetMany', 'Get many', [
			node('Covoiturage', TYPE, { resource: 'journey', operation: 'getAll', status: 'pending', returnAll: true }, { credentials: LISTING }),
		]),
		workflow('covGetManyNow', 'Get many until now', [
			node(
				'Covoiturage',
				TYPE,
				{ resource: 'journey', operation: 'getAll', status: 'pending', returnAll: true, filters: { startedBefore: '={{ $now }}' } },
				{ credentials: LISTING },
			),
		]),
		workflow('cov500', '500 journeys with a key pair', [codeNode('Journeys', journeysCode('bulk', 500)), createJson(KEY_PAIR)]),
		workflow('covExpiringA', 'Key pair, first run', [codeNode('Journeys', journeysCode('exp-a', 10)), createJson(credential('covoiturage-expiring', 'Expiring tokens'))]),
		workflow('covExpiringB', 'Key pair, after expiry', [codeNode('Journeys', journeysCode('exp-b', 10)), createJson(credential('covoiturage-expiring', 'Expiring tokens'))]),
		workflow('covBurst', 'Rate limited burst', [codeNode('Journeys', journeysCode('burst', 30)), createJson(credential('covoiturage-limited', 'Rate limited'))]),
		workflow('covMaintenance', 'Registry in maintenance', [
			node('Covoiturage', TYPE, { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'fields-1' }, { credentials: APP_TOKEN, onError: 'continueRegularOutput' }),
		]),
		loadExample('covoiturage', 'covoiturage-send-journeys.json', 'covExampleSend'),
		loadExample('covoiturage', 'covoiturage-check-flagged-journeys.json', 'covExampleFlagged'),
		workflow('covBadTokens', 'Tokens the registry cannot verify', [
			node('Other environment', TYPE, { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'fields-1' }, { credentials: credential('covoiturage-other-env', 'Other environment'), onError: 'continueRegularOutput' }),
			node('Malformed', TYPE, { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'fields-1' }, { credentials: credential('covoiturage-malformed', 'Malformed token'), onError: 'continueRegularOutput' }),
		]),
		workflow('covWrongUrl', 'Unknown API path', [
			node('Covoiturage', TYPE, { resource: 'journey', operation: 'getStatus', operatorJourneyId: 'x' }, { credentials: credential('covoiturage-wrong-url', 'Wrong URL') }),
		]),
	]);
});

after(async () => {
	await Promise.all([sandbox?.close(), expiring?.close(), limited?.close(), listing?.close()]);
	n8n?.dispose();
});

async function execute(id) {
	const result = await n8n.execute(id);
	assert.ok(result.run, `no run data for ${id}: ${result.stderr.slice(-2000)}`);
	return result;
}

test('Create from mapped fields computes the identity keys and sends a valid proof', async () => {
	const { code, run } = await execute('covCreateFields');
	assert.equal(code, 0, JSON.stringify(runError(run)));
	const [item] = nodeOutput(run, 'Covoiturage');
	assert.equal(item.operator_journey_id, 'fields-1');
	assert.equal(item.registered, true);
	const stored = sandbox.state.journeys.get('fields-1').journey;
	assert.equal(stored.driver.identity.identity_key, sha256('+33701020304-D HERUG DE L HERAULT'));
	assert.equal(stored.driver.identity.phone_trunc, '+337010203');
	assert.equal(stored.driver.identity.phone, undefined);
	assert.equal(stored.passenger.identity.over_18, true);
	assert.equal(stored.passenger.identity.phone_trunc, '+2626921112');
	assert.equal(stored.passenger.identity.identity_key, sha256('+262692111213-LEFEVRE'));
});

test('Get Status reads the checks of a journey', async () => {
	sandbox.setStatus('fields-1', 'fraud_error');
	const { code, run } = await execute('covGetStatus');
	assert.equal(code, 0);
	const [item] = nodeOutput(run, 'Covoiturage');
	assert.equal(item.status, 'fraud_error');
	assert.deepEqual(item.fraud_error_labels, ['interoperator_overlap']);
	assert.equal(typeof item.journey_id, 'string');
});

test('Update corrects the distance and the journey is checked again', async () => {
	const { code, run } = await execute('covUpdate');
	assert.equal(code, 0, JSON.stringify(runError(run)));
	// The status read first (the Get Status test set it): not canceled, so the correction is sent.
	assert.deepEqual(nodeOutput(run, 'Covoiturage'), [{ operator_journey_id: 'fields-1', updated: true, status: 'pending', previous_status: 'fraud_error' }]);
	const stored = sandbox.state.journeys.get('fields-1');
	assert.equal(stored.journey.distance, 7100);
	assert.deepEqual([stored.acquisition, stored.fraud, stored.anomaly], ['updated', 'pending', 'pending']);
});

test('Cancel invalidates the journey', async () => {
	const { code, run } = await execute('covCancel');
	assert.equal(code, 0);
	assert.deepEqual(nodeOutput(run, 'Covoiturage'), [{ operator_journey_id: 'fields-1', canceled: true }]);
	assert.equal(sandbox.state.journeys.get('fields-1').acquisition, 'canceled');
});

test('Create in a batch: duplicates and terms violations come out as items, errors as error items', async () => {
	const earlier = await execute('covCreateEarlier');
	assert.equal(earlier.code, 0, JSON.stringify(runError(earlier.run)));
	assert.deepEqual(nodeOutput(earlier.run, 'Covoiturage').map((item) => [item.operator_journey_id, item.registered, item.terms_violation_labels]), [['mixed-earlier', true, undefined]]);
	const { code, run } = await execute('covCreateMixed');
	assert.equal(code, 0, JSON.stringify(runError(run)));
	const [fresh, duplicate, short, badLocal, badRemote, late, minutes, close] = nodeOutput(run, 'Covoiturage');
	assert.deepEqual([fresh.operator_journey_id, fresh.registered, fresh.already_registered], ['mixed-0', true, false]);
	assert.deepEqual([duplicate.operator_journey_id, duplicate.already_registered], ['fields-1', true]);
	assert.match(duplicate.created_at, /^\d{4}-\d{2}-\d{2}T/);
	assert.deepEqual(short.terms_violation_labels, ['distance_too_short']);
	assert.match(short.message, /stored this journey/);
	assert.match(badLocal.error, /^Journey not sent: passenger\.identity\.identity_key must be 64 lowercase hex characters/);
	assert.equal(badRemote.error, 'The registry rejected the request: driver.identity.operator_user_id: must NOT have fewer than 1 characters');
	assert.deepEqual(late.terms_violation_labels, ['expired']);
	// Date-times without seconds, which the registry refuses, are sent with ":00".
	assert.equal(minutes.registered, true, JSON.stringify(minutes));
	assert.match(sandbox.state.journeys.get('mixed-minutes').journey.start.datetime, /T\d\d:\d\d:00Z$/);
	// The same two people on another trip at the same time (sent by the execution before), and only that one.
	assert.deepEqual(close.terms_violation_labels, ['too_close_trips']);
	assert.equal(fresh.terms_violation_labels, undefined);
	assert.equal(minutes.terms_violation_labels, undefined);
	assert.equal(sandbox.state.journeys.has('mixed-bad'), false);
	assert.equal(sandbox.state.journeys.get('mixed-short').termsViolations[0], 'distance_too_short');
});

test('500 journeys with a key pair: one token call, 500 registered', async () => {
	const before = sandbox.tokenCalls();
	const started = Date.now();
	const { code, run } = await execute('cov500');
	const seconds = (Date.now() - started) / 1000;
	assert.equal(code, 0, JSON.stringify(runError(run)));
	const items = nodeOutput(run, 'Covoiturage');
	assert.equal(items.length, 500);
	assert.ok(items.every((item) => item.registered === true && item.already_registered === false));
	assert.equal(sandbox.tokenCalls() - before, 1);
	console.log(`# figures: 500 journeys, ${sandbox.tokenCalls() - before} token call(s), ${seconds.toFixed(1)} s for the execution`);
});

test('Running the same batch again is safe: every journey comes out as already registered', async () => {
	const { code, run } = await execute('cov500');
	assert.equal(code, 0);
	const items = nodeOutput(run, 'Covoiturage');
	assert.equal(items.length, 500);
	assert.ok(items.every((item) => item.already_registered === true));
	// The token stored in the credential by the first run is reused: still one token call in all.
	assert.equal(sandbox.tokenCalls(), 1);
});

test("Get Many pages through the journeys that started before today 00:00 Paris time, as the registry lists them", async () => {
	const today = registryToday();
	// 250 that started yesterday, one canceled (the registry still lists it as pending: its checks are pending),
	// one that started today: the registry can never list it.
	for (let i = 0; i < 250; i++) listing.seed(storedJourney(`yesterday-${i}`, today - 3600e3 - i * 1000));
	listing.seed(storedJourney('yesterday-canceled', today - 7200e3), 'canceled');
	listing.seed(storedJourney('today-1', today + 1800e3));
	listing.seed(storedJourney('checked-1', today - 7200e3), 'ok');

	const { code, run } = await execute('covGetMany');
	assert.equal(code, 0, JSON.stringify(runError(run)));
	const ids = nodeOutput(run, 'Covoiturage').map((item) => item.operator_journey_id);
	assert.equal(ids.length, 251);
	assert.equal(new Set(ids).size, ids.length);
	assert.ok(ids.includes('yesterday-canceled'));
	assert.ok(!ids.includes('today-1') && !ids.includes('checked-1'));
	const listCalls = listing.state.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/journeys'));
	// The first request asks for the registry's default window (no start, no end: from 7 days before today 00:00
	// Paris time to today 00:00). It holds over 100 journeys: its halves are read, none ending after today.
	const [first, ...halves] = listCalls.map((request) => new URLSearchParams(request.search));
	assert.ok(!first.has('start') && !first.has('end'));
	assert.ok(halves.length > 0 && halves.every((query) => Date.parse(query.get('end')) <= today));
	console.log(`# figures: 251 journeys that started within 5 minutes, listed in ${listCalls.length} requests`);
});

test('Get Many until {{ $now }} is refused before sending, with the bounds the registry allows', async () => {
	const before = listing.state.requests.length;
	const { code, run, stderr } = await execute('covGetManyNow');
	assert.equal(code, 1, `n8n execute exited with ${code}: ${stderr.slice(-2000)}`);
	const today = new Date(registryToday()).toISOString().replace(/\.000Z$/, 'Z');
	assert.match(
		runError(run).message,
		new RegExp(`^List not requested: Started Before must be no later than ${today}, today 00:00 Paris time: the registry lists no journey that started today \\(use Get Status for those\\)`),
	);
	assert.equal(listing.state.requests.length, before, 'nothing was sent');
	// What the node spares the user: the registry itself refuses such an end.
	const response = await fetch(`${listing.url}/v3.3/journeys?status=pending&end=${encodeURIComponent(new Date().toISOString())}`, {
		headers: { authorization: `Bearer ${covoiturageSandboxCredentials(listing.url)[0].data.applicationToken}` },
	});
	assert.equal(response.status, 400);
	assert.equal((await response.json()).error.data, 'End should be before now');
});

test('An expired token is replaced once, with no journey lost', async () => {
	let result = await execute('covExpiringA');
	assert.equal(result.code, 0, JSON.stringify(runError(result.run)));
	assert.equal(expiring.tokenCalls(), 1);
	await new Promise((resolve) => setTimeout(resolve, 4500));
	result = await execute('covExpiringB');
	assert.equal(result.code, 0, JSON.stringify(runError(result.run)));
	assert.equal(nodeOutput(result.run, 'Covoiturage').filter((item) => item.registered).length, 10);
	assert.equal(expiring.tokenCalls(), 2);
	assert.equal(expiring.state.journeys.size, 20);
});

test('A burst of 429 answers is retried after Retry-After: all journeys get registered', async () => {
	const { code, run } = await execute('covBurst');
	assert.equal(code, 0, JSON.stringify(runError(run)));
	assert.equal(nodeOutput(run, 'Covoiturage').filter((item) => item.registered).length, 30);
	assert.ok(limited.state.rateLimited > 0, 'the sandbox should have limited some requests');
	assert.equal(limited.state.journeys.size, 30);
});

test('A registry in maintenance (503) is waited out: the item goes through once the maintenance ends', async () => {
	sandbox.setMaintenance(true);
	// 503 means the registry did nothing: the node sends again for up to 10 minutes (the routing tests check the
	// message after them). The maintenance ends after the first refusals, whenever the node's next try comes.
	const answered = sandbox.state.requests.length;
	const ending = (async () => {
		while (sandbox.state.requests.length < answered + 2) await new Promise((resolve) => setTimeout(resolve, 50));
		sandbox.setMaintenance(false);
	})();
	try {
		const { code, run } = await execute('covMaintenance');
		assert.equal(code, 0, JSON.stringify(runError(run)));
		const [item] = nodeOutput(run, 'Covoiturage');
		assert.equal(item.error, undefined, JSON.stringify(item));
		assert.equal(item.operator_journey_id, 'fields-1');
	} finally {
		sandbox.setMaintenance(false);
		await ending;
	}
});

test('A token of the other environment or a malformed one (500 from the registry) points at the credential, not at a retry', async () => {
	const before = sandbox.state.requests.length;
	const { code, run } = await execute('covBadTokens');
	assert.equal(code, 0, JSON.stringify(runError(run)));
	const [otherEnvironment] = nodeOutput(run, 'Other environment');
	const [malformed] = nodeOutput(run, 'Malformed');
	assert.equal(otherEnvironment.error, "The registry does not accept the credential's token (500: JsonWebTokenError)");
	assert.equal(malformed.error, "The registry does not accept the credential's token (500: JWSInvalid)");
	const description = run.data.resultData.runData['Other environment'][0].data.main[0][0].error?.description ?? '';
	assert.match(description, /the other environment/);
	assert.doesNotMatch(description, /again later/);
	// One request each: a credential error is not retried.
	assert.equal(sandbox.state.requests.length - before, 2);
});

test('A wrong URL or API version is reported as such (404 with an empty body)', async () => {
	const { code, run } = await execute('covWrongUrl');
	assert.equal(code, 1);
	assert.match(runError(run).message, /the API version or URL is wrong/);
});

test('The example workflows import as they are and run against the sandbox', async () => {
	let result = await execute('covExampleSend');
	assert.equal(result.code, 0, JSON.stringify(runError(result.run)));
	const [sent] = nodeOutput(result.run, 'Send to the registry');
	assert.equal(sent.registered, true);
	assert.deepEqual(nodeOutput(result.run, 'Needs attention'), []);

	// The flagged list reaches the journeys that started before today 00:00 Paris time: one sent yesterday.
	sandbox.seed(storedJourney('flagged-yesterday', registryToday() - 3 * 3600e3), 'fraud_error');
	result = await execute('covExampleFlagged');
	assert.equal(result.code, 0, JSON.stringify(runError(result.run)));
	const flagged = nodeOutput(result.run, 'Why');
	assert.deepEqual(
		flagged.map((item) => [item.operator_journey_id, item.fraud_error_labels]),
		[['flagged-yesterday', ['interoperator_overlap']]],
	);
});
