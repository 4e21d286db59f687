/**
 * Dates as the registry reads them: its UTC date-time format, wall-clock times of a time zone, and the
 * registry's own idea of "today" (which bounds what Get Many can list).
 */

/** Wall-clock time of `utcMs` in `timeZone`, read back as if it were UTC: the zone's offset at that instant. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const wallClock = Date.UTC(
		value('year'),
		value('month') - 1,
		value('day'),
		value('hour'),
		value('minute'),
		value('second'),
	);
	return wallClock - Math.floor(utcMs / 1000) * 1000;
}

/** The instant at which the clocks of `timeZone` show the wall-clock time `wallClockAsUtcMs` (given as if UTC). */
function fromWallClock(wallClockAsUtcMs: number, timeZone: string): number {
	const firstGuess = wallClockAsUtcMs - zoneOffsetMs(wallClockAsUtcMs, timeZone);
	return wallClockAsUtcMs - zoneOffsetMs(firstGuess, timeZone);
}

/** "2025-09-18T06:45:00Z": the UTC format the registry documents, without milliseconds when there are none. */
export function toUtcText(utcMs: number): string {
	return new Date(utcMs).toISOString().replace(/\.000Z$/, 'Z');
}

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A date-time from a field, in the registry's UTC format ("2025-09-18T06:45:00Z"). Dates without a time zone
 * are read in the workflow's time zone, as n8n shows them in its date pickers.
 */
export function toRegistryDateTime(value: unknown, timeZone: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let utcMs: number;
	if (value instanceof Date) {
		utcMs = value.getTime();
	} else {
		const textValue =
			typeof value === 'object' && 'toISO' in value
				? String((value as { toISO: () => string }).toISO())
				: String(value).trim();
		if (HAS_ZONE.test(textValue) || !/^\d{4}-\d{2}-\d{2}/.test(textValue)) {
			utcMs = Date.parse(textValue);
		} else {
			const wallClock = Date.parse(`${textValue.replace(' ', 'T')}Z`);
			// An impossible date ("2026-13-45") has no offset to look up: it is reported as it was written.
			utcMs = Number.isNaN(wallClock) ? NaN : fromWallClock(wallClock, timeZone);
		}
	}
	if (Number.isNaN(utcMs)) return String(value);
	return toUtcText(utcMs);
}

/**
 * Whether the registry's date-time format accepts `text` (ajv-formats "date-time", which its validator uses):
 * a calendar date that exists, hours to 23, seconds required, and a time zone. Our one form: "T" as separator.
 */
export function isRegistryDateTime(text: unknown): boolean {
	if (typeof text !== 'string' || text.length > 64) return false;
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i.exec(text);
	if (!match) return false;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59
	);
}

/**
 * "2025-01-01T10:00Z" → "2025-01-01T10:00:00Z". The registry refuses a date-time without seconds; adding ":00"
 * changes nothing of the instant, and the time zone given is kept. Anything else is returned as it is.
 */
export function withSeconds(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	return value.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:?\d{2})$/i, '$1:00$2');
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The registry's "today", `daysBefore` days back: 00:00 in Paris of the current **UTC** date
 * (covoiturage-gouv-fr/mono api/src/pdc/helpers/dates.helper.ts `today()` and `subDaysTz()`, used by
 * ListJourneyAction). Between 00:00 and 01:00 or 02:00 Paris time, the UTC date is still the day before, and so
 * is the registry's today.
 */
export function registryMidnight(now: number, daysBefore = 0): number {
	const utcDate = Math.floor(now / DAY_MS) * DAY_MS;
	return fromWallClock(utcDate - daysBefore * DAY_MS, 'Europe/Paris');
}
