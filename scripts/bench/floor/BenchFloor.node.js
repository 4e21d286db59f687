// The floor of the benchmark: the least a declarative n8n node can do to send one journey per item (one POST with
// the item as its body, a bearer token, nothing checked, nothing reshaped). What it costs is what n8n's own
// declarative engine costs; our nodes cannot be faster than this. Loaded by scripts/bench.mjs only, never shipped.
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
			requestDefaults: { baseURL: '={{ $credentials.baseUrl }}', headers: { 'Content-Type': 'application/json' } },
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
