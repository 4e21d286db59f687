// n8n-nodes-covoiturage as a user installs it: through Settings → Community Nodes, in an n8n with nothing else of
// ours; its examples import there; "send journeys" runs against the sandbox (see communityInstall.mjs).
import assert from 'node:assert/strict';

import { covoiturageSandboxCredentials, startCovoiturageSandbox } from '../sandbox/index.mjs';
import { communityInstallTests } from '../../../shared/test/e2e/communityInstall.mjs';

communityInstallTests('covoiturage', {
	expectedNodes: ['covoiturage', 'covoiturageTrigger'],
	async runExample({ n8n, loadExample, nodeOutput, runError }) {
		const sandbox = await startCovoiturageSandbox();
		try {
			await n8n.importCredentials(covoiturageSandboxCredentials(sandbox.url));
			await n8n.importWorkflows(loadExample('covoiturage-send-journeys.json', 'installedSend'));
			const { run, stderr } = await n8n.execute('installedSend');
			assert.ok(run, stderr.slice(-2000));
			assert.equal(runError(run), undefined);
			const [sent] = nodeOutput(run, 'Send to the registry');
			assert.equal(sent.registered, true);
			assert.equal(sandbox.state.journeys.size, 1);
		} finally {
			await sandbox.close();
		}
	},
});
