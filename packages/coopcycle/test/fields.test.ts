import { oneDeclarationPerField } from '../nodes/shared/fields';
import { fieldsByOperation } from '../../shared/test/harness/descriptions';
import { deliveryFields } from '../nodes/CoopCycle/resources/delivery';
import { orderFields } from '../nodes/CoopCycle/resources/order';
import { storeFields } from '../nodes/CoopCycle/resources/store';
import { taskFields } from '../nodes/CoopCycle/resources/task';
import { timeSlotFields } from '../nodes/CoopCycle/resources/timeSlot';

describe('CoopCycle: one declaration per field', () => {
	it('every operation shows the same fields, defined the same, in the same order', () => {
		const declared = [...deliveryFields, ...timeSlotFields, ...storeFields, ...taskFields, ...orderFields];
		const merged = oneDeclarationPerField(declared);
		expect(fieldsByOperation(merged)).toEqual(fieldsByOperation(declared));
		expect(merged.length).toBeLessThan(declared.length);
	});

	it('a delivery field is declared once for Create, Get Price, Check Feasibility and Create Quote', () => {
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
});
