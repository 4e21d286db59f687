import nock from 'nock';

// Each test file loads its own copy of nock, but they all patch the one `http` module of the worker: the copy
// of a finished file must let go, or it answers the next file's requests ("Disallowed net connect").
beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
});

afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
