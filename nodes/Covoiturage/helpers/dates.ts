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
			utcMs = fromWallClock(Date.parse(`${textValue.replace(' ', 'T')}Z`), timeZone);
		}
	}
	if (Number.isNaN(utcMs)) return String(value);
	return toUtcText(utcMs);
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
