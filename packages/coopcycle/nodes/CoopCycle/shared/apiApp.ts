import type { IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import type { Api, Request } from '../../shared/route';

export const CREDENTIAL_TYPE = 'coopCycleOAuth2Api';

function credentialId(context: IExecutePaginationFunctions): string {
	return context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
}

/**
 * The API client's store. Every OAuth client belongs to exactly one store, which /api/me names; it is looked up
 * once per execution and credential, not once per item.
 */
const STORE_CACHE_MS = 10 * 60 * 1000;
const apiApps = new Map<string, { at: number; app: Promise<IDataObject> }>();

/** The API app of the credential (GET /api/me), with its store. */
export async function apiAppOf(context: IExecutePaginationFunctions, api: Api): Promise<IDataObject> {
	const now = Date.now();
	for (const [key, entry] of apiApps) if (now - entry.at > STORE_CACHE_MS) apiApps.delete(key);
	const key = `${context.getExecutionId()}|${credentialId(context)}`;
	let entry = apiApps.get(key);
	if (!entry) {
		const app = api.get('/api/me');
		entry = { at: now, app };
		apiApps.set(key, entry);
		app.catch(() => apiApps.delete(key));
	}
	const app = await entry.app;
	if (typeof app.store !== 'string' || app.store === '') {
		failItem(
			context,
			'This CoopCycle API app is not linked to a store',
			'Store and delivery lists, quotes and feasibility checks need the store of the API app. Ask the cooperative’s administrator to link the app to your store.',
		);
	}
	return app;
}

/**
 * `prepare` of Check Feasibility and Create Quote: the store's IRI in the delivery body. Both bodies reach
 * coopcycle-web's legacy src/Serializer/DeliveryNormalizer.php (assert, and the quote's stored body when it is
 * confirmed), which looks package names up in the body's store only, and without one in every store's package
 * set (src/Entity/PackageRepository.php l.10-22): a confirmed quote could carry another store's package.
 */
export async function storeInBody(this: IExecutePaginationFunctions, api: Api): Promise<Request> {
	const me = await apiAppOf(this, api);
	const { options } = api.request;
	return { ...api.request, options: { ...options, body: { ...(options.body as IDataObject), store: me.store } } };
}

/** `prepare` of the operations under the API client's store: the store's URL, then `storePath` ('/deliveries'…). */
export function underStore(storePath: string) {
	return async function (this: IExecutePaginationFunctions, api: Api): Promise<Request> {
		const me = await apiAppOf(this, api);
		return { ...api.request, options: { ...api.request.options, url: `${String(me.store)}${storePath}` } };
	};
}
