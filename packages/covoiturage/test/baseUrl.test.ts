import { registryBaseUrlOf } from '../nodes/Covoiturage/shared/baseUrl';

describe('registryBaseUrlOf', () => {
	it.each([
		[{ environment: 'production', apiVersion: 'v3.3' }, 'https://api.covoiturage.beta.gouv.fr/v3.3'],
		[{ environment: 'preproduction', apiVersion: 'v3.2' }, 'https://api.demo.covoiturage.beta.gouv.fr/v3.2'],
		[
			{ environment: 'custom', customUrl: ' http://127.0.0.1:4010// ', apiVersion: 'v3.3' },
			'http://127.0.0.1:4010/v3.3',
		],
		// The credential's defaults: production, v3.3.
		[{}, 'https://api.covoiturage.beta.gouv.fr/v3.3'],
	])('%j → %s', (credentials, url) => {
		expect(registryBaseUrlOf(credentials)).toBe(url);
	});
});
