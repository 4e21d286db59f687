import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/**
 * The fields of a node description that a user fills in without a description to explain them, as paths
 * ("pickupDetails.metadata.entries.key"). Every field counts, those inside collections and fixed collections
 * included; notices (they are their own text) and the Resource and Operation dropdowns (their options carry the
 * descriptions) do not.
 */
export function unexplainedFields(properties: INodeProperties[], path = ''): string[] {
	const unexplained: string[] = [];
	for (const property of properties) {
		const at = `${path}${property.name}`;
		const selector = path === '' && (property.name === 'resource' || property.name === 'operation');
		if (property.type !== 'notice' && !selector && !property.description) unexplained.push(at);
		if (property.type === 'collection') {
			unexplained.push(...unexplainedFields((property.options ?? []) as INodeProperties[], `${at}.`));
		}
		if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				unexplained.push(...unexplainedFields(group.values, `${at}.${group.name}.`));
			}
		}
	}
	return [...new Set(unexplained)];
}

/**
 * What each operation shows, in order: its fields' names and definitions (without the operations list). Two
 * lists of fields that give the same map look the same in every operation's panel.
 */
export function fieldsByOperation(properties: INodeProperties[]): Map<string, string[]> {
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
