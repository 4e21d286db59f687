// Package entry point, copied into dist/ by the build. n8n does not need it: it loads the nodes and credentials
// listed in package.json's "n8n" block. It lets other code (and our own checks) require the package and find
// what it provides.
module.exports = {
	nodes: ['nodes/CoopCycle/CoopCycle.node.js', 'nodes/CoopCycle/CoopCycleTrigger.node.js'],
	credentials: ['credentials/CoopCycleOAuth2Api.credentials.js'],
};
