// Builds n8n workflows for the end-to-end tests: a manual trigger, then nodes in a chain.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { packageOf } from './packages.mjs';

let position = 0;

/** A node of the chain. `type` is n8n's node type (ours: `nodeType('coopcycle', 'coopCycle')`, packages.mjs). */
export function node(name, type, parameters, extra = {}) {
	position += 220;
	return { id: `${name}-${position}`.replace(/\W/g, '-'), name, type, typeVersion: 1, position: [position, 0], parameters, ...extra };
}

/** A Code node that outputs the given JavaScript's items (the code runs in n8n's task runner). */
export function codeNode(name, jsCode) {
	return node(name, 'n8n-nodes-base.code', { jsCode }, { typeVersion: 2 });
}

export function workflow(id, name, nodes) {
	const trigger = { id: 'trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const chain = [trigger, ...nodes];
	const connections = {};
	for (let i = 0; i < chain.length - 1; i++) {
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes: chain, connections, settings: { executionOrder: 'v1' } };
}

/** The folder of a package's example workflows. */
export const examplesDir = (folderOrName) => join(packageOf(folderOrName).dir, 'examples');

/** The example workflow files of a package. */
export const exampleFiles = (folderOrName) =>
	readdirSync(examplesDir(folderOrName)).filter((file) => file.endsWith('.json')).sort();

/** An example workflow of a package's examples/, as a user imports it, with an id of the test's choosing. */
export function loadExample(folderOrName, file, id) {
	const example = JSON.parse(readFileSync(join(examplesDir(folderOrName), file), 'utf8'));
	return { ...example, id, active: false };
}
