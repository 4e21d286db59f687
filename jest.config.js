/** Routing tests: the nodes run through n8n-core's real routing engine, HTTP is answered by nock. */
module.exports = {
	testEnvironment: 'node',
	// Jest 30 soft-deletes the globals a test file set, and warns when nock's patched http objects use them later.
	testEnvironmentOptions: { globalsCleanup: 'off' },
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
	testTimeout: 30000,
	// n8n-core logs every node error it handles; the tests assert on them instead.
	silent: true,
};
