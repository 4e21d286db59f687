// The test each package runs on itself (install.e2e.mjs): the package, packed as npm would publish it, installs
// through Settings → Community Nodes in a real n8n that has nothing else of ours, and every node of it loads; each
// of its example workflows then imports into that n8n without naming a node it does not know (the other package's
// nodes included), and one example runs against the package's sandbox.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startEditor } from './editor.mjs';
import { N8N_LINE, N8nInstance, nodeOutput, runError } from './n8n.mjs';
import { PACKAGES, packageOf, packedTarball } from './packages.mjs';
import { startRegistry } from './registry.mjs';
import { exampleFiles, loadExample } from './workflows.mjs';

/**
 * `expectedNodes`: the package's node names (e.g. ['coopCycle', 'coopCycleTrigger']); `runExample`: how to run one
 * of its examples on an n8n user folder that has the package (start the sandbox, import its credentials, run,
 * check), given `{ n8n, loadExample }`.
 */
export function communityInstallTests(folder, { expectedNodes, runExample }) {
	const pkg = packageOf(folder);
	const others = Object.values(PACKAGES).filter((other) => other.name !== pkg.name);
	const ourTypes = expectedNodes.map((name) => `${pkg.name}.${name}`).sort();

	test(`${pkg.name}: installs through Settings → Community Nodes from its npm tarball, every node loaded; its examples name no unknown node; one runs`, async () => {
		const tarball = packedTarball(folder);
		const registry = await startRegistry([tarball]);
		const editor = await startEditor({ packages: [], pathDirs: [registry.npmDir] });
		let userFolder;
		try {
			// What the editor sends when the user types the package's name and clicks Install. n8n 1.x first asks the
			// public registry for <name>/<version>, and for a version it does not find there checks the answer of
			// `npm view <name>@latest` against the word "latest": a published package passes the first check, here
			// the user's form "n8n-nodes-…@0.1.0" is needed (community-packages/npm-utils.js).
			const version = N8N_LINE === '1' ? { version: tarball.version } : {};
			const installed = await editor.rest('POST', '/rest/community-packages', { name: pkg.name, ...version });
			assert.equal(installed.packageName, pkg.name);
			assert.deepEqual(installed.installedNodes.map((node) => node.type).sort(), ourTypes);
			assert.ok(registry.requests.some((request) => request.endsWith('.tgz')), 'npm downloaded the tarball from the stand-in');

			const [listed, ...more] = await editor.rest('GET', '/rest/community-packages');
			assert.equal(more.length, 0, 'only this package is installed');
			assert.equal(listed.packageName, pkg.name);
			// n8n 2.x says failedLoading: false; 1.x sets the field only on a package that failed to load.
			assert.equal(listed.failedLoading ?? false, false);
			assert.equal(listed.installedNodes.length, expectedNodes.length);

			const known = new Set((await editor.document('/types/nodes.json')).map((type) => type.name));
			for (const type of ourTypes) assert.ok(known.has(type), `${type} is loaded`);
			for (const other of others) {
				assert.deepEqual([...known].filter((type) => type.startsWith(`${other.name}.`)), [], `nothing of ${other.name}`);
			}
			for (const file of exampleFiles(folder)) {
				const unknown = loadExample(folder, file, 'x').nodes.filter((node) => !known.has(node.type));
				assert.deepEqual(unknown.map((node) => `${node.name}: ${node.type}`), [], `${file} names no unknown node`);
			}
			userFolder = editor.userFolder;
		} finally {
			await editor.stop({ keepUserFolder: true });
			await registry.close();
		}

		// The same n8n, stopped, runs an example with the package it installed (n8n's CLI on its user folder).
		const n8n = new N8nInstance({ packages: [], userFolder });
		try {
			await runExample({ n8n, loadExample: (file, id) => loadExample(folder, file, id), nodeOutput, runError });
		} finally {
			n8n.dispose();
		}
	});
}
