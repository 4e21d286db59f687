// `npm start`: everything needed to try both packages without any account. Installs and builds what is missing,
// starts the two sandbox servers (the carpooling registry and a CoopCycle instance), installs both packages into
// a real n8n as its Community Nodes installer does, imports a credential for each sandbox and the example
// workflows of both packages that are not there yet, and starts n8n's editor.
// `npm start -- --n8n 1` starts n8n 1.x instead of 2.x; `npm start -- --reset-examples` (or `npm run start:reset`)
// imports every example again over the copies in the editor.
import { createHash } from 'node:crypto';
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
const resetExamples = process.argv.includes('--reset-examples');
// Both services are French: n8n's default time zone (of the schedules, the trigger's Poll Times and the dates a
// workflow shows) is Paris, unless GENERIC_TIMEZONE says otherwise. Each workflow can set its own in its settings.
const TIME_ZONE = process.env.GENERIC_TIMEZONE || 'Europe/Paris';

/**
 * What n8n lets a local demo turn off: telemetry, version checks, templates, banners and the list of verified
 * community packages (all of which call n8n's servers, and print stack traces when offline), the personalization
 * survey. The deprecation notices n8n prints for settings left at their default are silenced by setting them
 * explicitly: community packages stay installable, task timeout and decompression limits as n8n will have them.
 */
const DEMO_ENV = {
	GENERIC_TIMEZONE: TIME_ZONE,
	TZ: TIME_ZONE,
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_RUNNERS_TASK_TIMEOUT: '60',
	N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
	N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',
	// n8n 2.x refreshes a catalogue of MCP servers from its servers (stack traces when offline); n8n 1.x has no such
	// module and refuses a module name it does not know.
	...(line === '2' ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
};

/** A time zone's UTC offset now, as '+01:00'. */
function utcOffsetOf(timeZone) {
	const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
		.formatToParts(new Date())
		.find((part) => part.type === 'timeZoneName').value;
	return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

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
covoiturage.seedFlaggedExamples();
// The sandbox's courier moves one delivery one step every 20 s (assigned, picked up, dropped off), so that the
// CoopCycle Trigger example receives events; its page, /sandbox, moves one by hand. The instance answers in the
// time zone's current offset, as a French cooperative's server does (CoopCycle's times carry the server's offset).
const coopcycle = await startCoopCycleSandbox({
	port: COOPCYCLE_PORT,
	seedDeliveries: 12,
	seedOrders: 2,
	courier: { everySeconds: 20 },
	timeZoneOffset: utcOffsetOf(TIME_ZONE),
});

// A user folder kept between starts (git-ignored): the owner account created in the editor stays.
// One per n8n line: their databases differ.
const userFolder = join(PROJECT_DIR, '.n8n-runtime', `user-n8n-${line}`);
const firstStart = !existsSync(userFolder);
mkdirSync(userFolder, { recursive: true });
const n8n = new N8nInstance({ packages: ['coopcycle', 'covoiturage'], userFolder, line, extraEnv: DEMO_ENV });
await n8n.importCredentials([
	...covoiturageSandboxCredentials(covoiturage.url),
	coopCycleSandboxCredential(coopcycle.url),
	coopCycleRestaurantCredential(coopcycle.url),
]);
// Each example has an id of its own, from its file: one already in the editor is left as the user edited it.
const exampleId = (folder, file) => `ex${createHash('sha256').update(`${folder}/${file}`).digest('hex').slice(0, 14)}`;
const examples = ['coopcycle', 'covoiturage']
	.flatMap((folder) => exampleFiles(folder).map((file) => [folder, file]))
	.map(([folder, file]) => loadExample(folder, file, exampleId(folder, file)));
const { stdout } = await n8n.cli(['list:workflow']);
const present = new Set(stdout.split('\n').map((row) => row.split('|')[0].trim()));
const toImport = resetExamples ? examples : examples.filter((example) => !present.has(example.id));
if (toImport.length) await n8n.importWorkflows(toImport);
const kept = examples.length - toImport.length;

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
                         its courier moves a delivery every 20 s; move one by hand at ${coopcycle.url}/sandbox
  Example workflows (Overview in the editor): ${examples.length}, ${
		kept
			? `${toImport.length} imported now, ${kept} kept as you left them (npm run start:reset to import them again)`
			: 'all imported now'
	}
  Time zone: ${TIME_ZONE} (GENERIC_TIMEZONE=… npm start for another; each workflow's own in its Settings)
  The messages above (Python task runner, internal task runner mode, license) are n8n's and harmless here.
  Stop with Ctrl+C.
────────────────────────────────────────────────────────────────────────
`);
