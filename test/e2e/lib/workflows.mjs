// Builds n8n workflows for the end-to-end tests: a manual trigger, then nodes in a chain.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

let position = 0;

/** A node of the chain. `type` is n8n's node type (our nodes load as CUSTOM.<name> from the custom folder). */
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

/**
 * An example workflow of examples/, as a user would import it, made runnable here: our nodes are loaded from
 * the custom extensions folder, so their type is CUSTOM.<name> instead of <package>.<name>.
 */
export function loadExample(file, id) {
	const example = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
	for (const exampleNode of example.nodes) {
		exampleNode.type = exampleNode.type.replace(/^n8n-nodes-coopcycle-covoiturage\./, 'CUSTOM.');
	}
	return { ...example, id, active: false };
}

export const EXAMPLES_DIR = resolve(import.meta.dirname, '../../../examples');
