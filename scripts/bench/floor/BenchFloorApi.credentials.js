// The floor node's credential: a base URL and a bearer token, sent as is (see BenchFloor.node.js).
class BenchFloorApi {
	constructor() {
		this.name = 'benchFloorApi';
		this.displayName = 'Bench Floor API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = { type: 'generic', properties: { headers: { Authorization: '={{ "Bearer " + $credentials.token }}' } } };
	}
}
module.exports = { BenchFloorApi };
