import { oneDeclarationPerField } from '../nodes/shared/fields';
import { fieldsByOperation } from '../../shared/test/harness/descriptions';
import { journeyFields } from '../nodes/Covoiturage/resources/journey';

describe('Covoiturage: one declaration per field', () => {
	it('every operation shows the same fields, defined the same, in the same order', () => {
		const merged = oneDeclarationPerField(journeyFields);
		expect(fieldsByOperation(merged)).toEqual(fieldsByOperation(journeyFields));
		expect(merged.length).toBeLessThan(journeyFields.length);
	});
});
