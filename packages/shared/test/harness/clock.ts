/**
 * Sets the clock for a test: jest fakes Date only, so that timers, nock and n8n's HTTP stack run as usual. Call
 * `jest.useRealTimers()` after the test.
 */
export function setClock(iso: string): void {
	jest.useFakeTimers({
		now: new Date(iso),
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}
