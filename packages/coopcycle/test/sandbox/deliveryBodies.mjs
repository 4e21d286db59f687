// How CoopCycle reads a delivery's body: its tasks, their addresses (geocoded, saved or rewritten), times, time
// slots, metadata, and the checks its validators run. Used by the delivery routes and by the sandbox's seed.
import { HttpError, hashToUnit, hydraError, idOf, internalError, violationError } from './http.mjs';
import { parseTimeSlot } from './time.mjs';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * The package sets of the stores (src/Entity/Package.php, a Store's PackageSet), in id order. Store 2's set is
 * older, and has a "Cargo" that store 1's has not.
 */
const PACKAGES = [
	{ id: 1, name: 'Cargo', store: 2 },
	{ id: 2, name: 'XL', store: 2 },
	{ id: 3, name: 'XL', store: 1 },
	{ id: 4, name: 'S', store: 1 },
	{ id: 5, name: 'M', store: 1 },
];

/**
 * src/Entity/PackageRepository.php findOneByNameAndStore: the package of that name in the store's package set;
 * with no store, the first package of that name in ANY store's set (findOneBy(['name' => $name])). Unknown names
 * are dropped (only logged).
 */
function packagesOf(inputs, store) {
	return inputs.flatMap((input) => {
		const found = PACKAGES.find((p) => p.name === input.type && (store === undefined || p.store === store));
		return found ? [{ type: found.name, name: found.name, quantity: input.quantity, packageSet: found.store }] : [];
	});
}

/** The routing service's distance between two points, in metres (coopcycle-web RoutingInterface): as the crow flies. */
export function routeMeters(from, to) {
	const radians = (degrees) => (degrees * Math.PI) / 180;
	const [dLat, dLng] = [radians(to.latitude - from.latitude), radians(to.longitude - from.longitude)];
	const a =
		Math.sin(dLat / 2) ** 2 + Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLng / 2) ** 2;
	return 6371000 * 2 * Math.asin(Math.sqrt(a));
}

export function deliveryBodies(state) {
	const { addresses, timeSlots, addAddress, e164 } = state;
	const parseDate = state.time.parse;

	/** CoopCycle geocodes address texts; the sandbox "fails" to find texts without a number or with "nowhere". */
	function resolveAddress(value, path, store) {
		if (typeof value === 'string' && value.startsWith('/api/addresses/')) {
			const found = addresses.get(idOf(value, 'addresses'));
			if (!found) throw hydraError(400, `Item not found for "${value}".`);
			return found.address;
		}
		if (value && typeof value === 'object' && value['@id'] !== undefined) return rewriteAddress(value);
		const fields = typeof value === 'string' ? { streetAddress: value } : { ...value };
		if (!fields.streetAddress)
			throw violationError([
				{ propertyPath: `${path}.address.streetAddress`, message: 'This value should not be blank.' },
			]);
		checkTelephone(fields.telephone);
		if (!fields.latLng && !fields.geo && (/nowhere/i.test(fields.streetAddress) || !/\d/.test(fields.streetAddress))) {
			// What CoopCycle does when its geocoder finds nothing (coopcycle-web#864).
			throw new HttpError(500, {
				'@context': '/api/contexts/Error',
				'@type': 'hydra:Error',
				'hydra:title': 'An error occurred',
				'hydra:description': 'Internal Server Error',
			});
		}
		if (fields.latLng)
			fields.geo = { '@type': 'GeoCoordinates', latitude: fields.latLng[0], longitude: fields.latLng[1] };
		delete fields.latLng;
		fields.geo ??= geocode(fields.streetAddress);
		return addAddress(fields, store);
	}

	function checkTelephone(telephone) {
		if (
			telephone !== undefined &&
			telephone !== null &&
			telephone !== '' &&
			!/^\+?[\d\s.]{8,}$/.test(String(telephone))
		) {
			throw hydraError(400, 'The string supplied did not seem to be a phone number.');
		}
	}

	/**
	 * An address object with an "@id": API Platform's JSON-LD ItemNormalizer::denormalize loads that resource and
	 * writes the other fields into it (api_allow_update defaults to true, and coopcycle-web denormalizes task
	 * addresses with no context: src/Api/State/DeliveryProcessor.php, src/Serializer/DeliveryNormalizer.php).
	 * So the saved address itself changes, for every delivery that uses it.
	 */
	function rewriteAddress(value) {
		const found = addresses.get(idOf(value['@id'], 'addresses'));
		if (!found) throw hydraError(400, `Item not found for "${value['@id']}".`);
		const { address } = found;
		for (const key of ['streetAddress', 'name', 'contactName', 'description']) {
			if (value[key] !== undefined) address[key] = value[key];
		}
		if (value.telephone !== undefined) {
			checkTelephone(value.telephone);
			address.telephone = e164(value.telephone);
		}
		const geo = Array.isArray(value.latLng) ? { latitude: value.latLng[0], longitude: value.latLng[1] } : value.geo;
		if (geo && typeof geo === 'object') {
			address.geo = { '@type': 'GeoCoordinates', latitude: Number(geo.latitude), longitude: Number(geo.longitude) };
		}
		return address;
	}

	/**
	 * Reads a task of a delivery body into the sandbox's task shape; throws CoopCycle's errors.
	 *
	 * Two readers exist upstream. Create, Update, Get Price and Create Quote go through the input DTO and
	 * src/Api/State/DeliveryProcessor.php. Check Feasibility and Confirm Quote (which rebuilds the delivery from
	 * the quote's stored request, src/Action/Delivery/ConfirmQuote.php) go through the older
	 * src/Serializer/DeliveryNormalizer.php (`legacy`), which reads metadata only as text, ignores timeSlotUrl,
	 * and runs preg_match() on timeSlot (so anything but text is a 500).
	 */
	function readTask(input, type, index, store, { partialOf, legacy = false, packageStore = store } = {}) {
		const path = `items[${index}].task`;
		const task = partialOf ? { ...partialOf } : { type, status: 'TODO' };
		if (input.address !== undefined) task.address = resolveAddress(input.address, path, store);
		let window;
		// The input DTO reads timeSlotUrl as a TimeSlot IRI: an unknown one is a 400 (features/deliveries.feature).
		const slot = input.timeSlotUrl !== undefined && !legacy ? timeSlotOf(input.timeSlotUrl) : undefined;
		if (input.timeSlot !== undefined) {
			if (legacy && typeof input.timeSlot !== 'string') throw internalError();
			window = parseTimeSlot(input.timeSlot, parseDate);
			if (!window) throw hydraError(400, `The time slot "${input.timeSlot}" is not valid.`);
		} else {
			const beforeText = input.before ?? input.doneBefore;
			const afterText = input.after ?? input.doneAfter;
			const [before, after] = [beforeText, afterText].map((text) => (text === undefined ? undefined : parseDate(text)));
			for (const [text, parsed, field] of [
				[beforeText, before, 'doneBefore'],
				[afterText, after, 'doneAfter'],
			]) {
				if (text !== undefined && parsed === undefined)
					throw violationError([{ propertyPath: `${path}.${field}`, message: 'This value is not a valid datetime.' }]);
			}
			if (before !== undefined || after !== undefined) {
				// src/Api/State/DeliveryProcessor.php sets only the times given: on Update the other one stays as it
				// was. A new task without "after" gets 15 minutes before "before" (Task::fixTimeWindow, prePersist).
				const newBefore = before ?? task.before;
				window = { before: newBefore, after: after ?? task.after ?? newBefore - FIFTEEN_MINUTES };
			}
		}
		// src/Api/State/DeliveryProcessor.php l.289-299: a range (a timeSlot, or both "after" and "before") with a
		// timeSlotUrl must be one of that slot's choices (TimeSlotManager::isChoice, compared to the minute), or the
		// whole request fails with InvalidArgumentException('task.timeSlot.invalid'): 400 hydra:Error
		// (features/deliveries.feature). The legacy normalizer (assert, confirmed quotes) never reads timeSlotUrl.
		const ranged = input.timeSlot !== undefined || ((input.before ?? input.doneBefore) && (input.after ?? input.doneAfter));
		if (slot && ranged && !isChoiceOf(slot, window)) throw hydraError(400, 'task.timeSlot.invalid');
		if (window) {
			// src/Entity/Task.php: doneAfter < doneBefore, or 'task.before.mustBeGreaterThanAfter'.
			if (window.after >= window.before)
				throw violationError([{ propertyPath: `${path}.doneBefore`, message: 'The time frame is not valid' }]);
			Object.assign(task, window);
		}
		for (const key of ['comments', 'weight', 'assignedTo']) if (input[key] !== undefined) task[key] = input[key];
		const metadata =
			typeof input.metadata === 'string'
				? parseMetadata(input.metadata)
				: !legacy && input.metadata && typeof input.metadata === 'object'
					? input.metadata
					: undefined;
		if (metadata) task.metadata = { ...(task.metadata ?? {}), ...metadata };
		if (input.tags !== undefined) task.tags = Array.isArray(input.tags) ? input.tags : String(input.tags).split(' ');
		if (input.packages !== undefined) task.packages = packagesOf(input.packages, packageStore);
		return task;
	}

	function timeSlotOf(iri) {
		const slot = timeSlots.get(idOf(iri, 'time_slots'));
		if (!slot) throw hydraError(400, `Item not found for "${iri}".`);
		return slot;
	}

	/** src/Form/Type/TimeSlotChoice.php equals(): both ends compared as 'Y-m-d H:i' in the server's time zone. */
	function isChoiceOf(slot, window) {
		const minute = (at) => Math.floor(at / 60000);
		return state
			.slotChoices(slot)
			.some(({ range }) => minute(range.after) === minute(window.after) && minute(range.before) === minute(window.before));
	}

	/**
	 * Metadata given as text, as coopcycle-web src/Spreadsheet/ParseMetadataTrait.php reads it: split on spaces,
	 * then each part on "=", keeping the first two pieces (a part without "=" gets null).
	 */
	function parseMetadata(text) {
		const metadata = {};
		for (const part of text.trim().split(' ')) {
			const [key, value = null] = part.split('=');
			metadata[key] = value;
		}
		return metadata;
	}

	/**
	 * Checks a delivery body the way CoopCycle's readers and validators do (see readTask), returns its tasks.
	 * `check`: the store's zone check too, which only Check Feasibility runs (src/Entity/Delivery.php: the
	 * CheckDelivery constraint is in the "delivery_check" group, validated by /deliveries/assert alone).
	 */
	function readDelivery(body, store, { legacy = false, check = false, validate = true } = {}) {
		if (!body || typeof body !== 'object') throw hydraError(400, 'Syntax error');
		// "store" (group delivery_create): an IRI, which must be the API app's own store (src/Security/DeliveriesVoter.php
		// and StoreVoter, or DeliveryProcessor's own check). The input DTO looks packages up in it, or in the token's
		// store; the legacy normalizer only in the body's store, and without one in every store (packagesOf).
		let bodyStore;
		if (body.store !== undefined) {
			bodyStore = idOf(body.store, 'stores');
			if (!state.stores.has(bodyStore)) throw hydraError(400, `Item not found for "${body.store}".`);
			if (bodyStore !== store.id) throw hydraError(403, 'Access Denied.');
		}
		const packageStore = legacy ? bodyStore : store.id;
		let inputs;
		if (Array.isArray(body.tasks)) {
			// src/Entity/Delivery.php withTasks: two tasks are made a pickup then a dropoff whatever their type;
			// more keep theirs. DeliveryValidator wants at least two.
			inputs = body.tasks.map((task) => ({ ...task, type: String(task.type ?? '').toUpperCase() }));
			if (inputs.length < 2 && validate)
				throw violationError([{ propertyPath: 'items', message: 'Delivery must consist of two tasks.' }]);
			if (inputs.length === 2) [inputs[0].type, inputs[1].type] = ['PICKUP', 'DROPOFF'];
		} else {
			inputs = [
				{ ...(body.pickup ?? {}), type: 'PICKUP' },
				{ ...(body.dropoff ?? {}), type: 'DROPOFF' },
			];
		}
		// src/Entity/Task.php: an address (NotNull) and a latest time (NotBlank), checked after
		// DeliveryManager::setDefaults has given the first pickup the store's address and estimated the latest
		// time of every pickup that has an address (see below): only dropoffs must bring their times.
		const firstPickup = inputs.findIndex((input) => input.type === 'PICKUP');
		const missing = [];
		inputs.forEach((input, index) => {
			const hasAddress = input.address !== undefined || index === firstPickup;
			if (!hasAddress)
				missing.push({ propertyPath: `items[${index}].task.address`, message: 'This value should not be null.' });
			const hasTime = input.before !== undefined || input.doneBefore !== undefined || input.timeSlot !== undefined;
			if (!hasTime && (input.type !== 'PICKUP' || !hasAddress)) {
				missing.push({ propertyPath: `items[${index}].task.doneBefore`, message: 'This value should not be blank.' });
			}
		});
		if (missing.length && validate) throw violationError(missing);
		const read = inputs.map((input, index) => readTask(input, input.type, index, store.id, { legacy, packageStore }));
		// coopcycle-web src/Service/DeliveryManager.php setDefaults: the first pickup without an address gets the
		// store's; each pickup without a latest time gets "the" dropoff's minus the route's duration (the last
		// dropoff of a delivery of more than two tasks, src/Entity/Delivery.php getDropoff); its earliest time is
		// then 15 minutes before (Task::fixTimeWindow at prePersist).
		const pickups = read.filter((task) => task.type === 'PICKUP');
		const dropoffs = read.filter((task) => task.type === 'DROPOFF');
		const [pickup, dropoff] = [pickups[0], read.length > 2 ? dropoffs.at(-1) : dropoffs[0]];
		if (pickup) pickup.address ??= store.address;
		for (const task of pickups) {
			if (task.before === undefined && task.address && dropoff?.before !== undefined && dropoff.address) {
				task.before = dropoff.before - routeSeconds(task.address.geo, dropoff.address.geo) * 1000;
				task.after ??= task.before - FIFTEEN_MINUTES;
			}
		}
		// src/Validator/Constraints/DeliveryValidator.php: the first pickup's latest time against each dropoff's.
		if (validate && dropoffs.some((task) => pickup.before > task.before))
			throw violationError([{ propertyPath: 'items', message: 'Dropoff date must be after pickup date.' }]);
		// src/Validator/Constraints/CheckDeliveryValidator.php: the store's check expression fails on "items".
		if (check && read.some((task) => /out of zone/i.test(task.address.streetAddress ?? ''))) {
			throw violationError([{ propertyPath: 'items', message: 'Your request is out of the accepted zone or too far' }]);
		}
		return read;
	}

	/** The instance's geocoder, played by a hash: each address text gets its own point in Paris. */
	function geocode(text) {
		const [north, east] = [hashToUnit(...Buffer.from(`n${text}`)), hashToUnit(...Buffer.from(`e${text}`))];
		return { '@type': 'GeoCoordinates', latitude: 48.83 + north * 0.06, longitude: 2.3 + east * 0.1 };
	}

	/** The routing service's duration between two points (coopcycle-web RoutingInterface): here by bike, 15 km/h. */
	const routeSeconds = (from, to) => Math.round((routeMeters(from, to) / 15000) * 3600);

	/** 4.99 for a delivery, 2.00 more per extra dropoff, 1.00 more per started 5 kg; VAT 20 % included. */
	function priceOf(read) {
		const dropoffs = read.filter((task) => task.type === 'DROPOFF').length;
		const weight = read.reduce((total, task) => total + (Number(task.weight) || 0), 0);
		return 499 + 200 * (dropoffs - 1) + 100 * Math.ceil(weight / 5000);
	}

	return { checkTelephone, readTask, readDelivery, priceOf };
}
