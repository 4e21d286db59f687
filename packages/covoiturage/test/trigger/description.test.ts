import { CovoiturageTrigger } from '../../nodes/Covoiturage/CovoiturageTrigger.node';
import codex from '../../nodes/Covoiturage/CovoiturageTrigger.node.json';
import { unexplainedFields } from '../../../shared/test/harness/descriptions';

const description = new CovoiturageTrigger().description;

describe('Covoiturage Trigger description', () => {
	it('is a polling trigger on the Covoiturage API credential', () => {
		expect(description.name).toBe('covoiturageTrigger');
		expect(description.displayName).toBe('Covoiturage Trigger');
		expect(description.polling).toBe(true);
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.credentials).toEqual([{ name: 'covoiturageApi', required: true }]);
		expect(codex.node).toBe('n8n-nodes-covoiturage.covoiturageTrigger');
	});

	it('watches fraud and anomaly flags by default, among the statuses the registry can list', () => {
		const statuses = description.properties.find((property) => property.name === 'statuses');
		expect(statuses?.default).toEqual(['fraud_error', 'anomaly_error']);
		expect((statuses?.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
			'acquisition_error',
			'anomaly_error',
			'canceled',
			'fraud_error',
			'ok',
			'pending',
		]);
	});

	it('every field the user fills in explains itself', () => {
		expect(unexplainedFields(description.properties)).toEqual([]);
	});
});
