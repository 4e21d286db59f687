// `npm start`: everything needed to try both packages without any account. Installs and builds what is missing,
// starts the two sandbox servers (the carpooling registry and a CoopCycle instance), installs both packages into
// a real n8n as its Community Nodes installer does, imports a credential for each sandbox and the example
// workflows of both packages, and starts n8n's editor.
// `npm start -- --n8n 1` starts n8n 1.x instead of 2.x.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import {
	coopCycleRestaurantCredential,
	coopCycleSandboxCredential,
	startCoopCycleSandbox,
} from '../packages/coopcycle/test/sandbox/index.mjs';
import { covoiturageSandboxCredentials, startCovoiturageSandbox } from '../packages/covoiturage/test/sandbox/index.mjs';
import { N8nInstance } from '../packages/shared/test/e2e/n8n.mjs';
import { ensureRuntime, lineOf } from './lib/runtime.mjs';
import { exampleFiles, loadExample } from '../packages/shared/test/e2e/workflows.mjs';
import { PROJECT_DIR, ensureDependencies, runOrExit } from './dependencies.mjs';

const EDITOR_PORT = Number(process.env.N8N_PORT ?? 5678);
const COVOITURAGE_PORT = Number(process.env.COVOITURAGE_SANDBOX_PORT ?? 4010);
const COOPCYCLE_PORT = Number(process.env.COOPCYCLE_SANDBOX_PORT ?? 4020);

const lineArgument = process.argv.indexOf('--n8n');
const line = lineOf(lineArgument > 0 ? process.argv[lineArgument + 1] : undefined).line;

ensureDependencies();
runOrExit('npm', ['run', 'build']);
const runtime = ensureRuntime(line);

// The CEE programme's dates as a server would have them today (the registry's code defaults end on 2025-01-01),
// and the journey the CEE example workflow applies for.
const covoiturage = await startCovoiturageSandbox({
	port: COVOITURAGE_PORT,
	ceeEndDate: new Date(Date.now() + 365 * 24 * 3600e3).toISOString(),
});
covoiturage.seedCeeExample();
const coopcycle = await startCoopCycleSandbox({ port: COOPCYCLE_PORT, seedDeliveries: 12, seedOrders: 2 });

// A user folder kept between starts (git-ignored): the owner account created in the editor stays.
// One per n8n line: their databases differ.
const userFolder = join(PROJECT_DIR, '.n8n-runtime', `user-n8n-${line}`);
const firstStart = !existsSync(userFolder);
mkdirSync(userFolder, { recursive: true });
const n8n = new N8nInstance({ packages: ['coopcycle', 'covoiturage'], userFolder, line });
await n8n.importCredentials([
	...covoiturageSandboxCredentials(covoiturage.url),
	coopCycleSandboxCredential(coopcycle.url),
	coopCycleRestaurantCredential(coopcycle.url),
]);
const examples = ['coopcycle', 'covoiturage']
	.flatMap((folder) => exampleFiles(folder).map((file) => [folder, file]))
	.map(([folder, file], index) => loadExample(folder, file, `example${String(index + 1).padStart(3, '0')}`));
await n8n.importWorkflows(examples);

const child = await n8n.start(EDITOR_PORT);
const stop = async () => {
	child.kill();
	await Promise.all([covoiturage.close(), coopcycle.close()]);
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(`
────────────────────────────────────────────────────────────────────────
  ${runtime.label} is ready: http://localhost:${EDITOR_PORT}
${firstStart ? '  (first start: n8n asks you to create an owner account, any e-mail will do)\n' : ''}
  Sandboxes (no account needed):
    Carpooling registry  ${covoiturage.url}   credentials "Covoiturage sandbox (…)"
    CoopCycle instance   ${coopcycle.url}   credentials "CoopCycle sandbox" (a shop) and "CoopCycle sandbox (restaurant)"
  Example workflows: ${examples.map((example) => `"${example.name}"`).join(', ')}
  Stop with Ctrl+C.
────────────────────────────────────────────────────────────────────────
`);
