// Routing tests of @n8n-nodes-coopcycle-covoiturage/shared (settings shared by every package: ../shared/test/jest.preset.js).
module.exports = require('./test/jest.preset')(__dirname, '@n8n-nodes-coopcycle-covoiturage/shared');
