import type { IDataObject } from 'n8n-workflow';

/**
 * What the Covoiturage Trigger remembers between polls, in the workflow's static data (n8n saves it with the
 * workflow, so it survives restarts): for each watched status, the ids of the journeys the registry listed with
 * it, each with the registry day it was last listed on.
 *
 * The list route gives no dates, only ids, but it only lists journeys that started in the 90 days before the
 * registry's today. An id listed on day D started before D; 90 days after D it can be listed by no request at
 * all, whatever the look-back. So an id not listed for 90 days is forgotten: it can never come back, and what is
 * remembered is at most the journeys listed in the last 90 days.
 */

export interface WatchMemory {
	/** Status → journey id → the registry day ("YYYY-MM-DD", the UTC date) it was last listed with that status. */
	seen: Record<string, Record<string, string>>;
}

/** A journey that has a watched status it did not have in the memory: one item to emit. */
export interface Fresh {
	id: string;
	status: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** How long an id no longer listed is remembered: the registry's list reaches 90 days back. */
export const FORGET_AFTER_DAYS = 90;

/** The memory in static data, or an empty one (first activation). */
export function readMemory(staticData: IDataObject): WatchMemory {
	const seen = staticData.seen;
	return { seen: seen && typeof seen === 'object' ? (seen as WatchMemory['seen']) : {} };
}

/**
 * The memory after a poll, and what is new. `listed` holds, for each watched status, every id the registry
 * listed with it in this poll. A status the memory has no entry for (the first poll, or a status added to the
 * watch list since) is a baseline: its journeys are remembered and not emitted, unless `emitExisting`. Statuses no
 * longer watched are dropped; ids not listed for FORGET_AFTER_DAYS are forgotten.
 */
export function nextMemory(
	previous: WatchMemory,
	listed: Record<string, string[]>,
	today: string,
	emitExisting: boolean,
): { memory: WatchMemory; fresh: Fresh[] } {
	const fresh: Fresh[] = [];
	const seen: WatchMemory['seen'] = {};
	const oldest = Date.parse(today) - FORGET_AFTER_DAYS * DAY_MS;
	for (const [status, ids] of Object.entries(listed)) {
		const known = previous.seen[status];
		const remembered: Record<string, string> = {};
		for (const [id, day] of Object.entries(known ?? {})) {
			if (Date.parse(day) >= oldest) remembered[id] = day;
		}
		for (const id of ids) {
			if (known ? !(id in known) : emitExisting) fresh.push({ id, status });
			remembered[id] = today;
		}
		seen[status] = remembered;
	}
	return { memory: { seen }, fresh };
}
