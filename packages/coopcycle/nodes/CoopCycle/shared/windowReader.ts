import type { IDataObject } from 'n8n-workflow';

import {
	DIMENSIONS,
	describeInstant,
	dropoffTimeOf,
	isEmpty,
	isIn,
	isPinned,
	inRange,
	keyOf,
	queryOf,
	sortDeliveries,
	timesOf,
	withRange,
	type Bound,
	type Cell,
	type Dimension,
	type FetchPage,
	type Page,
	type Sort,
} from './windows';

/**
 * The reading of a store's delivery list by windows (see windows.ts for why, and for the windows): a window at a
 * time, in dropoff time order, cut in two when its page does not hold all it matches.
 */

/** One request is one page of 30 full deliveries: past this many, something is wrong, and the item says so. */
export const MAX_REQUESTS = 2000;

/** Fails the item with this message when the list cannot be read whole. */
export type Fail = (message: string, description: string) => never;

interface Job {
	cell: Cell;
	/** The window's first page, when it was read already. */
	page?: Page;
}

class WindowReader {
	private readonly found = new Map<string, IDataObject>();
	private readonly jobs: Job[] = [];
	private requests = 0;
	/** Windows are read in dropoff time order, so that a Limit can stop early. */
	private readonly order: Sort;

	constructor(
		private readonly fetchPage: FetchPage,
		private readonly sort: Sort,
		private readonly limit: number,
		private readonly fail: Fail,
	) {
		this.order = { by: 'dropoff.before', direction: sort.by === 'dropoff.before' ? sort.direction : 'asc' };
	}

	async fetch(cell: Cell, order: Sort = this.order): Promise<Page> {
		if (DIMENSIONS.some((dimension) => isEmpty(cell[dimension]))) return { members: [], total: 0 };
		if (++this.requests > MAX_REQUESTS) {
			this.fail(
				`Get Many stopped after ${MAX_REQUESTS} requests without having read every delivery`,
				'Narrow the list with the Dropoff or Pickup filters, or use a Limit.',
			);
		}
		const page = await this.fetchPage(queryOf(cell, order));
		for (const member of page.members) this.found.set(keyOf(member), member);
		return page;
	}

	async read(base: Cell): Promise<IDataObject[]> {
		if (this.sort.by === 'createdAt') {
			// CoopCycle sorts by creation itself, but there is no creation-date filter to read further by:
			// when the first page is not the whole list, every matching delivery is read, then sorted here.
			const first = await this.fetch(base, this.sort);
			if (first.total > first.members.length) await this.readAll(base);
		} else {
			await this.readAll(base);
		}
		return sortDeliveries([...this.found.values()], this.sort);
	}

	private async readAll(base: Cell): Promise<void> {
		this.jobs.push({ cell: base });
		while (this.jobs.length && !this.hasEnough()) {
			const job = this.takeNextJob();
			const page = job.page ?? (await this.fetch(job.cell));
			if (page.total <= page.members.length) continue;
			const dimension = DIMENSIONS.find((candidate) => !isPinned(job.cell[candidate]));
			if (dimension) await this.split(job.cell, dimension, page);
			else await this.readInstant(job.cell, page);
		}
	}

	/** The pending window that comes first in reading order. */
	private takeNextJob(): Job {
		const ascending = this.order.direction === 'asc';
		let best = 0;
		for (let index = 1; index < this.jobs.length; index++) {
			if (this.comesFirst(this.jobs[index].cell, this.jobs[best].cell, ascending)) best = index;
		}
		return this.jobs.splice(best, 1)[0];
	}

	private comesFirst(a: Cell, b: Cell, ascending: boolean): boolean {
		const side = ascending ? 'from' : 'to';
		const [boundA, boundB] = [a['dropoff.before']?.[side], b['dropoff.before']?.[side]];
		if (!boundA || !boundB) return !boundA && !!boundB;
		return ascending ? boundA.at < boundB.at : boundA.at > boundB.at;
	}

	/**
	 * With a Limit and a dropoff-time sort: whether the deliveries already read include the first `limit` ones.
	 * Every delivery with a dropoff before the earliest pending window has been read (a window is done only
	 * when every delivery with a task in it is), so those read and before it are the first ones.
	 */
	private hasEnough(): boolean {
		if (!Number.isFinite(this.limit) || this.sort.by !== 'dropoff.before') return false;
		const ascending = this.order.direction === 'asc';
		let edge: Bound | undefined;
		for (const job of this.jobs) {
			const bound = job.cell['dropoff.before']?.[ascending ? 'from' : 'to'];
			if (!bound) return false;
			if (!edge || (ascending ? bound.at < edge.at : bound.at > edge.at) || (bound.at === edge.at && !bound.strict)) {
				edge = bound;
			}
		}
		if (!edge) return false;
		const safe = (time: string) =>
			ascending
				? time < edge.at || (edge.strict && time === edge.at)
				: time > edge.at || (edge.strict && time === edge.at);
		let count = 0;
		for (const delivery of this.found.values()) if (safe(dropoffTimeOf(delivery))) count++;
		return count >= this.limit;
	}

	/** Cuts a window that holds more than its page at a time seen in the page, on one dimension. */
	private async split(cell: Cell, dimension: Dimension, page: Page): Promise<void> {
		const range = cell[dimension] ?? {};
		const perMember = page.members.map((member) =>
			(timesOf(member, dimension) ?? []).filter((time) => inRange(range, time)).sort(),
		);
		const seen = [...new Set(perMember.flat())].sort();
		if (seen.length === 0) {
			this.fail(
				'Get Many could not read the list: CoopCycle’s answer does not show the task times it filtered on',
				'Please report this, with the CoopCycle version of the cooperative.',
			);
		}
		const ordered = dimension === this.order.by;
		const ascending = this.order.direction === 'asc';
		let at: string;
		if (ordered && ascending) at = perMember.reduce((max, times) => (times[0] > max ? times[0] : max), seen[0]);
		else if (ordered) at = perMember.reduce((min, times) => (times.at(-1)! < min ? times.at(-1)! : min), seen.at(-1)!);
		else at = seen[Math.floor(seen.length / 2)];

		const pinned = withRange(cell, dimension, { from: { at, strict: false }, to: { at, strict: false } });
		const below = withRange(cell, dimension, { to: { at, strict: true } });
		const above = withRange(cell, dimension, { from: { at, strict: false } });
		let sides: [Cell, Cell];
		if (range.from?.at === at && !range.from.strict) {
			// `at` is where the window starts: that instant alone, then what comes after it.
			sides = [pinned, withRange(cell, dimension, { from: { at, strict: true } })];
		} else if (range.to?.at === at && !range.to.strict) {
			// `at` is where the window ends: that instant alone, then what comes before it.
			sides = [pinned, below];
		} else if (ordered) {
			// The page holds the earliest (or latest) times: it covers that side of `at`; the other is read next.
			sides = ascending ? [below, above] : [above, below];
		} else {
			// No order on this dimension: the page may sit on either side; take the fuller one as covered.
			const count = (side: Cell) => page.members.filter((member) => isIn(member, side)).length;
			sides = count(above) > count(below) ? [above, below] : [below, above];
		}
		const [covered, next] = sides;
		const nextPage = await this.fetch(next);
		this.jobs.push({ cell: next, page: nextPage });
		if (!this.proves(covered, next, cell, page, nextPage)) this.jobs.push({ cell: covered });
	}

	/**
	 * Whether every delivery of `covered` that `page` lacks is in `next` (and so is read there). `covered` and
	 * `next` split `cell`, so cell = (covered without next) + next; the counts give the size of the first part,
	 * and the page shows how many of it were read. Any doubt (unknown tasks, an answer that disagrees with the
	 * times shown) means no: the covered side is then read like any window.
	 */
	private proves(covered: Cell, next: Cell, cell: Cell, page: Page, nextPage: Page): boolean {
		let onlyCovered = 0;
		for (const member of page.members) {
			const [inCell, inCovered, inNext] = [isIn(member, cell), isIn(member, covered), isIn(member, next)];
			if (inCell !== true || inCovered === undefined || inNext === undefined || !(inCovered || inNext)) return false;
			if (inCovered && !inNext) onlyCovered++;
		}
		if (nextPage.members.some((member) => isIn(member, next) !== true)) return false;
		return onlyCovered === page.total - nextPage.total;
	}

	/** A window where every task time is one instant and more deliveries than a page share it. */
	private async readInstant(cell: Cell, page: Page): Promise<void> {
		// Without any time left to cut on, CoopCycle's creation order still gives the oldest and the newest 30.
		const keys = new Set(page.members.map(keyOf));
		for (const direction of ['asc', 'desc'] as const) {
			const ends = await this.fetch(cell, { by: 'createdAt', direction });
			for (const member of ends.members) keys.add(keyOf(member));
		}
		if (keys.size >= page.total) return;
		this.fail(
			`Get Many could not read every delivery: ${page.total} deliveries have exactly the same times (${describeInstant(cell)}), and CoopCycle’s list shows only ${keys.size} of them`,
			'CoopCycle’s delivery list cannot be paged (it fails on page numbers), so the node reads it by time; these deliveries cannot be told apart by time. Ask the cooperative for a list of them.',
		);
	}
}

/**
 * Reads the deliveries of `base` (the user's filters) in `sort` order: all of them, or at least the first `limit`
 * (it stops reading once it has them, and leaves the cut to its caller). Calls `fail` when the list cannot be
 * read whole.
 */
export async function readDeliveries(
	fetchPage: FetchPage,
	base: Cell,
	sort: Sort,
	limit: number,
	fail: Fail,
): Promise<IDataObject[]> {
	return await new WindowReader(fetchPage, sort, limit, fail).read(base);
}
