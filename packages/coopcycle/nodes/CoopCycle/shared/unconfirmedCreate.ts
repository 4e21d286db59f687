import { sleep, type IDataObject, type IExecutePaginationFunctions, type INodeExecutionData } from 'n8n-workflow';

import { utcText, wallClockOf } from '../../shared/dates';
import { failItem } from '../../shared/failItem';
import type { Api } from '../../shared/route';
import { networkErrorCode, type UnconfirmedRequest } from '../../shared/transport';
import { textOf } from '../../shared/values';
import { apiAppOf } from './apiApp';
import { membersOf } from './hydra';
import { carriesKey, ITEM_KEY, itemKeyOf, keyedDropoffOf } from './itemKey';
import { readDeliveries } from './windowReader';
import { queryOf, type Cell, type FetchPage } from './windows';

/**
 * After a create, pick-up, drop-off or cancel that CoopCycle did not confirm (a 504 from its gateway, a broken
 * connection): the work may be done, or still under way. nginx's `fastcgi_read_timeout` does not stop PHP-FPM,
 * which finishes the request and commits after the gateway gave up; so the node waits, looks, and looks once more
 * a little later before it says that nothing was done. The waits are a setting so that tests need not wait.
 */
export const unconfirmedChecks = { delaysMs: [2000, 5000] };

/** Waits, then asks `look` after each delay: its first answer, or undefined when none came. */
export async function lookAfterWaiting<T>(look: () => Promise<T | undefined>): Promise<T | undefined> {
	for (const delay of unconfirmedChecks.delaysMs) {
		if (delay > 0) await sleep(delay);
		const found = await look();
		if (found !== undefined) return found;
	}
	return undefined;
}

/** "2026-12-04T18:20:05Z": when the node last looked, for the messages. */
export const nowText = () => utcText(Math.floor(Date.now() / 1000) * 1000);

/** What CoopCycle's side answered instead of a confirmation, for the messages. */
export function whatHappened({ failure }: UnconfirmedRequest): string {
	if (failure.status !== undefined) return `CoopCycle's gateway answered ${failure.status} before CoopCycle did`;
	const code = networkErrorCode(failure.error);
	return `the connection broke after the request was sent${code ? ` (${code})` : ''}`;
}

/** The latest time of a task body as written: its `before`, or the end of its time slot. */
function latestTimeOf(task: IDataObject): string | undefined {
	const slot = textOf(task.timeSlot);
	const dayRange = /^(\d{4}-\d{2}-\d{2}) \d{1,2}:\d{2}-(\d{1,2}):(\d{2})$/.exec(slot);
	if (dayRange) return wallClockOf(`${dayRange[1]}T${dayRange[2].padStart(2, '0')}:${dayRange[3]}`);
	if (slot.includes('/')) return wallClockOf(slot.split('/')[1]);
	return wallClockOf(task.before ?? task.doneBefore);
}

const shifted = (wallClock: string, days: number) =>
	new Date(Date.parse(`${wallClock}Z`) + days * 86_400_000).toISOString().slice(0, 19);

/**
 * Where to look: the deliveries whose dropoff is due within a day of the item's (CoopCycle reads times in its own
 * time zone and ignores offsets, so a day either side covers any offset the item's time was written with).
 */
function lookupWindow(body: unknown): Cell | undefined {
	const dropoff = keyedDropoffOf(body);
	const at = dropoff ? latestTimeOf(dropoff) : undefined;
	if (!at) return undefined;
	return {
		'dropoff.before': { from: { at: shifted(at, -1), strict: false }, to: { at: shifted(at, 1), strict: false } },
	};
}

/** How many deliveries around the newest ones the node reads one by one, when the list cannot be read whole. */
const PROBED_DELIVERIES = 300;

const idOf = (delivery: IDataObject) => Number(/\/(\d+)$/.exec(textOf(delivery['@id']))?.[1] ?? delivery.id);

/**
 * The delivery that carries `key`, read one by one around the newest id seen. CoopCycle numbers deliveries in the
 * order it creates them, for all stores; its list sorts by a creation time to the second, so a batch's deliveries
 * tie, and the one looked for may be just above or below the newest id seen. Upwards until an id that does not
 * exist yet (404), then downwards; another store's deliveries answer 403 and are skipped, as are those seen.
 */
async function probeAround(api: Api, newestId: number, seen: Set<number>, key: string) {
	let status: string | undefined;
	const read = async (id: number) =>
		await api.get(`/api/deliveries/${id}`).catch((error: unknown) => {
			status = textOf((error as IDataObject).httpCode);
			return undefined;
		});
	for (let id = newestId + 1; id <= newestId + PROBED_DELIVERIES; id++) {
		if (seen.has(id)) continue;
		status = undefined;
		const delivery = await read(id);
		if (delivery && carriesKey(delivery, key)) return delivery;
		if (status === '404') break;
	}
	for (let id = newestId - 1; id > 0 && id >= newestId - PROBED_DELIVERIES; id--) {
		if (seen.has(id)) continue;
		const delivery = await read(id);
		if (delivery && carriesKey(delivery, key)) return delivery;
	}
	return undefined;
}

/**
 * The delivery that carries `key` among the store's deliveries of `window`, or undefined. The newest first: the
 * one looked for was created seconds ago, so the first page usually has it; else the window is read whole (the
 * Get Many reader); when it cannot be (more than 60 deliveries with the very same times, a batch for one slot),
 * the deliveries around the newest ones are read one by one. Calls `cannotRead` when none of that can tell.
 */
async function findKeyed(
	api: Api,
	listUrl: string,
	window: Cell | undefined,
	key: string,
	cannotRead: (why: string) => never,
) {
	const seen = new Map<number, IDataObject>();
	const fetchPage: FetchPage = async (query) => {
		const body = await api.get(listUrl, query);
		const total = Number(body['hydra:totalItems']);
		const members = membersOf(body);
		for (const member of members) seen.set(idOf(member), member);
		return { members, total: Number.isFinite(total) ? total : Infinity };
	};
	const keyedIn = () => [...seen.values()].find((delivery) => carriesKey(delivery, key));
	const newest = await fetchPage(queryOf(window ?? {}, { by: 'createdAt', direction: 'desc' }));
	if (keyedIn() || newest.total <= newest.members.length) return keyedIn();
	let unreadable = '';
	const all = window
		? await readDeliveries(fetchPage, window, { by: 'dropoff.before', direction: 'asc' }, Infinity, (why) => {
				unreadable = why;
				throw new Error(why);
			}).catch(async (error: unknown) => (unreadable ? undefined : await Promise.reject(error)))
		: undefined;
	if (all) return all.find((delivery) => carriesKey(delivery, key));
	// Pages the reader read before it gave up may hold it.
	const inPages = keyedIn();
	if (inPages) return inPages;
	const ids = [...seen.keys()].filter((id) => Number.isFinite(id));
	const probed = ids.length ? await probeAround(api, Math.max(...ids), new Set(ids), key) : undefined;
	if (probed) return probed;
	return cannotRead(
		unreadable ||
			'the item has no dropoff time to look by, and the store has more deliveries than CoopCycle lists at once',
	);
}

/**
 * resolveUnconfirmed of Delivery → Create: the delivery, marked `recovered`, when CoopCycle created it; else the
 * item fails with what is known.
 */
export async function findUnconfirmedDelivery(
	this: IExecutePaginationFunctions,
	api: Api,
	unconfirmed: UnconfirmedRequest,
): Promise<INodeExecutionData[]> {
	const said = whatHappened(unconfirmed);
	const body = unconfirmed.request.options.body;
	const key = itemKeyOf(body);
	if (key === undefined) {
		failItem(
			this,
			`CoopCycle did not confirm the creation of the delivery, which may exist (${said})`,
			`Item Key in Metadata is off, so the node cannot tell whether CoopCycle created it. Look for it with Delivery → Get Many before you run this item again, or you may order it twice.`,
		);
	}
	const cannotRead = (why: string): never =>
		failItem(
			this,
			`CoopCycle did not confirm the creation of the delivery, which may exist, and the node could not check: ${why}`,
			`Look with Delivery → Get Many for a delivery whose dropoff metadata has "${ITEM_KEY}": "${key}" before you run this item again.`,
		);
	const lookUp = async () => {
		const me = await apiAppOf(this, api);
		const listUrl = `${textOf(me.store)}/deliveries`;
		const window = lookupWindow(body);
		return await lookAfterWaiting(async () => await findKeyed(api, listUrl, window, key, cannotRead));
	};
	// A failure of the look-up itself (CoopCycle still overloaded, say) must not read as the create's answer.
	const looked = await lookUp().then(
		(found) => ({ found }),
		(error: Error) => ({ error }),
	);
	if ('error' in looked) {
		if (looked.error.message.startsWith('CoopCycle did not confirm'))
			failItem(this, looked.error.message, (looked.error as { description?: string }).description);
		cannotRead(`reading your store's deliveries failed (${looked.error.message})`);
	}
	const { found } = looked as { found: IDataObject | undefined };
	if (found) return [{ json: { ...found, recovered: true } }];
	failItem(
		this,
		`CoopCycle did not confirm the creation of the delivery; no delivery with ${ITEM_KEY} "${key}" was found at ${nowText()}`,
		`${said[0].toUpperCase()}${said.slice(1)}. The node looked for the item’s key in your store’s deliveries (after waiting for CoopCycle to finish) and did not find it: run the item again to create it.`,
	);
}
