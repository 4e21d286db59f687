import type { INodeProperties } from 'n8n-workflow';

import { deliveryFields } from '../../nodes/CoopCycle/resources/delivery';
import { storeFields } from '../../nodes/CoopCycle/resources/store';
import { taskFields } from '../../nodes/CoopCycle/resources/task';
import { timeSlotFields } from '../../nodes/CoopCycle/resources/timeSlot';
import { journeyFields } from '../../nodes/Covoiturage/resources/journey';
import { oneDeclarationPerField } from '../../nodes/shared/fields';

/** What each operation shows, in order: its fields' names and definitions (without the operations list). */
function fieldsByOperation(properties: INodeProperties[]): Map<string, string[]> {
	const shown = new Map<string, string[]>();
	for (const property of properties) {
		const { resource = [], operation = [] } = property.displayOptions?.show ?? {};
		for (const resourceName of resource as string[]) {
			for (const operationName of operation as string[]) {
				const key = `${resourceName}/${operationName}`;
				const { displayOptions, ...definition } = property;
				const show = { ...displayOptions?.show };
				delete show.operation;
				shown.set(key, [...(shown.get(key) ?? []), JSON.stringify({ ...definition, show })]);
			}
		}
	}
	return shown;
}

describe('oneDeclarationPerField', () => {
	it.each([
		['CoopCycle', [...deliveryFields, ...timeSlotFields, ...storeFields, ...taskFields]],
		['Covoiturage', journeyFields],
	])('%s: every operation shows the same fields, defined the same, in the same order', (_node, declared) => {
		const merged = oneDeclarationPerField(declared);
		expect(fieldsByOperation(merged)).toEqual(fieldsByOperation(declared));
		expect(merged.length).toBeLessThan(declared.length);
	});

	it('CoopCycle: a delivery field is declared once for Create, Get Price, Check Feasibility and Create Quote', () => {
		const merged = oneDeclarationPerField(deliveryFields);
		const operationsOf = (name: string) =>
			merged
				.filter((property) => property.name === name)
				.map((property) => [...(property.displayOptions?.show?.operation as string[])].sort());
		// Update's own fields come in another order (its Delivery ID first): it keeps its declarations.
		for (const name of ['dropoffAddress', 'dropoffAfter', 'dropoffBefore']) {
			expect(operationsOf(name)).toEqual([['checkFeasibility', 'create', 'createQuote', 'getPrice'], ['update']]);
		}
	});

	it('keeps apart declarations that differ in more than their operations (e.g. their routing steps)', () => {
		const field = (operation: string, preSend: () => Promise<never>): INodeProperties => ({
			displayName: 'X',
			name: 'x',
			type: 'string',
			default: '',
			displayOptions: { show: { resource: ['r'], operation: [operation] } },
			routing: { send: { preSend: [preSend] } },
		});
		const first = async () => await Promise.reject(new Error('first'));
		const second = async () => await Promise.reject(new Error('second'));
		expect(oneDeclarationPerField([field('a', first), field('b', second)])).toHaveLength(2);
		expect(oneDeclarationPerField([field('a', first), field('b', first)])).toHaveLength(1);
	});
});
