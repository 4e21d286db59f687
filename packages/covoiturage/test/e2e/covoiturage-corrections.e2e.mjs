// End-to-end: what the registry does with amounts, updates, canceled journeys and its list, in a real n8n against
// the registry sandbox (test/sandbox/): cents that are not whole numbers (its integer column answers 500), an
// Update that would bring a canceled journey back and cannot remove terms-of-use labels, the trip counts that
// include canceled journeys, and a list whose order changes between requests while pending journeys leave it.
// Run `npm run build` first; `npm test` does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { covoiturageSandboxCredentials, registryToday, startCovoiturageSandbox } from '../sandbox/index.mjs';
import { journeysCode, storedJourney } from './lib/journeys.mjs';
import { N8nInstance, ensureN8n, nodeOutput, runError } from '../../../shared/test/e2e/n8n.mjs';
import { nodeType } from '../../../shared/test/e2e/packages.mjs';
import { codeNode, node, workflow } from '../../../shared/test/e2e/workflows.mjs';

const TYPE = nodeType('covoiturage', 'covoiturage');
const SANDBOX = { covoiturageApi: { id: 'covoiturage-sandbox', name: 'Covoiturage sandbox (application token)' } };
const UNSORTED = { covoiturageApi: { id: 'covoiturage-unsorted', name: 'Unsorted list' } };

/** A Code node giving variants of one journey (phone and last name: the node computes the identities). */
const variantsCode = (variants) => `const base = (() => { ${journeysCode('cents', 1)} })()[0].json;
const variant = (id, change) => { const j = JSON.parse(JSON.stringify(base)); j.operator_journey_id = id; change(j); return { json: j }; };
const hour = 3600e3;
return [${variants.join(',\n')}];`;

const create = (name = 'Covoiturage') =>
	node(name, TYPE, { resource: 'journey', operation: 'create', inputMode: 'item' }, { credentials: SANDBOX, onError: 'continueRegularOutput' });
const update = (options = {}) =>
	node(
		'Covoiturage',
		TYPE,
		{ resource: 'journey', operation: 'update', operatorJourneyId: '={{ $json.operator_journey_id }}', inputMode: 'item', options },
		{ credentials: SANDBOX, onError: 'continueRegularOutput' },
	);

let n8n;
let sandbox;
let unsorted;

before(async () => {
	ensureN8n();
	sandbox = await startCovoiturageSandbox();
	// A list as Postgres may give it without ORDER BY, while the registry's checks finish between requests.
	unsorted = await startCovoiturageSandbox({ shuffleList: true, checkedAfterEachList: 7 });
	n8n = new N8nInstance({ packages: ['covoiturage'] });
	const [tokenCredential] = covoiturageSandboxCredentials(sandbox.url);
	const [unsortedToken] = covoiturageSandboxCredentials(unsorted.url);
	await n8n.importCredentials([tokenCredential, { ...unsortedToken, id: 'covoiturage-unsorted', name: 'Unsorted list' }]);
	await n8n.importWorkflows([
		workflow('covCents', 'Amounts in cents', [
			codeNode(
				'Journeys',
				variantsCode([
					// Euros × 100, as a workflow maps them: 114.99999999999999 and 28.999999999999996.
					"variant('cents-ok', (j) => { j.incentives[0].amount = 1.15 * 100; j.passenger.payments = [{ index: 0, siret: '11000101300017', type: 'titre-mobilite', amount: 0.29 * 100 }]; })",
					"variant('cents-half', (j) => { j.incentives[0].amount = 114.5; })",
					"variant('cents-late', (j) => { j.operator_trip_id = 'trip-late'; j.start.datetime = new Date(Date.now() - 40 * hour).toISOString(); j.end.datetime = new Date(Date.now() - 39 * hour).toISOString(); })",
				]),
			),
			create(),
		]),
		workflow('covCentsUpdate', 'Update with euros × 100', [
			codeNode('Correction', variantsCode(["variant('cents-ok', (j) => { j.incentives[0].amount = 0.1 * 3 * 100; })"])),
			update(),
		]),
		workflow('covCancelCents', 'Cancel', [
			node('Covoiturage', TYPE, { resource: 'journey', operation: 'cancel', operatorJourneyId: 'cents-ok', cancelCode: 'DUPLICATE' }, { credentials: SANDBOX }),
		]),
		workflow('covUpdateCanceled', 'Update a canceled journey', [
			codeNode('Correction', variantsCode(["variant('cents-ok', (j) => { j.distance = 13000; })"])),
			update(),
		]),
		workflow('covUpdateCanceledAllowed', 'Update a canceled journey on purpose', [
			codeNode('Correction', variantsCode(["variant('cents-ok', (j) => { j.distance = 13000; })"])),
			update({ updateCanceled: true }),
		]),
		workflow('covUpdateLate', 'Update a journey sent too late', [
			codeNode(
				'Correction',
				variantsCode([
					"variant('cents-late', (j) => { j.operator_trip_id = 'trip-late'; j.distance = 14000; j.start.datetime = new Date(Date.now() - 40 * hour).toISOString(); j.end.datetime = new Date(Date.now() - 39 * hour).toISOString(); })",
				]),
			),
			update(),
		]),
		workflow('covResend', 'A canceled journey sent again under a new id', [
			codeNode('Journeys', variantsCode(["variant('cents-again', (j) => { j.operator_trip_id = 'trip-again'; j.incentives[0].amount = 115; })"])),
			create(),
		]),
		workflow('covUnsortedList', 'Get Many on a list without order', [
			node('Covoiturage', TYPE, { resource: 'journey', operation: 'getAll', status: 'pending', returnAll: true }, { credentials: UNSORTED }),
		]),
	]);
});

after(async () => {
	await Promise.all([sandbox?.close(), unsorted?.close()]);
	n8n?.dispose();
});

async function execute(id) {
	const result = await n8n.execute(id);
	assert.ok(result.run, `no run data for ${id}: ${result.stderr.slice(-2000)}`);
	assert.equal(result.code, 0, JSON.stringify(runError(result.run)));
	return nodeOutput(result.run, 'Covoiturage');
}

test('Create rounds euros × 100 to whole cents and refuses a real fraction before sending', async () => {
	const [rounded, half, late] = await execute('covCents');
	assert.equal(rounded.registered, true, JSON.stringify(rounded));
	const stored = sandbox.state.journeys.get('cents-ok').journey;
	assert.equal(stored.incentives[0].amount, 115);
	assert.equal(stored.passenger.payments[0].amount, 29);
	assert.equal(half.error, 'Journey not sent: incentives[0].amount must be a whole number from 0 to 100000 cents (got 114.5)');
	assert.equal(sandbox.state.journeys.has('cents-half'), false);
	// Sent 40 hours after its start: stored, flagged, and an Update will not help.
	assert.deepEqual(late.terms_violation_labels, ['expired']);
	assert.match(late.message, /An Update cannot correct expired/);
	assert.doesNotMatch(late.message, /correct it with Update/);

	// What the node spares the user: the registry's own answer to a fraction of a cent (nothing stored).
	const journey = { ...structuredClone(stored), operator_journey_id: 'cents-direct', incentives: [{ index: 0, siret: '11000101300017', amount: 1.15 * 100 }] };
	const response = await fetch(`${sandbox.url}/v3.3/journeys`, {
		method: 'POST',
		headers: { authorization: `Bearer ${covoiturageSandboxCredentials(sandbox.url)[0].data.applicationToken}`, 'content-type': 'application/json' },
		body: JSON.stringify(journey),
	});
	assert.equal(response.status, 500);
	assert.equal((await response.json()).error.message, 'invalid input syntax for type integer: "114.99999999999999"');
	assert.equal(sandbox.state.journeys.has('cents-direct'), false);
});

test('Update rounds euros × 100 the same way', async () => {
	const [item] = await execute('covCentsUpdate');
	assert.equal(item.updated, true, JSON.stringify(item));
	assert.equal(sandbox.state.journeys.get('cents-ok').journey.incentives[0].amount, 30);
});

test('Update refuses a canceled journey, which the registry would bring back, unless told to', async () => {
	await execute('covCancelCents');
	assert.equal(sandbox.state.journeys.get('cents-ok').acquisition, 'canceled');

	const [refused] = await execute('covUpdateCanceled');
	assert.equal(refused.error, 'Update not sent: the registry has this journey as canceled, and an Update would bring it back');
	const record = sandbox.state.journeys.get('cents-ok');
	assert.equal(record.acquisition, 'canceled');
	assert.equal(record.journey.distance, 12000);

	const [allowed] = await execute('covUpdateCanceledAllowed');
	assert.deepEqual([allowed.updated, allowed.previous_status, allowed.status], [true, 'canceled', 'pending']);
	assert.match(allowed.message, /the update brought it back/);
	assert.deepEqual([record.acquisition, record.journey.distance], ['updated', 13000]);
});

test('Update of a journey sent too late says the label stays: the registry does not check the terms again', async () => {
	const [item] = await execute('covUpdateLate');
	assert.deepEqual([item.updated, item.previous_status, item.terms_violation_labels], [true, 'terms_violation_error', ['expired']]);
	assert.match(item.message, /keeps its labels \(expired\).*An Update cannot correct expired/);
	const record = sandbox.state.journeys.get('cents-late');
	assert.deepEqual([record.acquisition, record.termsViolations], ['updated', ['expired']]);
});

test('A journey canceled and sent again under a new id meets its canceled copy: too_close_trips', async () => {
	// cents-ok was canceled then brought back; cancel it again, then send the same trip under a new id.
	await execute('covCancelCents');
	const [item] = await execute('covResend');
	assert.deepEqual(item.terms_violation_labels, ['too_close_trips'], JSON.stringify(item));
	assert.match(item.message, /canceled ones included/);
});

test('Get Many gives each pending journey once from a list whose order changes while journeys leave it', async () => {
	const today = registryToday();
	for (let i = 0; i < 250; i++) unsorted.seed(storedJourney(`pending-${i}`, today - 30 * 3600e3 + i * 300e3));
	const items = await execute('covUnsortedList');
	const ids = items.map((item) => item.operator_journey_id);
	assert.equal(new Set(ids).size, ids.length, 'no journey twice');
	const stillPending = [...unsorted.state.journeys.entries()].filter(([, record]) => record.acquisition === 'received').map(([id]) => id);
	assert.ok(stillPending.length > 0);
	for (const id of stillPending) assert.ok(ids.includes(id), `${id} is still pending and was not listed`);
	const requests = unsorted.state.requests.filter((request) => request.method === 'GET' && request.path === '/v3.3/journeys');
	console.log(`# figures: ${ids.length} ids listed (${stillPending.length} still pending at the end) in ${requests.length} list requests`);
});
