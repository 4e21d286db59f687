// The floor of the benchmark: the least a declarative n8n node can do to send one journey per item (one POST with
// the item as its body, a bearer token, nothing checked, nothing reshaped), written the cheapest way n8n allows:
// no expression but the body's, the address and the token set by the credential in code. What it costs is what
// n8n's own declarative engine costs. Loaded by scripts/bench.mjs only, never shipped.
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
					options: [{ name: 'Send', value: 'send', routing: { request: { method: 'POST', url: '/journeys', body: '={{ $json }}' } } }],
					default: 'send',
				},
			],
		};
	}
}
module.exports = { BenchFloor };
