// The items the measuring scripts (npm run bench, npm run load-test) send, as the jsCode of a Code node that reads
// `run` (a name no other run has, "r<number>") and `count` from the body of the workflow's webhook.

// Journeys already in the registry's format (identity keys computed), each with people of its own, so that no
// terms-of-use check links two of them: the same input for every contender.
export const journeysCode = `const { run, count } = $('Webhook').first().json.body;
const iso = (ms) => new Date(ms).toISOString().replace(/\\.\\d{3}Z$/, 'Z');
// run is "r<number>": its number and the journey's, in hexadecimal, make identity keys no other run has.
const key = (who, i) => (who + Number(run.slice(1)).toString(16).padStart(4, '0') + i.toString(16).padStart(6, '0')).padStart(64, '0');
const start = Date.now() - 2 * 3600e3;
return Array.from({ length: count }, (_, i) => ({ json: {
  operator_journey_id: run + '-' + i, operator_trip_id: run + '-trip-' + i, operator_class: 'C',
  start: { datetime: iso(start), lat: 48.8566, lon: 2.3522 }, end: { datetime: iso(start + 1800e3), lat: 48.8049, lon: 2.1204 },
  distance: 12000, incentives: [{ index: 0, siret: '11000101300017', amount: 150 }],
  driver: { identity: { identity_key: key('d', i), operator_user_id: 'drv-' + i, phone_trunc: '+336010203', over_18: true }, revenue: 320 },
  passenger: { identity: { identity_key: key('e', i), operator_user_id: 'pax-' + i, phone_trunc: '+337111213', over_18: true }, contribution: 170, seats: 1, payments: [] },
} }));`;
export const ordersCode = `const { count } = $('Webhook').first().json.body;
const day = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
return Array.from({ length: count }, (_, i) => ({ json: { address: (i + 1) + ' Rue du Banc, 75010 Paris', after: day + 'T14:00:00', before: day + 'T16:00:00' } }));`;
/** CoopCycle → Delivery → Create mapping the fields of `ordersCode`'s items (the bench and the load test send it). */
export const createFromOrder = {
	resource: 'delivery',
	operation: 'create',
	dropoffAddress: '={{ $json.address }}',
	dropoffTimeMode: 'window',
	dropoffAfter: '={{ $json.after }}',
	dropoffBefore: '={{ $json.before }}',
};
// The same orders, already in CoopCycle's shape (for Tasks "From the Input Item").
export const deliveriesCode = `${ordersCode.replace(/return Array\.from[\s\S]*$/, '')}return Array.from({ length: count }, (_, i) => ({ json: { dropoff: { address: (i + 1) + ' Rue du Banc, 75010 Paris', after: day + 'T14:00:00', before: day + 'T16:00:00' } } }));`;
