import type { INodeProperties } from 'n8n-workflow';

import { CoopCycle } from '../nodes/CoopCycle/CoopCycle.node';
import codex from '../nodes/CoopCycle/CoopCycle.node.json';
import { unexplainedFields } from '../../shared/test/harness/descriptions';

const description = new CoopCycle().description;

function operationsOf(resource: string): INodeProperties {
	const found = description.properties.find(
		(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	if (!found) throw new Error(`no operations for ${resource}`);
	return found;
}

describe('CoopCycle node description', () => {
	it('is a declarative node usable as a tool, with icons, subtitle and JSON-LD requests', () => {
		expect(description.name).toBe('coopCycle');
		expect(description.displayName).toBe('CoopCycle');
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toContain('$parameter["operation"]');
		expect(description.icon).toEqual({
			light: 'file:../../icons/coopcycle.svg',
			dark: 'file:../../icons/coopcycle.dark.svg',
		});
		expect(description.requestDefaults?.headers).toEqual({ Accept: 'application/ld+json' });
		// Only the placeholder n8n requires: the credential's authenticate sets the address (tested with the credential).
		expect(description.requestDefaults?.baseURL).toBe('https://address-from-the-credential.invalid');
		expect(description.credentials).toEqual([{ name: 'coopCycleOAuth2Api', required: true }]);
		expect(codex.node).toBe('n8n-nodes-coopcycle.coopCycle');
	});

	it.each([
		[
			'delivery',
			[
				'cancel',
				'checkFeasibility',
				'confirmQuote',
				'create',
				'createQuote',
				'get',
				'getAll',
				'getPrice',
				'markDroppedOff',
				'markPickedUp',
				'suggestOptimizations',
				'update',
			],
		],
		['order', ['accept', 'get', 'getAll']],
		['timeSlot', ['get', 'getChoices', 'getSlotChoices']],
		['store', ['addAddress', 'getMyStore', 'getAddresses']],
		['task', ['get', 'getCourierLists', 'getEvents', 'getAll']],
	])('%s offers its operations, each with an action and a description', (resource, operations) => {
		const options = (operationsOf(resource).options ?? []) as Array<{
			value: string;
			action?: string;
			description?: string;
		}>;
		expect(options.map((option) => option.value).sort()).toEqual([...operations].sort());
		for (const option of options) {
			expect(option.action).toBeTruthy();
			expect(option.description).toBeTruthy();
		}
	});

	it('every field the user fills in explains itself, inside collections and fixed collections too', () => {
		expect(unexplainedFields(description.properties)).toEqual([]);
	});
});
