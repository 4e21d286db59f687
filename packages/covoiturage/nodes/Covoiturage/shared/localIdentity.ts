import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { textOf } from '../../shared/values';
import { identityFieldsOf } from './identity';
import { failWithProblems } from './problems';

/**
 * Identity → Compute, which sends no request: its routing's `read` (route.ts) does all the work in n8n's pagination
 * hook, where a request would otherwise be sent, and returns the item. No access token is asked for either (the
 * credential's authenticate runs only for a request). The fields are computed by the code that computes them for
 * Create (identity.ts), so they are what the registry receives from this node.
 */
export async function computeIdentity(this: IExecutePaginationFunctions): Promise<IDataObject[]> {
	const problems: string[] = [];
	const fields = identityFieldsOf(
		'identity',
		textOf(this.getNodeParameter('phone', '')),
		textOf(this.getNodeParameter('lastName', '')),
		problems,
	);
	if (!fields) failWithProblems(this, problems, 'Identity not computed');
	const { keepInputFields = true } = this.getNodeParameter('options', {}) as IDataObject;
	return [{ ...(keepInputFields === false ? {} : this.getInputData().json), ...fields }];
}
