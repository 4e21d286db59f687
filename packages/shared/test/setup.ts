import nock from 'nock';

/**
 * The one nock lifecycle of every routing test file (jest's setupFilesAfterEnv). No request leaves the machine; a
 * mock a test registered but its run did not use fails that test (mocks a test may or may not need are marked
 * `.optionally()`); mocks never outlive their test.
 *
 * Each test file loads its own copy of nock, but they all patch the one `http` module of the worker: the copy
 * of a finished file must let go, or it answers the next file's requests ("Disallowed net connect").
 */
beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
});

afterEach(() => {
	const unused = nock.pendingMocks();
	nock.cleanAll();
	if (unused.length) throw new Error(`The test left mocks unused: ${unused.join(', ')}`);
});

afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
