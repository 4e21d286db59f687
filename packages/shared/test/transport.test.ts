import { networkErrorCode } from '../nodes/transport';

/** n8n raises an HTTP failure and a failure of its own in the same way; only the first blames the server. */
describe('networkErrorCode', () => {
	it('finds the code of a request that got no answer, under n8n’s wrapping', () => {
		const axiosError = { isAxiosError: true, code: 'ECONNRESET', message: 'socket hang up' };
		expect(networkErrorCode({ message: 'The connection was aborted', cause: axiosError })).toBe('ECONNRESET');
	});

	it('finds it on n8n 1.x, whose NodeApiError carries it as its httpCode, with no axios error under it', () => {
		expect(networkErrorCode({ name: 'NodeApiError', httpCode: 'ECONNRESET', cause: undefined })).toBe('ECONNRESET');
		expect(networkErrorCode({ name: 'NodeApiError', httpCode: '504' })).toBeUndefined();
	});

	it('is undefined for an HTTP answer, even a failed one', () => {
		const axiosError = { isAxiosError: true, code: 'ERR_BAD_RESPONSE', response: { status: 502 } };
		expect(networkErrorCode({ cause: axiosError })).toBeUndefined();
	});

	it('is undefined for an error of n8n itself, such as its database closing a connection', () => {
		const databaseError = Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
		expect(networkErrorCode({ message: 'Connection terminated unexpectedly', cause: databaseError })).toBeUndefined();
	});
});
