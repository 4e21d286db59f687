import { DateTime } from 'luxon';

/**
 * Dates as fields and expressions give them, read one way for both nodes: text with or without a time zone, a
 * JavaScript Date, or a Luxon DateTime (what `{{ $now }}` and `{{ $today }}` give). Each service's own rules (the
 * registry's "today", CoopCycle's local times) are thin helpers on top of these.
 */

/** A Luxon DateTime, from whichever copy of Luxon the expression that made it used. */
interface DateTimeLike {
	toISO(): string | null;
}

const isDateTime = (value: unknown): value is DateTimeLike =>
	typeof value === 'object' && value !== null && typeof (value as DateTimeLike).toISO === 'function';

/**
 * A date as text: a DateTime in ISO 8601 with its own offset, a JavaScript Date in UTC ("…Z"), text as written
 * (trimmed); '' for nothing.
 */
export function dateText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (value instanceof Date) return value.toISOString();
	if (isDateTime(value)) return String(value.toISO());
	return String(value).trim();
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/**
 * The local date and time written in a date, "YYYY-MM-DDTHH:MM:SS", with any offset left out; undefined when it
 * does not start with a date that exists (2025-02-30 does not).
 */
export function wallClockOf(value: unknown): string | undefined {
	const match = WALL_CLOCK.exec(dateText(value));
	if (!match) return undefined;
	const [, day, hours = '00', minutes = '00', seconds = '00'] = match;
	const time = `${day}T${hours}:${minutes}:${seconds}`;
	// The round trip refuses 2025-02-30 and 24:00, which the APIs' databases refuse too.
	const parsed = new Date(`${time}Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(time) ? time : undefined;
}

/** The day a date falls on as written ("YYYY-MM-DD"): a DateTime's own day; undefined when there is none. */
export function dayOf(value: unknown): string | undefined {
	return /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(dateText(value))?.[1];
}

/** Midnight at the start of the day after `day` ("YYYY-MM-DD"), as a wall clock "YYYY-MM-DDT00:00:00". */
export function dayAfter(day: string): string {
	return DateTime.fromISO(day, { zone: 'utc' }).plus({ days: 1 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The instant a date names, in milliseconds since 1970 (NaN when it names none). A date with a time zone, a
 * JavaScript Date or a DateTime is that instant; a date and time without a zone is read on the clocks of
 * `timeZone`.
 */
export function instantOf(value: unknown, timeZone: string): number {
	if (value instanceof Date) return value.getTime();
	const text = dateText(value);
	if (HAS_ZONE.test(text) || !/^\d{4}-\d{2}-\d{2}/.test(text)) return Date.parse(text);
	return instantAt(text, timeZone);
}

/**
 * The instant at which the clocks of `timeZone` show `wallClock` ("YYYY-MM-DD HH:MM", "YYYY-MM-DDTHH:MM:SS"…);
 * NaN for a date that does not exist. A time that the change to summer time skips, or that the change back
 * shows twice, takes the offset in force just before the change.
 */
export function instantAt(wallClock: string, timeZone: string): number {
	const asIfUtc = Date.parse(`${wallClock.replace(' ', 'T')}Z`);
	if (Number.isNaN(asIfUtc)) return NaN;
	const offsetAt = (instant: number) => DateTime.fromMillis(instant, { zone: timeZone }).offset * 60_000;
	return asIfUtc - offsetAt(asIfUtc - offsetAt(asIfUtc));
}

/** "2025-09-18T06:45:00Z": an instant in UTC, with milliseconds only when there are some. */
export function utcText(instant: number): string {
	return new Date(instant).toISOString().replace(/\.000Z$/, 'Z');
}
