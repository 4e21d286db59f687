// POST /api/deliveries/suggest_optimizations: a better order for the tasks of a delivery, before it is created.
//
// src/Entity/Delivery.php: the operation reads the body as a Delivery (group delivery_create, the legacy
// src/Serializer/DeliveryNormalizer.php), checks is_granted('create', object) (src/Security/DeliveriesVoter.php),
// writes nothing, and answers an OptimizationSuggestions (src/Api/Dto/OptimizationSuggestions.php, 200).
// src/Api/EventSubscriber/DeliverySubscriber.php runs DeliveryManager::setDefaults on this route (the first pickup
// gets the store's address, pickups without a time get one from the dropoff, the route's distance is measured in
// the tasks' order). Nothing validates the delivery: API Platform validates the controller's result, here the
// suggestions, so a task without an address or a latest time reaches the controller and fails there (500).
// src/Action/Delivery/SuggestOptimizations.php: fewer than 3 tasks, nothing to suggest; otherwise every task is a
// VROOM job with its time window (Task::fixTimeWindow: a latest time alone gets 15 minutes before it), one bike
// starting at the first task's address, no precedence between pickups and dropoffs; if VROOM leaves a job
// unassigned, nothing to suggest; otherwise the solved order is suggested only when its distance is shorter, with
// the gain in metres and the order as the indices of the tasks sent (features/deliveries_multi.feature l.581-640).
import { routeMeters } from './deliveryBodies.mjs';
import { internalError } from './http.mjs';

/** Up to this many tasks every order is tried (VROOM's optimum); beyond, the nearest reachable task comes next. */
const EXACT_UP_TO = 8;

/** By bike at 15 km/h, as the sandbox's routing service (deliveryBodies.mjs). */
const travelMs = (from, to) => Math.round((routeMeters(from, to) / 15000) * 3600) * 1000;

const distanceOf = (tasks) =>
	Math.round(
		tasks.slice(1).reduce((total, task, index) => total + routeMeters(tasks[index].address.geo, task.address.geo), 0),
	);

/**
 * The route of a bike through `order`, from the first task's place: it may wait for a task's earliest time, never
 * arrive after its latest. Its travel time, or undefined when a task cannot be reached in time.
 */
function travelTime(tasks, order) {
	let [place, clock, total] = [tasks[0].address.geo, -Infinity, 0];
	for (const index of order) {
		const task = tasks[index];
		const leg = travelMs(place, task.address.geo);
		clock = Math.max(clock + leg, task.after);
		if (clock > task.before) return undefined;
		[place, total] = [task.address.geo, total + leg];
	}
	return total;
}

function* permutations(items) {
	if (items.length <= 1) {
		yield items;
		return;
	}
	for (const [index, item] of items.entries()) {
		for (const rest of permutations([...items.slice(0, index), ...items.slice(index + 1)])) yield [item, ...rest];
	}
}

/** VROOM's answer: the quickest order that reaches every task in time, or undefined when some task is left out. */
function solve(tasks) {
	const indices = tasks.map((_task, index) => index);
	if (tasks.length <= EXACT_UP_TO) {
		let best;
		for (const order of permutations(indices)) {
			const time = travelTime(tasks, order);
			if (time !== undefined && (best === undefined || time < best.time)) best = { order, time };
		}
		return best?.order;
	}
	const order = [];
	const left = new Set(indices);
	while (left.size) {
		const next = [...left]
			.map((index) => ({ index, time: travelTime(tasks, [...order, index]) }))
			.filter((candidate) => candidate.time !== undefined)
			.sort((a, b) => a.time - b.time)[0];
		if (!next) return undefined;
		order.push(next.index);
		left.delete(next.index);
	}
	return order;
}

let genid = 0;
const node = (type, fields) => ({
	'@context': { '@vocab': '/api/docs.jsonld#', hydra: 'http://www.w3.org/ns/hydra/core#' },
	'@type': type,
	'@id': `/.well-known/genid/${(++genid).toString(16).padStart(20, '0')}`,
	...fields,
});

/** The answer to a suggest_optimizations body, for a store's API app. */
export function suggestOptimizations(state, body, store) {
	const tasks = state.readDelivery(body, store, { legacy: true, validate: false });
	if (tasks.some((task) => !task.address || task.before === undefined)) throw internalError();
	const suggestions = [];
	if (tasks.length >= 3) {
		const order = solve(tasks);
		if (order) {
			const saved = distanceOf(tasks) - distanceOf(order.map((index) => tasks[index]));
			if (saved > 0)
				suggestions.push(node('OptimizationSuggestion', { gain: { type: 'distance', amount: saved }, order }));
		}
	}
	return node('OptimizationSuggestions', { suggestions });
}
