import { oneDeclarationPerField } from '../nodes/shared/fields';
import { fieldsByOperation } from '../../shared/test/harness/descriptions';
import { ceeApplicationFields } from '../nodes/Covoiturage/resources/ceeApplication';
import { exportFields } from '../nodes/Covoiturage/resources/export';
import { identityFields } from '../nodes/Covoiturage/resources/identity';
import { journeyFields } from '../nodes/Covoiturage/resources/journey';

describe('Covoiturage: one declaration per field', () => {
	it('every operation shows the same fields, defined the same, in the same order', () => {
		const merged = oneDeclarationPerField(journeyFields);
		expect(fieldsByOperation(merged)).toEqual(fieldsByOperation(journeyFields));
		expect(merged.length).toBeLessThan(journeyFields.length);
	});

	it('so does every operation of the node, all resources together', () => {
		const all = [...journeyFields, ...ceeApplicationFields, ...exportFields, ...identityFields];
		const merged = oneDeclarationPerField(all);
		expect(fieldsByOperation(merged)).toEqual(fieldsByOperation(all));
		expect(merged.length).toBeLessThan(all.length);
	});
});
