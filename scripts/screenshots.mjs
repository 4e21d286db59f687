// `node scripts/screenshots.mjs`: what a new user sees in the editor, as PNG files, for a person to look at. Run by
// hand against a running `npm start` (not part of npm test). A headless Chromium signs in, opens each example
// workflow, runs it and opens the panel of each of our nodes, opens the trigger's Fetch Test Event, the sandbox
// credentials, and the node picker searching "CoopCycle" and "Covoiturage" (for the registry: a trigger that finds
// nothing, then Journey → Create's fields); the pictures go to .out/screenshots/.
//
// Options: --url (default http://localhost:$N8N_PORT, 5678), --email and --password of the editor's owner (default:
// a screenshot account, created when the editor has no owner yet), --only <text> (the examples whose name contains
// it, or "picker", or "credentials").
// Chromium: CHROMIUM_PATH, default /usr/bin/chromium. Driven with playwright-core, which is not a dependency of the
// repository (npm test never needs it): it is installed on first use into a cache folder outside the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { PROJECT_DIR } from './dependencies.mjs';

const PLAYWRIGHT_VERSION = '1.65.1';
const TOOLS_DIR = join(
	process.env.N8N_RUNTIMES_DIR
		? join(process.env.N8N_RUNTIMES_DIR, '..')
		: join(homedir(), '.cache', 'n8n-nodes-coopcycle-covoiturage'),
	'tools',
	`playwright-core-${PLAYWRIGHT_VERSION}`,
);
const OUT_DIR = join(PROJECT_DIR, '.out', 'screenshots');

const option = (name, fallback) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
};
const base = option('url', `http://localhost:${process.env.N8N_PORT ?? 5678}`).replace(/\/$/, '');
const owner = {
	email: option('email', 'screenshots@example.com'),
	password: option('password', 'Screenshots-password-1'),
};
const only = option('only');

/** playwright-core from the cache folder, installed there the first time (a minute, ~10 MB, no browser download). */
function playwright() {
	if (!existsSync(join(TOOLS_DIR, 'node_modules', 'playwright-core', 'package.json'))) {
		mkdirSync(TOOLS_DIR, { recursive: true });
		writeFileSync(join(TOOLS_DIR, 'package.json'), '{ "private": true }\n');
		console.log(`Installing playwright-core ${PLAYWRIGHT_VERSION} into ${TOOLS_DIR}`);
		const result = spawnSync(
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', `playwright-core@${PLAYWRIGHT_VERSION}`],
			{ cwd: TOOLS_DIR, stdio: 'inherit' },
		);
		if (result.status !== 0) throw new Error('Could not install playwright-core');
	}
	return createRequire(join(TOOLS_DIR, 'package.json'))('playwright-core');
}

/** Signs in as the owner (creating it on an editor that has none yet): the session cookie. */
async function signIn() {
	const settings = await (await fetch(`${base}/rest/settings`)).json().catch(() => undefined);
	if (!settings) throw new Error(`No n8n editor answers at ${base}: start it with npm start (or give --url)`);
	const json = { 'content-type': 'application/json' };
	let response;
	if (settings.data?.userManagement?.showSetupOnFirstLoad) {
		response = await fetch(`${base}/rest/owner/setup`, {
			method: 'POST',
			headers: json,
			body: JSON.stringify({ ...owner, firstName: 'Screen', lastName: 'Shots' }),
		});
		console.log(`Created the editor's owner account ${owner.email} / ${owner.password}`);
	} else {
		response = await fetch(`${base}/rest/login`, {
			method: 'POST',
			headers: json,
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
		});
	}
	if (!response.ok) {
		throw new Error(
			`Could not sign in as ${owner.email} (${response.status}): give the owner's --email and --password`,
		);
	}
	const cookie = response.headers.get('set-cookie').split(';')[0];
	const [name, value] = cookie.split('=');
	const rest = async (path, method = 'GET') =>
		(
			await (
				await fetch(`${base}${path}`, {
					method,
					headers: { cookie, 'content-type': 'application/json' },
					body: method === 'POST' ? '{}' : undefined,
				})
			).json()
		).data;
	return { cookie: { name, value, url: base }, rest };
}

const slug = (text) =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);

let count = 0;
async function shot(page, name) {
	count++;
	const file = join(OUT_DIR, `${String(count).padStart(2, '0')}-${slug(name)}.png`);
	await page.waitForTimeout(600);
	await page.screenshot({ path: file });
	console.log(`  ${file.slice(PROJECT_DIR.length + 1)}`);
}

const OUR_TYPES = /^n8n-nodes-(coopcycle|covoiturage)\./;

/** Opens a node's panel by double-clicking it on the canvas, takes a picture, closes the panel. */
async function nodePanel(page, workflowName, node) {
	const onCanvas = page.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"]`).first();
	if (!(await onCanvas.count())) return;
	await onCanvas.dblclick();
	await page
		.locator('[data-test-id="ndv"]')
		.first()
		.waitFor({ timeout: 10_000 })
		.catch(() => {});
	await shot(page, `${workflowName} panel ${node.name}`);
	if (node.type.endsWith('Trigger') && node.type.startsWith('n8n-nodes-covoiturage')) {
		// The polling trigger's manual test (Fetch Test Event).
		const test = page.locator('[data-test-id="node-execute-button"]').first();
		if (await test.count()) {
			await test.click();
			await page.waitForTimeout(4000);
			await shot(page, `${workflowName} panel ${node.name} fetch test event`);
		}
	}
	await page.keyboard.press('Escape');
	await page.waitForTimeout(300);
}

async function example(page, rest, { id }) {
	const workflow = await rest(`/rest/workflows/${id}`);
	console.log(`${workflow.name}`);
	await page.goto(`${base}/workflow/${workflow.id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30_000 });
	await shot(page, `${workflow.name} canvas`);
	const run = page.locator('[data-test-id="execute-workflow-button"]').first();
	if (await run.count()) {
		await run.click();
		// Runs end in seconds against the sandboxes; a workflow waiting for an event is stopped by the next page.
		await page.waitForTimeout(8000);
		await shot(page, `${workflow.name} after run`);
	}
	for (const node of workflow.nodes.filter((candidate) => OUR_TYPES.test(candidate.type))) {
		await nodePanel(page, slug(workflow.name).slice(0, 30), node);
	}
}

/** Opens the node picker (the canvas's "+" or the first step's) and searches `text`. */
async function openPicker(page, text) {
	await page
		.locator(
			'[data-test-id="node-creator-plus-button"], [data-test-id="canvas-plus-button"], [data-test-id="canvas-add-button"]',
		)
		.first()
		.click();
	const search = page
		.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="node-creator-search-bar"]')
		.first();
	await search.fill(text);
	await page.waitForTimeout(500);
}

const pickerItems = (page) => page.locator('[data-test-id="item-iterator-item"]');

/**
 * The node picker of a new workflow searching `text`, then each app found (its actions and triggers). With
 * `trigger` and `action`: picks that trigger (its panel, its Fetch Test Event), then that action (its panel).
 */
async function nodePicker(page, text, { trigger, action } = {}) {
	console.log(`Node picker: ${text}`);
	await page.goto(`${base}/workflow/new`);
	await openPicker(page, text);
	await shot(page, `node picker ${text}`);
	const total = Math.min(await pickerItems(page).count(), 3);
	for (let index = 0; index < total; index++) {
		const item = pickerItems(page).nth(index);
		const label = (await item.innerText()).split('\n')[0];
		if (!new RegExp(text, 'i').test(label)) continue;
		await item.click();
		await shot(page, `node picker ${text} ${index + 1} ${label}`);
		await page.goto(`${base}/workflow/new`);
		await openPicker(page, text);
	}
	if (!trigger) return;
	await pickerItems(page).first().click();
	await page.getByText(trigger, { exact: true }).first().click();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ timeout: 10_000 });
	await shot(page, `node picker ${text} trigger ${trigger}`);
	await page.locator('[data-test-id="node-execute-button"]').first().click();
	await page.waitForTimeout(4000);
	await shot(page, `node picker ${text} trigger ${trigger} fetch test event`);
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);
	if (!action) return;
	await openPicker(page, text);
	await pickerItems(page).first().click();
	await shot(page, `node picker ${text} after a trigger`);
	await page.getByText(action, { exact: true }).first().click();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ timeout: 10_000 });
	await shot(page, `node picker ${text} action ${action}`);
	// Further down the same panel.
	await page.mouse.move(700, 500);
	await page.mouse.wheel(0, 600);
	await shot(page, `node picker ${text} action ${action} further down`);
	await page.mouse.wheel(0, 600);
	await shot(page, `node picker ${text} action ${action} further down 2`);
}

async function credentials(page, rest) {
	for (const credential of (await rest('/rest/credentials')) ?? []) {
		if (!/sandbox/i.test(credential.name)) continue;
		console.log(`Credential: ${credential.name}`);
		await page.goto(`${base}/home/credentials/${credential.id}`);
		await page
			.locator('[data-test-id="editCredential-modal"], .el-dialog')
			.first()
			.waitFor({ timeout: 15_000 })
			.catch(() => {});
		await shot(page, `credential ${credential.name}`);
	}
}

const { cookie, rest } = await signIn();
rmSync(OUT_DIR, { recursive: true, force: true });
mkdirSync(OUT_DIR, { recursive: true });
const browser = await playwright().chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox'],
});
try {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	await context.addCookies([cookie]);
	const page = await context.newPage();
	const workflows = ((await rest('/rest/workflows')) ?? [])
		.filter((workflow) => /^(CoopCycle|Covoiturage)/.test(workflow.name))
		.filter((workflow) => !only || workflow.name.toLowerCase().includes(only.toLowerCase()))
		.filter(() => only !== 'picker' && only !== 'credentials')
		.sort((a, b) => a.name.localeCompare(b.name));
	for (const workflow of workflows) {
		try {
			await example(page, rest, workflow);
		} catch (error) {
			console.log(`  could not go through "${workflow.name}": ${error.message.split('\n')[0]}`);
			await shot(page, `${workflow.name} error`);
		}
	}
	if (!only || only === 'picker') {
		const before = new Set(((await rest('/rest/workflows')) ?? []).map((workflow) => workflow.id));
		const picks = {
			CoopCycle: {},
			Covoiturage: { trigger: 'On journey canceled', action: 'Send a journey proof' },
		};
		for (const [text, pick] of Object.entries(picks)) {
			try {
				await nodePicker(page, text, pick);
			} catch (error) {
				console.log(`  node picker "${text}": ${error.message.split('\n')[0]}`);
				await shot(page, `node picker ${text} error`);
			}
		}
		// The editor saved the new workflows the node picker was opened in: they go, as a user would delete them.
		for (const { id } of ((await rest('/rest/workflows')) ?? []).filter((workflow) => !before.has(workflow.id))) {
			await rest(`/rest/workflows/${id}/archive`, 'POST');
			await rest(`/rest/workflows/${id}`, 'DELETE');
		}
	}
	if (!only || only === 'credentials') await credentials(page, rest);
} finally {
	await browser.close();
}
console.log(`${count} screenshots in ${OUT_DIR}`);
