// The routing tests' jest settings, the same for every package (each package's jest.config.js names itself).
// The nodes run through n8n-core's real routing engine; HTTP is answered by nock (setup.ts: no request leaves the
// machine, a mock a test did not use fails it).
const { join } = require('path');

module.exports = (packageDir, displayName) => ({
	displayName,
	rootDir: packageDir,
	testEnvironment: 'node',
	// Jest 30 soft-deletes the globals a test file set, and warns when nock's patched http objects use them later.
	testEnvironmentOptions: { globalsCleanup: 'off' },
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: join(__dirname, '..', '..', '..', 'tsconfig.test.json') }] },
	setupFilesAfterEnv: [join(__dirname, 'setup.ts')],
	testTimeout: 30000,
	// n8n-core logs every node error it handles; the tests assert on them instead.
	silent: true,
});
