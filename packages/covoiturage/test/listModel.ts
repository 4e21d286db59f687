import nock from 'nock';

import { API, REGISTRY } from './fixtures';

/**
 * The registry's list route (GET /journeys) as nock answers it in the routing tests, modelled on its SQL
 * (CarpoolStatusRepository.getOperatorJourneyIdByStatus): the journeys that started in `start <= start_datetime
 * < end`, then LIMIT and OFFSET, with no ORDER BY. Postgres may then give the rows in a different order at each
 * query: `shuffle` gives each request an order of its own (the same in every run). `leaveAfterEachRequest`
 * journeys leave the listed status after each request, as pending journeys do when the registry's checks finish
 * while the pages are read.
 */

export interface Listed {
	id: string;
	/** When the journey started, in milliseconds. */
	start: number;
}

export interface ListModelOptions {
	shuffle?: boolean;
	leaveAfterEachRequest?: number;
	/** The registry's defaults for a missing start or end (ListJourneyAction.applyDefault), as the test's clock has them. */
	defaultStart?: string;
	defaultEnd?: string;
}

/** FNV-1a: a hash of a text, to order rows "at random" the same way in every run. */
function hash(text: string): number {
	let value = 2166136261;
	for (let index = 0; index < text.length; index++) {
		value ^= text.charCodeAt(index);
		value = Math.imul(value, 16777619) >>> 0;
	}
	return value;
}

export function registryList(journeys: Listed[], options: ListModelOptions = {}) {
	const listed = [...journeys];
	const requests: Array<Record<string, string>> = [];
	nock(REGISTRY)
		.persist()
		.get(`${API}/journeys`)
		.query(true)
		.reply((uri) => {
			const query = Object.fromEntries(new URL(uri, REGISTRY).searchParams);
			requests.push(query);
			const start = Date.parse(query.start ?? options.defaultStart ?? '');
			const end = Date.parse(query.end ?? options.defaultEnd ?? '');
			const limit = Number(query.limit ?? 50);
			const offset = Number(query.offset ?? 0);
			let rows = listed.filter((journey) => journey.start >= start && journey.start < end);
			if (options.shuffle) {
				const order = requests.length;
				rows = [...rows].sort((a, b) => hash(`${order}:${a.id}`) - hash(`${order}:${b.id}`));
			}
			const page = rows.slice(offset, offset + limit).map((journey) => ({ operator_journey_id: journey.id }));
			listed.splice(0, options.leaveAfterEachRequest ?? 0);
			return [200, page];
		});
	return {
		/** The query of each request, in order. */
		requests,
		/** The journeys still listed now. */
		listed: () => listed.map((journey) => journey.id),
	};
}

/** `count` journeys starting every `everyMs` from `fromMs`, named `${prefix}${index}`. */
export function journeysEvery(prefix: string, count: number, fromMs: number, everyMs: number): Listed[] {
	return Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index}`, start: fromMs + index * everyMs }));
}
