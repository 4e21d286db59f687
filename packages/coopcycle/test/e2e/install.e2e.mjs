// n8n-nodes-coopcycle as a user installs it: through Settings → Community Nodes, in an n8n with nothing else of
// ours; its examples import there; "order to delivery" runs against the sandbox (see communityInstall.mjs).
import assert from 'node:assert/strict';

import { coopCycleSandboxCredential, startCoopCycleSandbox } from '../sandbox/index.mjs';
import { communityInstallTests } from '../../../shared/test/e2e/communityInstall.mjs';

communityInstallTests('coopcycle', {
	expectedNodes: ['coopCycle', 'coopCycleTrigger'],
	async runExample({ n8n, loadExample, nodeOutput, runError }) {
		const sandbox = await startCoopCycleSandbox();
		try {
			await n8n.importCredentials([coopCycleSandboxCredential(sandbox.url)]);
			await n8n.importWorkflows(loadExample('coopcycle-order-to-delivery.json', 'installedOrder'));
			const { run, stderr } = await n8n.execute('installedOrder');
			assert.ok(run, stderr.slice(-2000));
			assert.equal(runError(run), undefined);
			const [delivery] = nodeOutput(run, 'Delivery and tracking link');
			assert.match(delivery.trackingUrl, /\/d\/sandbox\d+$/);
			assert.equal(sandbox.deliveries().length, 1);
		} finally {
			await sandbox.close();
		}
	},
});
