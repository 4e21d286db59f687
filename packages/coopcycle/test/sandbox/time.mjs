// Times as a CoopCycle instance handles them (see timeModel), and the time slots it reads.

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const offsetMsOf = (zone) => {
	if (/^z$/i.test(zone)) return 0;
	const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
	return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60000;
};

/** The wall clock written in a text (milliseconds on a UTC scale) and its zone, if it is a valid date. */
function readDateText(value) {
	const match = DATE_TEXT.exec(String(value ?? '').trim());
	if (!match) return undefined;
	const [year, month, day, hours = 0, minutes = 0, seconds = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
	const wall = Date.UTC(year, month - 1, day, hours, minutes, seconds, Math.round(Number(match[7] ?? 0) * 1000));
	const check = new Date(wall);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hours > 23) return undefined;
	return { wall, zone: match[8] };
}

/**
 * Times as a CoopCycle instance handles them in its server's time zone (here a fixed offset such as "+02:00"):
 * - dates sent to it are read by Carbon::parse (coopcycle-web src/Api/State/DeliveryProcessor.php): an offset
 *   is honoured, a date without one is local time;
 * - the database keeps local wall-clock times, to the second (src/Resources/config/doctrine/Task.orm.xml:
 *   type "datetime", PostgreSQL timestamp(0) without time zone);
 * - answers write them with the server's offset (features/stores.feature: "2019-11-12T18:30:00+01:00");
 * - a date given to a list filter is compared as PostgreSQL reads a text as timestamp without time zone: its
 *   wall clock, any offset ignored, a day alone meaning its midnight (src/Api/Filter/DeliveryTaskDateFilter.php
 *   binds the text as it came).
 */
export function timeModel(offset) {
	const offsetMs = offsetMsOf(offset);
	return {
		/** Carbon::parse: the instant (epoch milliseconds, to the second as stored), or undefined. */
		parse(value) {
			if (typeof value !== 'string') return undefined;
			const read = readDateText(value);
			if (!read) return undefined;
			const instant = read.wall - (read.zone === undefined ? offsetMs : offsetMsOf(read.zone));
			return Math.round(instant / 1000) * 1000;
		},
		/** An instant as CoopCycle writes it: "2025-06-12T14:00:00+02:00". */
		format: (time) => `${new Date(time + offsetMs).toISOString().slice(0, 19)}${offset}`,
		/** The local wall clock of an instant, on the same scale as `filterValue`. */
		wallOf: (time) => time + offsetMs,
		/** A filter's text as PostgreSQL compares it with the stored wall clock; undefined if it cannot. */
		filterValue: (value) => readDateText(value)?.wall,
	};
}

/** `YYYY-MM-DD HH:MM-HH:MM`, `start/end` or `[start, end]`, as TsRangeNormalizer reads them. */
export function parseTimeSlot(value, parseDate) {
	let [start, end] = [];
	if (Array.isArray(value)) [start, end] = value;
	else if (typeof value === 'string' && value.includes('/')) [start, end] = value.split('/');
	else {
		const match = /^(\d{4}-\d{2}-\d{2}) (\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(String(value));
		if (match)
			[start, end] = [`${match[1]}T${match[2].padStart(5, '0')}:00`, `${match[1]}T${match[3].padStart(5, '0')}:00`];
	}
	const [after, before] = [parseDate(start), parseDate(end)];
	return after !== undefined && before !== undefined && after < before ? { after, before } : undefined;
}

export const iso = (time) => new Date(time).toISOString();
