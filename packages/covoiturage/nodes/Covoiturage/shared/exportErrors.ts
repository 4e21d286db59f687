import type { DeclarativeRestApiSettings } from 'n8n-workflow';

import { NOT_DONE_WAIT_MINUTES } from '../../shared/retry';
import type { HttpFailure, ReadableError } from '../../shared/transport';
import { unsureWrite } from './ceeErrors';
import { describeRegistryError, plainAnswerOf, rpcErrorOf, validatorProblems } from './errors';

/**
 * The failures of POST /exports, which the registry does not wrap in JSON-RPC (export/actions/CreateActionV3.ts
 * through registerExpressRoute.ts): a text, or the validator's list. The rest reads as for journeys.
 */
export function describeExportError(
	failure: HttpFailure,
	request?: DeclarativeRestApiSettings.ResultOptions,
): ReadableError {
	const unsure = unsureWrite(
		failure,
		'created the export',
		'If it did, the recipients get an e-mail with the file: check before running the item again, or they get it twice.',
	);
	if (unsure) return unsure;
	const { text, details } = plainAnswerOf(failure.body);
	switch (failure.status) {
		case 400:
			if (details.length) return validatorProblems('The registry rejected the export', details);
			if (text?.startsWith('No recipient found')) {
				return {
					message: 'The registry needs at least one recipient for the export (400)',
					description: `With an API credential it has no user to send the file to: fill in Recipients. The registry says: "${text}".`,
				};
			}
			if (text) return { message: `The registry rejected the export: ${text}` };
			// n8n 1.x keeps an error's body only when it is an object: this route answers a text or a list.
			return {
				message: 'The registry rejected the export (400)',
				description:
					"This version of n8n does not pass on the registry's reason. The node checks the period, the recipients, the area and the time zone before sending: check the values the registry may read differently.",
			};
		case 403:
			if (rpcErrorOf(failure.body)) break;
			return {
				message: 'The registry refused access (403): the credential may not create exports',
				description: `Check the Covoiturage API credential.${text ? ` The registry says: "${text}".` : ''}`,
			};
		case 429:
			return {
				message: `The registry is still limiting export requests (429) after waiting ${NOT_DONE_WAIT_MINUTES} minutes`,
				description:
					'It allows 100 requests every 5 minutes for exports. No export was created: run the item again later.',
			};
		case 503:
			return {
				message: `The registry is still unavailable (503) after waiting ${NOT_DONE_WAIT_MINUTES} minutes, probably for maintenance`,
				description: 'No export was created: run the item again later.',
			};
	}
	return describeRegistryError(failure, request);
}
