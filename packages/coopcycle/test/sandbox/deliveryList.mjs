// The store's delivery list, GET /api/stores/{id}/deliveries, as coopcycle-web serves it (see listDeliveries).
import { collection, hashToUnit, internalError, phpQuery, PAGE_SIZE } from './http.mjs';

export function deliveryList(state) {
	const { deliveries, tasks, time, deliveryJson } = state;

	/**
	 * GET /api/stores/{id}/deliveries as coopcycle-web serves it (src/Entity/Delivery.php, second ApiResource),
	 * through API Platform 3.4 and Doctrine ORM 2.20:
	 * - src/Api/Filter/DeliveryOrderFilter.php calls array_keys() on the value of every query parameter
	 *   (api-platform/core AbstractFilter::apply hands it all of them, unguarded), so any scalar parameter, such
	 *   as page, itemsPerPage or pagination, is a TypeError: 500. Only the first page can ever be read, even
	 *   though hydra:view offers a hydra:next with page=2;
	 * - src/Api/Filter/DeliveryTaskDateFilter.php: `<pickup|dropoff>.<before|after>[after|before|strictly_after|
	 *   strictly_before]` keeps deliveries with one task of that type whose doneBefore/doneAfter compares so with
	 *   the text given (one join per parameter name: all the operators of one name apply to the same task);
	 * - order[createdAt] (API Platform OrderFilter, applied first) and order[dropoff.before] (DeliveryOrderFilter,
	 *   which joins every dropoff task of the delivery and passes its direction to Doctrine as it came: anything
	 *   but asc/desc is a 500). Without any order, API Platform's OrderExtension sorts by id. Equal values come
	 *   back in no set order (here: an order that changes with each request);
	 * - 30 a page, counted as Doctrine's paginator does with its DISTINCT (id, order column) subquery: a
	 *   delivery with two dropoffs fills two of the 30 rows. hydra:totalItems counts distinct deliveries.
	 */
	function listDeliveries(request, store) {
		const parameters = phpQuery(request.query);
		if (Object.values(parameters).some((value) => typeof value !== 'object')) throw internalError();
		const requestNumber = ++state.stats.listRequests;

		let list = [...deliveries.values()].filter((delivery) => delivery.store === store.id);
		for (const [name, operators] of Object.entries(parameters)) {
			const filter = /^(pickup|dropoff)\.(before|after)$/.exec(name);
			if (!filter) continue;
			const conditions = [];
			for (const [operator, text] of Object.entries(operators)) {
				if (!['after', 'before', 'strictly_after', 'strictly_before'].includes(operator)) continue;
				const limit = time.filterValue(text);
				if (limit === undefined) throw internalError(); // PostgreSQL: invalid input syntax for type timestamp
				conditions.push((wall) =>
					operator === 'after'
						? wall >= limit
						: operator === 'before'
							? wall <= limit
							: operator === 'strictly_after'
								? wall > limit
								: wall < limit,
				);
			}
			const [type, field] = [filter[1].toUpperCase(), filter[2]];
			list = list.filter((delivery) =>
				delivery.tasks
					.map((id) => tasks.get(id))
					.some((task) => task.type === type && conditions.every((test) => test(time.wallOf(task[field])))),
			);
		}

		const order = parameters.order ?? {};
		const keys = [];
		const createdAtDirection = String(order.createdAt ?? '').toLowerCase();
		if (['asc', 'desc'].includes(createdAtDirection))
			keys.push({ of: (row) => row.delivery.createdAt, direction: createdAtDirection });
		if (order['dropoff.before'] !== undefined) {
			const direction = String(order['dropoff.before']).toLowerCase();
			if (!['asc', 'desc'].includes(direction)) throw internalError();
			keys.push({ of: (row) => row.dropoffBefore, direction });
		}
		let rows = list.map((delivery) => ({ delivery }));
		if (order['dropoff.before'] !== undefined) {
			rows = list.flatMap((delivery) => {
				const times = delivery.tasks
					.map((id) => tasks.get(id))
					.filter((task) => task.type === 'DROPOFF')
					.map((task) => task.before);
				return [...new Set(times)].map((dropoffBefore) => ({ delivery, dropoffBefore }));
			});
		}
		if (keys.length === 0) keys.push({ of: (row) => row.delivery.id, direction: 'asc' });
		const tie = (row) => hashToUnit(requestNumber, row.delivery.id);
		rows.sort((a, b) => {
			for (const { of, direction } of keys) {
				if (of(a) !== of(b)) return (of(a) < of(b) ? -1 : 1) * (direction === 'desc' ? -1 : 1);
			}
			return tie(a) - tie(b);
		});
		const page = [...new Set(rows.slice(0, PAGE_SIZE).map((row) => row.delivery))];

		return collection(request, request.path, list, {
			firstPage: page.map((delivery) => deliveryJson(delivery)),
			context: '/api/contexts/Delivery',
		});
	}

	return { listDeliveries };
}
