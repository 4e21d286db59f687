// Dates as the registry reads them.

const HOUR = 3600e3;
const DAY = 24 * HOUR;

// ajv-formats (full mode, the default of addFormats in providers/validator/AjvValidator.ts) "date-time":
// a real calendar date, "T", "t" or a space, hh:mm:ss with optional fraction, and a time zone: seconds and zone
// are required ("2025-01-01T10:00Z" is refused).
export function isAjvDateTime(text) {
	if (typeof text !== 'string') return false;
	const parts = text.split(/t|\s/i);
	if (parts.length !== 2) return false;
	const date = /^(\d\d\d\d)-(\d\d)-(\d\d)$/.exec(parts[0]);
	const time = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)$/i.exec(parts[1]);
	if (!date || !time) return false;
	const [year, month, day] = date.slice(1).map(Number);
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
	if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth)) return false;
	const [hour, minute, second, tzHour, tzMinute] = [time[1], time[2], time[3], time[6] ?? 0, time[7] ?? 0].map(Number);
	if (tzHour > 23 || tzMinute > 59) return false;
	if (hour <= 23 && minute <= 59 && second < 60) return true;
	const sign = time[5] === '-' ? -1 : 1; // a leap second: 23:59:60 in UTC
	const utcMinute = minute - tzMinute * sign;
	const utcHour = hour - tzHour * sign - (utcMinute < 0 ? 1 : 0);
	return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

function zoneOffset(utcMs, timeZone) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
			.formatToParts(new Date(utcMs))
			.map(({ type, value }) => [type, Number(value)]),
	);
	return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(utcMs / 1000) * 1000;
}

// helpers/dates.helper.ts today(): fromZonedTime(<current UTC date>, 'Europe/Paris'), i.e. 00:00 in Paris of
// the *UTC* date; subDaysTz() goes back in Paris calendar days.
export function registryToday(now = Date.now(), daysBefore = 0) {
	const midnightAsUtc = Math.floor(now / DAY) * DAY - daysBefore * DAY;
	return midnightAsUtc - zoneOffset(midnightAsUtc - zoneOffset(midnightAsUtc, 'Europe/Paris'), 'Europe/Paris');
}

// helpers/dates.helper.ts startOfDay / endOfDay: the day in Paris of an instant, [00:00, 23:59:59.999].
export function parisDay(ms) {
	const wallClockMidnight = Math.floor((ms + zoneOffset(ms, 'Europe/Paris')) / DAY) * DAY;
	const start = wallClockMidnight - zoneOffset(wallClockMidnight - zoneOffset(wallClockMidnight, 'Europe/Paris'), 'Europe/Paris');
	const next = wallClockMidnight + DAY;
	const end = next - zoneOffset(next - zoneOffset(next, 'Europe/Paris'), 'Europe/Paris') - 1;
	return { start, end };
}
