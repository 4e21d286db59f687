// `npx jest` at the root runs the routing tests of every package (each has its own jest.config.js).
module.exports = {
	// n8n-core logs every node error it handles; the tests assert on them instead.
	silent: true,
	projects: ['<rootDir>/packages/shared', '<rootDir>/packages/coopcycle', '<rootDir>/packages/covoiturage'] };
