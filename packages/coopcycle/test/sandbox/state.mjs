// What a CoopCycle sandbox holds (stores, time slots, addresses, deliveries, tasks, quotes, events, tokens) and how
// CoopCycle writes it in its answers. Every route group of the sandbox reads and changes this one state.
import { hydraError } from './http.mjs';

/** The state of one sandbox; `url` is set once its server listens. */
export function createState({ time }) {
	const state = {
		url: '',
		time,
		requests: [],
		tokens: new Map(),
		stats: { tokenCalls: 0, listRequests: 0 },
		counters: { delivery: 0, task: 0, address: 0, quote: 0, event: 0, token: 0, webhook: 0 },
		addresses: new Map(),
		deliveries: new Map(),
		tasks: new Map(),
		quotes: new Map(),
		events: [],
	};
	const { addresses, deliveries, tasks } = state;

	/**
	 * Stores an address. `saved` ones are in the store's address book (Store::$addresses, what
	 * /api/stores/{id}/addresses lists); the addresses of tasks are not.
	 */
	function addAddress(fields, store, { saved = false } = {}) {
		const id = ++state.counters.address;
		const address = {
			'@id': `/api/addresses/${id}`,
			'@type': 'http://schema.org/Place',
			geo: fields.geo ?? { '@type': 'GeoCoordinates', latitude: 48.8566, longitude: 2.3522 },
			streetAddress: fields.streetAddress,
			telephone: e164(fields.telephone),
			name: fields.name ?? null,
			contactName: fields.contactName ?? null,
			description: fields.description ?? null,
			provider: null,
		};
		addresses.set(id, { address, store, saved });
		return address;
	}

	/** libphonenumber with the instance's country (FR): "0612345678" is kept as "+33612345678". */
	function e164(telephone) {
		if (telephone === undefined || telephone === null || telephone === '' || telephone === false) return null;
		const digits = String(telephone).replace(/[\s.]/g, '');
		return /^0\d{9}$/.test(digits) ? `+33${digits.slice(1)}` : digits;
	}

	const stores = new Map([
		[
			1,
			{
				id: 1,
				name: 'Sandbox Bakery',
				address: addAddress({ streetAddress: '10 Rue du Pain, 75011 Paris' }, 1),
				timeSlot: 1,
				timeSlots: [1, 2],
				cashOnDeliveryEnabled: false,
			},
		],
		[
			2,
			{
				id: 2,
				name: 'Another Shop',
				address: addAddress({ streetAddress: '5 Rue Voisine, 75012 Paris' }, 2),
				timeSlot: 3,
				timeSlots: [3],
				cashOnDeliveryEnabled: false,
			},
		],
	]);
	const timeSlots = new Map([
		[
			1,
			{
				id: 1,
				name: 'Two-hour slots',
				interval: '2 hours',
				store: 1,
				hours: [
					[10, 12],
					[12, 14],
					[14, 16],
					[16, 18],
				],
			},
		],
		[2, { id: 2, name: 'Evening', interval: '3 hours', store: 1, hours: [[18, 21]] }],
		[3, { id: 3, name: 'Other store slot', interval: '4 hours', store: 2, hours: [[8, 12]] }],
	]);
	Object.assign(state, { addAddress, e164, stores, timeSlots });

	/* ---------------------------------------------------------------- representations */
	const storeJson = (store) => ({
		'@context': '/api/contexts/Store',
		'@id': `/api/stores/${store.id}`,
		'@type': 'http://schema.org/Store',
		id: store.id,
		name: store.name,
		enabled: true,
		address: store.address,
		timeSlot: store.timeSlot ? `/api/time_slots/${store.timeSlot}` : null,
		timeSlots: store.timeSlots.map((id) => `/api/time_slots/${id}`),
		pricingRuleSet: '/api/pricing_rule_sets/1',
		weightRequired: false,
		packagesRequired: false,
		multiDropEnabled: true,
		// src/Entity/Store.php: set by the cooperative (src/Form/StoreType.php, "Enable cash on delivery").
		cashOnDeliveryEnabled: store.cashOnDeliveryEnabled,
	});

	const taskJson = (task) => ({
		'@id': `/api/tasks/${task.id}`,
		'@type': 'Task',
		id: task.id,
		type: task.type,
		status: task.status,
		address: task.address,
		after: time.format(task.after),
		before: time.format(task.before),
		doneAfter: time.format(task.after),
		doneBefore: time.format(task.before),
		comments: task.comments ?? '',
		weight: task.weight ?? null,
		packages: task.packages ?? [],
		tags: (task.tags ?? []).map((slug) => ({ name: slug.toUpperCase(), slug, color: '#FF0000' })),
		metadata: task.metadata ?? {},
		isAssigned: !!task.assignedTo,
		assignedTo: task.assignedTo ?? null,
		createdAt: time.format(task.createdAt),
	});

	const deliveryJson = (delivery, iri = `/api/deliveries/${delivery.id}`) => {
		const own = delivery.tasks.map((id) => tasks.get(id));
		return {
			'@context': '/api/contexts/Delivery',
			'@id': iri,
			'@type': 'http://schema.org/ParcelDelivery',
			id: delivery.id,
			tasks: own.map(taskJson),
			pickup: taskJson(own.find((task) => task.type === 'PICKUP')),
			dropoff: taskJson(own.findLast((task) => task.type === 'DROPOFF')),
			trackingUrl: `${state.url}/d/sandbox${delivery.id}`,
			order: {
				'@id': `/api/orders/${delivery.id}`,
				'@type': 'http://schema.org/Order',
				total: delivery.price,
				taxTotal: Math.round(delivery.price / 6),
			},
			// No createdAt: the delivery's own is not in its serialization groups (features/stores.feature).
		};
	};
	Object.assign(state, { storeJson, taskJson, deliveryJson });

	/* ---------------------------------------------------------------- what a client may reach */
	const ownStore = (auth, storeId) => {
		if (!stores.has(storeId)) throw hydraError(404, 'Not Found');
		if (auth.client.store !== storeId) throw hydraError(403, 'Access Denied.');
		return stores.get(storeId);
	};
	const ownDelivery = (auth, id) => {
		const delivery = deliveries.get(id);
		if (!delivery) throw hydraError(404, 'Not Found');
		if (delivery.store !== auth.client.store) throw hydraError(403, 'Access Denied.');
		return delivery;
	};
	const ownTask = (auth, id) => {
		const task = tasks.get(id);
		if (!task) throw hydraError(404, 'Not Found');
		if (!auth.scopes.includes('tasks:all') && deliveries.get(task.delivery)?.store !== auth.client.store) {
			throw hydraError(403, 'Access Denied.');
		}
		return task;
	};
	Object.assign(state, { ownStore, ownDelivery, ownTask });
	return state;
}
