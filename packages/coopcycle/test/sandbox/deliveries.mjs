// The delivery routes: create, check (assert), quotes and their confirmation, get, cancel, pick, drop, update,
// suggest_optimizations (optimizations.mjs); and the price of a delivery (/api/retail_prices/calculate).
import { hydraError, requireLdJson } from './http.mjs';
import { suggestOptimizations } from './optimizations.mjs';
import { paymentMethodOf } from './paymentMethods.mjs';

export function deliveryRoutes(state, { needScope }) {
	const { counters, deliveries, tasks, quotes, events, stores, time, deliveryJson, ownDelivery } = state;
	const { readTask, readDelivery, priceOf } = state;

	function createDelivery(read, store) {
		const delivery = {
			id: ++counters.delivery,
			store: store.id,
			tasks: [],
			createdAt: Math.floor(Date.now() / 1000) * 1000,
			price: priceOf(read),
		};
		for (const task of read) {
			const id = ++counters.task;
			tasks.set(id, { ...task, id, delivery: delivery.id, createdAt: delivery.createdAt });
			delivery.tasks.push(id);
			addEvent(id, 'task:created');
		}
		deliveries.set(delivery.id, delivery);
		return delivery;
	}

	function addEvent(taskId, name) {
		events.push({
			'@id': `/api/task_events/${++counters.event}`,
			'@type': 'TaskEvent',
			task: taskId,
			name,
			data: [],
			createdAt: time.format(Date.now()),
		});
		// Task events also send the store's webhooks (see webhooks.mjs).
		state.onTaskEvent?.(tasks.get(taskId), name);
	}

	/** Its routes: the answer, or undefined for a route of another group. */
	function route(request, auth, { resource, first, second, third, number }) {
		const { method, query } = request;
		const body = request.body;

		if (resource === 'deliveries') {
			needScope(auth, 'deliveries');
			const store = stores.get(auth.client.store);
			if (!store) throw hydraError(403, 'Not authorized to create deliveries');
			if (method === 'POST' && !first) {
				requireLdJson(request);
				const delivery = createDelivery(readDelivery(body, store), store);
				// Checked once the delivery exists (see paymentMethods.mjs).
				delivery.paymentMethod = paymentMethodOf(state, body, store);
				return [201, deliveryJson(delivery)];
			}
			if (method === 'POST' && first === 'suggest_optimizations')
				return [200, suggestOptimizations(state, body, store)];
			if (method === 'POST' && first === 'assert') {
				readDelivery(body, store, { legacy: true, check: true });
				return [200, []];
			}
			if (method === 'POST' && first === 'quotes') {
				// src/Api/State/DeliveryQuoteProcessor.php: priced from the request, which is stored as it came.
				const read = readDelivery(body, store);
				const id = ++counters.quote;
				quotes.set(id, { id, store: store.id, payload: structuredClone(body), amount: priceOf(read) });
				return [
					201,
					{
						'@context': '/api/contexts/DeliveryQuote',
						'@id': `/api/delivery_quotes/${id}`,
						'@type': 'DeliveryQuote',
						amount: priceOf(read),
						currency: 'EUR',
						expiresAt: time.format(Date.now() + 86400000),
					},
				];
			}
			if (method === 'PUT' && first === 'quotes' && number(second) !== undefined && third === 'confirm') {
				const quote = quotes.get(number(second));
				if (!quote) throw hydraError(404, 'Not Found');
				if (quote.store !== store.id) throw hydraError(403, 'Access Denied.');
				const delivery = createDelivery(readDelivery(quote.payload, store, { legacy: true }), store);
				delivery.price = quote.amount;
				return [
					200,
					{
						'@context': '/api/contexts/DeliveryQuote',
						'@id': `/api/deliveries/quotes/${quote.id}/confirm`,
						'@type': 'DeliveryQuote',
						delivery: `/api/deliveries/${delivery.id}`,
					},
				];
			}
			const id = number(first);
			if (id !== undefined) {
				const delivery = ownDelivery(auth, id);
				const own = delivery.tasks.map((taskId) => tasks.get(taskId));
				if (method === 'GET' && !second) return [200, deliveryJson(delivery)];
				if (method === 'DELETE' && !second) {
					if (own.some((task) => task.assignedTo)) throw hydraError(400, 'Tasks have already been assigned');
					for (const task of own)
						if (task.status !== 'CANCELLED') {
							task.status = 'CANCELLED';
							addEvent(task.id, 'task:cancelled');
						}
					return [204, undefined];
				}
				if (method === 'PUT' && (second === 'pick' || second === 'drop')) {
					const pickup = own.find((task) => task.type === 'PICKUP');
					const target = second === 'pick' ? pickup : own.findLast((task) => task.type === 'DROPOFF');
					// Wrong order or done twice: CoopCycle's handler throws, hence a 500.
					if (target.status === 'DONE' || (second === 'drop' && pickup.status !== 'DONE'))
						throw hydraError(500, 'Internal Server Error');
					target.status = 'DONE';
					if (body?.comments) target.comments = body.comments;
					addEvent(target.id, 'task:done');
					return [200, deliveryJson(delivery, `/api/deliveries/${id}/${second}`)];
				}
				if (method === 'PUT' && !second) {
					// src/Api/State/DeliveryCreateOrUpdateProcessor.php l.131-186: the order is priced again only in
					// the ROLE_DISPATCHER branch; a store's API app changes the tasks and keeps the old price.
					if (Array.isArray(body?.tasks)) {
						// Tasks left out of the list are cancelled, those without id are added.
						const kept = new Set(body.tasks.filter((task) => task.id).map((task) => Number(task.id)));
						for (const task of own) if (!kept.has(task.id) && task.status !== 'CANCELLED') task.status = 'CANCELLED';
						body.tasks.forEach((input, index) => {
							if (input.id && tasks.has(Number(input.id)))
								Object.assign(
									tasks.get(Number(input.id)),
									readTask(input, undefined, index, store.id, { partialOf: tasks.get(Number(input.id)) }),
								);
							else {
								const taskId = ++counters.task;
								tasks.set(taskId, {
									...readTask(input, String(input.type ?? 'DROPOFF').toUpperCase(), index, store.id),
									id: taskId,
									delivery: id,
								});
								delivery.tasks.push(taskId);
							}
						});
					} else {
						['pickup', 'dropoff'].forEach((kind, index) => {
							if (!body?.[kind]) return;
							const task =
								kind === 'pickup' ? own.find((t) => t.type === 'PICKUP') : own.findLast((t) => t.type === 'DROPOFF');
							Object.assign(task, readTask(body[kind], task.type, index, store.id, { partialOf: task }));
						});
					}
					return [200, deliveryJson(delivery)];
				}
			}
		}

		if (resource === 'retail_prices' && first === 'calculate' && method === 'POST') {
			needScope(auth, 'deliveries');
			const amount = priceOf(readDelivery(body, stores.get(auth.client.store)));
			const excluded = query.get('tax') === 'excluded';
			const total = excluded ? Math.round(amount / 1.2) : amount;
			return [
				200,
				{
					'@context': '/api/contexts/RetailPrice',
					'@id': '/api/retail_prices/calculate',
					'@type': 'RetailPrice',
					amount: total,
					currency: 'EUR',
					tax: { amount: excluded ? 0 : amount - Math.round(amount / 1.2), included: !excluded },
				},
			];
		}
	}

	return { createDelivery, addEvent, route };
}
