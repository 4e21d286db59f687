// Package entry point, copied into dist/ by the build. n8n does not need it: it loads the nodes and credentials
// listed in package.json's "n8n" block. It lets other code (and our own checks) require the package and find
// what it provides.
module.exports = {
	nodes: ['nodes/Covoiturage/Covoiturage.node.js', 'nodes/Covoiturage/CovoiturageTrigger.node.js'],
	credentials: ['credentials/CovoiturageApi.credentials.js'],
};
