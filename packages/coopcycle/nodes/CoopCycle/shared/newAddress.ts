import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import type { Api } from '../../shared/route';
import { membersOf } from './hydra';
import { idOfIri } from './ids';
import { placeOf } from './storeAddress';

/** Whether a saved address is the one just sent (CoopCycle rewrites telephones, so they are not compared). */
function isSent(candidate: IDataObject, sent: IDataObject): boolean {
	const geo = (candidate.geo ?? {}) as IDataObject;
	const sentGeo = sent.geo as IDataObject;
	const near = (a: unknown, b: unknown) => Math.abs(Number(a) - Number(b)) < 1e-6;
	return (
		String(candidate.streetAddress ?? '').trim() === sent.streetAddress &&
		near(geo.latitude, sentGeo.latitude) &&
		near(geo.longitude, sentGeo.longitude) &&
		['name', 'contactName', 'description'].every((key) => sent[key] === undefined || candidate[key] === sent[key])
	);
}

/** Saved addresses are read 100 at a time, the most CoopCycle gives. */
const ADDRESSES_PER_PAGE = 100;

/**
 * Add Address: CoopCycle answers with the Store, not the new address. Its address book lists addresses by
 * creation (API Platform's default order by id), so the new one is on the last page: the newest address
 * there with the fields just sent.
 */
export async function saveAndFindAddress(this: IExecutePaginationFunctions, api: Api): Promise<IDataObject[]> {
	const sent = placeOf(this);
	const answer = await api.query();
	if (idOfIri(answer['@id']) !== undefined && String(answer['@id']).startsWith('/api/addresses/')) return [answer];

	// The store's addresses: where the address was just sent.
	const url = String(api.request.options.url);
	const pageOf = async (page: number) =>
		await api.get(url, { itemsPerPage: ADDRESSES_PER_PAGE, ...(page > 1 ? { page } : {}) });
	const first = await pageOf(1);
	const lastPage = Math.max(1, Math.ceil(Number(first['hydra:totalItems'] ?? 0) / ADDRESSES_PER_PAGE));
	// Addresses saved meanwhile by other items may have pushed this one to the page before the last.
	for (let page = lastPage; page >= Math.max(1, lastPage - 1); page--) {
		const members = membersOf(page === 1 ? first : await pageOf(page));
		const found = members
			.filter((candidate) => isSent(candidate, sent))
			.sort((a, b) => (idOfIri(b['@id']) ?? 0) - (idOfIri(a['@id']) ?? 0));
		if (found.length) return [found[0]];
	}
	return failItem(
		this,
		'CoopCycle saved the address, but it is not in the store’s saved addresses',
		'Look for it with Store → Get Saved Addresses before adding it again.',
	);
}
