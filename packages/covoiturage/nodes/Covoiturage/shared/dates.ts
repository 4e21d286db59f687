import { instantAt, instantOf, utcText } from '../../shared/dates';

/**
 * Dates as the registry reads them: its UTC date-time format, and the registry's own idea of "today" (which
 * bounds what Get Many can list). How a date is read is in nodes/shared/dates.ts.
 */

/**
 * A date-time from a field, in the registry's UTC format ("2025-09-18T06:45:00Z"). Dates without a time zone
 * are read in the workflow's time zone, as n8n shows them in its date pickers. What is not a date is returned as
 * it was written, for the checks to name it.
 */
export function toRegistryDateTime(value: unknown, timeZone: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const instant = instantOf(value, timeZone);
	return Number.isNaN(instant) ? String(value) : utcText(instant);
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
	const day = new Date(Math.floor(now / DAY_MS) * DAY_MS - daysBefore * DAY_MS).toISOString().slice(0, 10);
	return instantAt(day, 'Europe/Paris');
}
