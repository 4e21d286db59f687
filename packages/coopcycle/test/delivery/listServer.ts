import type { IDataObject } from 'n8n-workflow';

import { coopCycle, INSTANCE, ME } from '../fixtures';

/**
 * A store's delivery list answered the way CoopCycle serves GET /api/stores/{id}/deliveries, for nock. The same
 * behaviours as the sandbox's delivery list (test/sandbox/coopcycle/deliveryList.mjs names the upstream files):
 * - any scalar query parameter (page, itemsPerPage, pagination…) is a 500, so only a first page exists;
 * - 30 rows a page, a delivery filling one row per dropoff when sorted by dropoff time;
 * - `<task>.<before|after>[after|before|strictly_after|strictly_before]` compared with the tasks' local wall
 *   clock, any offset in the text ignored, a day alone meaning its midnight;
 * - equal sort values in an order that changes from one request to the next;
 * - `hydra:totalItems`, and a `hydra:next` link with page=2 that leads to the 500.
 */

export interface ListedDelivery {
	id: number;
	/** Local wall-clock times, `YYYY-MM-DDTHH:MM:SS`. */
	pickup: { after: string; before: string };
	dropoffs: Array<{ after: string; before: string }>;
	/** Seconds; deliveries made in the same second share it. */
	createdAt: number;
}

/** The offset the fake instance writes its times with. */
const OFFSET = '+02:00';

export function listedDelivery(
	id: number,
	dropoffBefore: string,
	{
		dropoffAfter,
		pickupBefore,
		pickupAfter,
		extraDropoffs = [],
		createdAt = id,
	}: {
		dropoffAfter?: string;
		pickupBefore?: string;
		pickupAfter?: string;
		extraDropoffs?: string[];
		createdAt?: number;
	} = {},
): ListedDelivery {
	const earlier = (time: string, minutes: number) =>
		new Date(Date.parse(`${time}Z`) - minutes * 60000).toISOString().slice(0, 19);
	const pickupLatest = pickupBefore ?? earlier(dropoffBefore, 30);
	return {
		id,
		pickup: { after: pickupAfter ?? earlier(pickupLatest, 15), before: pickupLatest },
		dropoffs: [
			...extraDropoffs.map((before) => ({ after: earlier(before, 60), before })),
			{ after: dropoffAfter ?? earlier(dropoffBefore, 60), before: dropoffBefore },
		],
		createdAt,
	};
}

function taskJson(id: number, type: 'PICKUP' | 'DROPOFF', times: { after: string; before: string }): IDataObject {
	return {
		'@id': `/api/tasks/${id}`,
		'@type': 'Task',
		id,
		type,
		status: 'TODO',
		after: `${times.after}${OFFSET}`,
		before: `${times.before}${OFFSET}`,
		doneAfter: `${times.after}${OFFSET}`,
		doneBefore: `${times.before}${OFFSET}`,
	};
}

export function deliveryJson(delivery: ListedDelivery): IDataObject {
	const tasks = [
		taskJson(delivery.id * 10, 'PICKUP', delivery.pickup),
		...delivery.dropoffs.map((times, index) => taskJson(delivery.id * 10 + index + 1, 'DROPOFF', times)),
	];
	return {
		'@id': `/api/deliveries/${delivery.id}`,
		'@type': 'http://schema.org/ParcelDelivery',
		id: delivery.id,
		tasks,
		pickup: tasks[0],
		dropoff: tasks[tasks.length - 1],
		trackingUrl: `${INSTANCE}/d/abc${delivery.id}`,
	};
}

/** The wall clock PostgreSQL reads in a filter's text, or undefined when it cannot (a 500). */
function filterWallClock(text: string): string | undefined {
	const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(
		text.trim(),
	);
	if (!match) return undefined;
	return `${match[1]}T${match[2] ?? '00'}:${match[3] ?? '00'}:${match[4] ?? '00'}`;
}

const SERVER_ERROR = {
	'@context': '/api/contexts/Error',
	'@type': 'hydra:Error',
	'hydra:title': 'An error occurred',
	'hydra:description': 'Internal Server Error',
};

export interface ListLog {
	/** The query of each request, as CoopCycle's PHP reads it. */
	queries: Array<Record<string, string | Record<string, string>>>;
	statuses: number[];
}

/** A nock reply function serving `deliveries` at `path`, recording each request in `log`. */
export function deliveryListReply(path: string, deliveries: ListedDelivery[], log: ListLog) {
	return (uri: string): [number, IDataObject] => {
		const answer = serve(uri);
		log.statuses.push(answer[0]);
		return answer;
	};

	function serve(uri: string): [number, IDataObject] {
		const url = new URL(uri, INSTANCE);
		const query: Record<string, string | Record<string, string>> = {};
		for (const [key, value] of url.searchParams) {
			const match = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
			if (!match) query[key] = value;
			else
				query[match[1]] = {
					...(typeof query[match[1]] === 'object' ? (query[match[1]] as object) : {}),
					[match[2]]: value,
				};
		}
		log.queries.push(query);
		if (Object.values(query).some((value) => typeof value !== 'object')) return [500, SERVER_ERROR];

		let list = deliveries;
		for (const [name, operators] of Object.entries(query)) {
			const filter = /^(pickup|dropoff)\.(before|after)$/.exec(name);
			if (!filter) continue;
			const tests: Array<(time: string) => boolean> = [];
			for (const [operator, text] of Object.entries(operators as Record<string, string>)) {
				const limit = filterWallClock(text);
				if (limit === undefined) return [500, SERVER_ERROR];
				if (operator === 'after') tests.push((time) => time >= limit);
				if (operator === 'before') tests.push((time) => time <= limit);
				if (operator === 'strictly_after') tests.push((time) => time > limit);
				if (operator === 'strictly_before') tests.push((time) => time < limit);
			}
			const field = filter[2] as 'before' | 'after';
			list = list.filter((delivery) =>
				(filter[1] === 'pickup' ? [delivery.pickup] : delivery.dropoffs).some((task) =>
					tests.every((test) => test(task[field])),
				),
			);
		}

		const order = (query.order ?? {}) as Record<string, string>;
		const requestNumber = log.queries.length;
		const tie = (id: number) => ((id * 2654435761 + requestNumber * 40503) >>> 0) % 1000003;
		let rows: Array<{ delivery: ListedDelivery; key: string | number }>;
		let direction = 1;
		if (order['dropoff.before']) {
			direction = order['dropoff.before'] === 'desc' ? -1 : 1;
			rows = list.flatMap((delivery) => delivery.dropoffs.map((task) => ({ delivery, key: task.before })));
		} else if (order.createdAt) {
			direction = order.createdAt === 'desc' ? -1 : 1;
			rows = list.map((delivery) => ({ delivery, key: delivery.createdAt }));
		} else {
			rows = list.map((delivery) => ({ delivery, key: delivery.id }));
		}
		rows.sort((a, b) =>
			a.key === b.key ? tie(a.delivery.id) - tie(b.delivery.id) : (a.key < b.key ? -1 : 1) * direction,
		);
		const page = [...new Set(rows.slice(0, 30).map((row) => row.delivery))];
		const next = new URLSearchParams(url.searchParams);
		next.set('page', '2');
		return [
			200,
			{
				'@context': '/api/contexts/Delivery',
				'@id': path,
				'@type': 'hydra:Collection',
				'hydra:member': page.map(deliveryJson),
				'hydra:totalItems': list.length,
				'hydra:view': {
					'@id': `${path}${url.search}`,
					'@type': 'hydra:PartialCollectionView',
					...(list.length > 30 ? { 'hydra:next': `${path}?${next.toString()}` } : {}),
				},
			},
		];
	}
}

/** The list route of the store of the tests' API app (ME). */
export const LIST = '/api/stores/3/deliveries';

/** The store's list served as CoopCycle serves it, and what the node asked of it. */
export function storeList(deliveries: ListedDelivery[]): ListLog {
	const { api } = coopCycle();
	const log: ListLog = { queries: [], statuses: [] };
	api.get('/api/me').reply(200, ME);
	api
		.get(LIST)
		.query(true)
		.times(1000)
		.optionally()
		.reply(deliveryListReply(LIST, deliveries, log));
	return log;
}
