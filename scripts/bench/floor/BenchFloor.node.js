// The floor of the benchmark: the least a declarative n8n node can do to send one journey or one delivery per item
// (one POST with the item, or three mapped fields, as its body; a bearer token; nothing checked, nothing
// reshaped), written the cheapest way n8n allows: no expression but the body's or the mapped fields', the address
// and the token set by the credential in code. What it costs is what n8n's own declarative engine costs. Loaded
// by scripts/bench.mjs only, never shipped.
const LD_JSON = { 'Content-Type': 'application/ld+json', Accept: 'application/ld+json' };

class BenchFloor {
	constructor() {
		this.description = {
			displayName: 'Bench Floor',
			name: 'benchFloor',
			group: ['output'],
			version: 1,
			description: 'Benchmark floor: one POST per item',
			defaults: { name: 'Bench Floor' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'benchFloorApi', required: true }],
			// Replaced by the credential's authenticate; n8n only wants one here.
			requestDefaults: { baseURL: 'https://address-from-the-credential.invalid', headers: { 'Content-Type': 'application/json' } },
			properties: [
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					options: [
						// A journey: the item as the body.
						{ name: 'Send', value: 'send', routing: { request: { method: 'POST', url: '/journeys', body: '={{ $json }}' } } },
						// A CoopCycle delivery from three mapped fields (below), as a declarative node exposes them.
						{ name: 'Delivery', value: 'delivery', routing: { request: { method: 'POST', url: '/api/deliveries', headers: LD_JSON } } },
						// A CoopCycle delivery that the item already is.
						{ name: 'Delivery Item', value: 'deliveryItem', routing: { request: { method: 'POST', url: '/api/deliveries', headers: LD_JSON, body: '={{ $json }}' } } },
					],
					default: 'send',
				},
				...['address', 'after', 'before'].map((name) => ({
					displayName: name,
					name,
					type: 'string',
					default: '',
					displayOptions: { show: { operation: ['delivery'] } },
					routing: { send: { type: 'body', property: `dropoff.${name}` } },
				})),
			],
		};
	}
}
module.exports = { BenchFloor };
