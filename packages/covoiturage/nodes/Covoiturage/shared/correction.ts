import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import type { Api } from '../../shared/route';
import { rpcDataOf } from './errors';
import { normaliseStatus, updatedJourney } from './outputs';

/**
 * How Update sends its correction (its request built and checked by buildUpdateBody): the journey's status first,
 * then the PATCH.
 *
 * The registry's PATCH sets the journey's acquisition status to `updated` whatever it was
 * (CarpoolAcquisitionService.patchCarpool, through the overwriting CarpoolStatusRepository.setStatus): it brings a
 * canceled journey back among those checked and paid, and it never checks the terms of use again (only
 * registerRequest does). So a canceled journey is not updated unless the option says so, and what the correction
 * leaves of a terms-of-use violation is said in the output. Get Status and PATCH share the registry's limit of
 * 2,000 requests a minute (rl-acquisition-check): each Update item makes two of them.
 */
export async function readThenCorrect(this: IExecutePaginationFunctions, api: Api): Promise<IDataObject[]> {
	const current = normaliseStatus(rpcDataOf(await api.get(String(api.request.options.url))));
	const { updateCanceled = false } = this.getNodeParameter('options', {}) as IDataObject;
	if (current.status === 'canceled' && updateCanceled !== true) {
		failItem(
			this,
			'Update not sent: the registry has this journey as canceled, and an Update would bring it back',
			'The registry would check it again and count it for incentives as if it had never been canceled. To do that on purpose, turn on Options → Update Canceled Journeys. Nothing was sent.',
		);
	}
	await api.send(api.request);
	return [updatedJourney(String(this.getNodeParameter('operatorJourneyId', '')).trim(), current)];
}
