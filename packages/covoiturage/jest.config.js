// Routing tests of n8n-nodes-covoiturage (settings shared by every package: ../shared/test/jest.preset.js).
module.exports = require('../shared/test/jest.preset')(__dirname, 'n8n-nodes-covoiturage');
