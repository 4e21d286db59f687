// The end of the item-linking workflows of both packages (issue 18, point 13): an Edit Fields (Set) node that reads
// the item of two earlier nodes through n8n's item linking, `$('<node>').item`, as users chain nodes.
import { node } from './workflows.mjs';

/** Edit Fields (Set) giving each item `input` = `$('<inputNode>').item.json.<inputField>` and `listed` likewise. */
export function linkedFields(inputNode, inputField, listNode, listField) {
	const assignment = (name, value) => ({ id: `${name}-id`, name, value, type: 'string' });
	return node(
		'Edit Fields',
		'n8n-nodes-base.set',
		{
			mode: 'manual',
			assignments: {
				assignments: [
					assignment('input', `={{ $('${inputNode}').item.json.${inputField} }}`),
					assignment('listed', `={{ $('${listNode}').item.json.${listField} }}`),
				],
			},
			options: {},
		},
		{ typeVersion: 3.4 },
	);
}
