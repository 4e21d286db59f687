import { Covoiturage } from '../nodes/Covoiturage/Covoiturage.node';
import codex from '../nodes/Covoiturage/Covoiturage.node.json';
import triggerCodex from '../nodes/Covoiturage/CovoiturageTrigger.node.json';
import { unexplainedFields } from '../../shared/test/harness/descriptions';

const description = new Covoiturage().description;

describe('Covoiturage node description', () => {
	it('is a declarative node usable as a tool, with icons, subtitle and JSON requests', () => {
		expect(description.name).toBe('covoiturage');
		expect(description.displayName).toBe('Covoiturage');
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toContain('$parameter["operation"]');
		expect(description.icon).toEqual({
			light: 'file:../../icons/covoiturage.svg',
			dark: 'file:../../icons/covoiturage.dark.svg',
		});
		expect(description.requestDefaults?.headers).toEqual({
			Accept: 'application/json',
			'Content-Type': 'application/json',
		});
		// Only the placeholder n8n requires: the credential's authenticate sets the address (tested with the credential).
		expect(description.requestDefaults?.baseURL).toBe('https://address-from-the-credential.invalid');
		expect(description.credentials).toEqual([{ name: 'covoiturageApi', required: true }]);
		expect(codex.node).toBe('n8n-nodes-covoiturage.covoiturage');
	});

	it('appears in the node picker as one app with the trigger: codex files alike, no AI subcategory of its own', () => {
		// n8n's node picker merges a node and its trigger (same name + "Trigger") into one app with Actions and
		// Triggers, but gives no actions to a node whose codex has the AI subcategory "Tools" (it takes it for the
		// tool variant n8n generates from usableAsTool, whose codex n8n sets itself): the node would show apart.
		expect(triggerCodex.node).toBe(`${codex.node}Trigger`);
		expect(triggerCodex.categories).toEqual(codex.categories);
		for (const file of [codex, triggerCodex]) expect(file).not.toHaveProperty('subcategories');
		expect(description.usableAsTool).toBe(true);
	});

	it('offers each resource its operations, each with an action and a description', () => {
		const resources = description.properties.find((property) => property.name === 'resource');
		expect((resources?.options ?? []).map((option) => (option as { value: string }).value)).toEqual([
			'ceeApplication',
			'export',
			'identity',
			'journey',
		]);
		const operationsOf = (resource: string) =>
			(description.properties.find(
				(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
			)?.options ?? []) as Array<{ value: string; action?: string; description?: string }>;
		expect(operationsOf('journey').map((option) => option.value).sort()).toEqual(['cancel', 'create', 'getAll', 'getStatus', 'update']);
		expect(operationsOf('ceeApplication').map((option) => option.value)).toEqual(['delete', 'get', 'register', 'simulate']);
		expect(operationsOf('export').map((option) => option.value)).toEqual(['create']);
		expect(operationsOf('identity').map((option) => option.value)).toEqual(['compute']);
		for (const resource of ['journey', 'ceeApplication', 'export', 'identity']) {
			for (const option of operationsOf(resource)) {
				expect(option.action).toBeTruthy();
				expect(option.description).toBeTruthy();
			}
		}
	});

	it('every field the user fills in explains itself, inside collections and fixed collections too', () => {
		expect(unexplainedFields(description.properties)).toEqual([]);
	});
});
