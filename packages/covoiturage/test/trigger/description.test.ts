import { CustomDirectoryLoader } from 'n8n-core';
import { toCronExpression, type INodeType, type TriggerTime } from 'n8n-workflow';

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

	it('polls once a day at 8:00 by default, once n8n has added its Poll Times field (every minute by default)', () => {
		// What n8n does to a polling trigger when it loads it (n8n-core DirectoryLoader.applySpecialNodeParameters).
		const trigger = new CovoiturageTrigger();
		const loader = new CustomDirectoryLoader('') as unknown as {
			applySpecialNodeParameters(nodeType: INodeType): void;
		};
		loader.applySpecialNodeParameters(trigger);

		const pollTimes = trigger.description.properties.filter((property) => property.name === 'pollTimes');
		expect(pollTimes).toHaveLength(1);
		expect(trigger.description.properties[0]).toBe(pollTimes[0]);
		expect(pollTimes[0].type).toBe('fixedCollection');
		expect(pollTimes[0].default).toEqual({ item: [{ mode: 'everyDay', hour: 8, minute: 0 }] });
		// n8n turns it into a daily schedule (a random second, minute 0, hour 8).
		const [item] = (pollTimes[0].default as unknown as { item: TriggerTime[] }).item;
		expect(toCronExpression(item)).toMatch(/^\d{1,2} 0 8 \* \* \*$/);
		// Another node of the same type gets its own list: n8n's field is not added twice.
		loader.applySpecialNodeParameters(new CovoiturageTrigger());
		expect(trigger.description.properties.filter((property) => property.name === 'pollTimes')).toHaveLength(1);
	});

	it('every field the user fills in explains itself', () => {
		expect(unexplainedFields(description.properties)).toEqual([]);
	});
});
