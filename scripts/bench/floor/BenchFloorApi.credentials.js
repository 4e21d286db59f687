// The floor node's credential: a base URL and a bearer token, set on each request in code (see BenchFloor.node.js).
class BenchFloorApi {
	constructor() {
		this.name = 'benchFloorApi';
		this.displayName = 'Bench Floor API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		];
	}

	async authenticate(credentials, requestOptions) {
		requestOptions.baseURL = credentials.baseUrl;
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${credentials.token}` };
		return requestOptions;
	}
}
module.exports = { BenchFloorApi };
