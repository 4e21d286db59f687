import type { INodeProperties } from 'n8n-workflow';

import { oneDeclarationPerField } from '../nodes/fields';
import { fieldsByOperation } from './harness/descriptions';

describe('oneDeclarationPerField', () => {
	const field = (operation: string, preSend: () => Promise<never>, name = 'x'): INodeProperties => ({
		displayName: 'X',
		name,
		type: 'string',
		default: '',
		displayOptions: { show: { resource: ['r'], operation: [operation] } },
		routing: { send: { preSend: [preSend] } },
	});
	const first = async () => await Promise.reject(new Error('first'));
	const second = async () => await Promise.reject(new Error('second'));

	it('keeps apart declarations that differ in more than their operations (e.g. their routing steps)', () => {
		expect(oneDeclarationPerField([field('a', first), field('b', second)])).toHaveLength(2);
		expect(oneDeclarationPerField([field('a', first), field('b', first)])).toHaveLength(1);
	});

	it('does not merge a field when that would move it above another field its operation shows first', () => {
		// Operation b shows y, then x: joining x to a's declaration (before y) would swap them in b's panel.
		const declared = [field('a', first), field('b', first, 'y'), field('b', first)];
		const merged = oneDeclarationPerField(declared);
		expect(fieldsByOperation(merged)).toEqual(fieldsByOperation(declared));
		expect(merged).toHaveLength(3);
	});
});
