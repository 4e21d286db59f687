// The API app (/api/me), its store and the store's address book (/api/stores/{id}, /addresses).
import { collection, hydraError, requireLdJson, violationError } from './http.mjs';

export function storeRoutes(state, { needScope }) {
	const { addresses, addAddress, storeJson, ownStore } = state;

	/* ---------------------------------------------------------------- the store's address book */
	/**
	 * POST /api/stores/{id}/addresses (coopcycle-web src/Entity/Store.php, input Address, and
	 * src/Api/State/StoreAddressProcessor.php): the Address is validated and saved as given, with no geocoding:
	 * without a position it is refused (src/Entity/Base/Place.php: $geo is #[Assert\NotNull];
	 * src/Entity/Base/PostalAddress.php: $streetAddress is #[Assert\NotBlank]). The position may come as `geo`
	 * or `latLng` (Address::setLatLng). The answer is the Store, not the address.
	 */
	function saveStoreAddress(request, store) {
		requireLdJson(request);
		const body = request.body ?? {};
		const geo =
			body.geo && typeof body.geo === 'object'
				? body.geo
				: Array.isArray(body.latLng)
					? { latitude: body.latLng[0], longitude: body.latLng[1] }
					: undefined;
		const violations = [];
		if (!body.streetAddress)
			violations.push({ propertyPath: 'streetAddress', message: 'This value should not be blank.' });
		if (!geo) violations.push({ propertyPath: 'geo', message: 'This value should not be null.' });
		if (violations.length) throw violationError(violations);
		state.checkTelephone(body.telephone);
		addAddress(
			{
				...body,
				geo: { '@type': 'GeoCoordinates', latitude: Number(geo.latitude), longitude: Number(geo.longitude) },
			},
			store.id,
			{ saved: true },
		);
		return storeJson(store);
	}

	/** Its routes: the answer, or undefined for a route of another group. */
	function route(request, auth, { resource, first, second, number }) {
		const { method, path } = request;
		if (resource === 'me' && method === 'GET' && !first) {
			// src/Action/Me.php: the ApiApp of the token's OAuth client, in its "api_app" group
			// (features/authentication.feature): a store's app has `store`, a restaurant's app (made from the
			// restaurant's page, src/Controller/Utils/RestaurantTrait.php) has `shop` and no store.
			// config/packages/security.yaml: ^/api/me$ is for ROLE_USER or ROLE_API_APP, which only the tasks,
			// deliveries and orders scopes give (role_hierarchy l.27-30): "tasks:all" or "orders:all" alone, 403.
			if (!auth.scopes.some((scope) => ['tasks', 'deliveries', 'orders'].includes(scope))) {
				throw hydraError(403, 'Access Denied.');
			}
			const { client } = auth;
			return [
				200,
				{
					'@context': '/api/contexts/ApiApp',
					'@type': 'http://schema.org/SoftwareApplication',
					'@id': `/api/api_apps/${client.app ?? 1}`,
					store: client.store ? `/api/stores/${client.store}` : null,
					shop: client.shop ? `/api/restaurants/${client.shop}` : null,
					name: `${client.clientId} app`,
				},
			];
		}

		if (resource === 'stores' && number(first) !== undefined) {
			const store = ownStore(auth, number(first));
			if (!second && method === 'GET') return [200, storeJson(store)];
			if (second === 'deliveries' && method === 'GET') {
				needScope(auth, 'deliveries');
				return [200, state.listDeliveries(request, store)];
			}
			if (second === 'addresses' && method === 'GET') {
				// coopcycle-web src/Entity/Address.php (/stores/{id}/addresses): the address book, paged, in API
				// Platform's default order (by id, so by creation).
				const list = [...addresses.values()]
					.filter((entry) => entry.saved && entry.store === store.id)
					.map((entry) => entry.address);
				return [200, collection(request, path, list, { context: '/api/contexts/Address' })];
			}
			if (second === 'addresses' && method === 'POST') {
				return [201, saveStoreAddress(request, store)];
			}
		}
	}

	return { route };
}
