// Journeys for the registry sandbox's `seed`, as if they had been sent earlier.

/** A stored journey as the sandbox keeps it, that started at `startMs`. */
export function storedJourney(id, startMs) {
	const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		operator_journey_id: id,
		operator_trip_id: `trip-${id}`,
		operator_class: 'C',
		start: { datetime: iso(startMs), lat: 48.8566, lon: 2.3522 },
		end: { datetime: iso(startMs + 1800e3), lat: 48.8049, lon: 2.1204 },
		distance: 12000,
		incentives: [],
	};
}

/**
 * JavaScript for a Code node: `count` journeys as an operator's database would give them (phone + last name):
 * three passengers a trip, one driver per trip and different people in each batch (the registry flags the same
 * people on close or too many trips, as sandbox and upstream do).
 */
export function journeysCode(prefix, count, { distance = 12000, hoursAgo = 2 } = {}) {
	const series = 10 + ([...prefix].reduce((sum, letter) => sum * 31 + letter.charCodeAt(0), 0) % 90);
	return `
const hour = 3600e3;
const iso = (ms) => new Date(ms).toISOString().replace(/\\.\\d{3}Z$/, 'Z');
const phone = (mobile, n) => mobile + '${series}' + String(n).padStart(6, '0');
return Array.from({ length: ${count} }, (_, i) => ({ json: {
  operator_journey_id: '${prefix}-' + i,
  operator_trip_id: 'trip-${prefix}-' + Math.floor(i / 3),
  operator_class: 'C',
  start: { datetime: iso(Date.now() - ${hoursAgo} * hour), lat: 48.8566, lon: 2.3522 },
  end: { datetime: iso(Date.now() - ${hoursAgo} * hour + 1800e3), lat: 48.8049, lon: 2.1204 },
  distance: ${distance},
  incentives: [{ index: 0, siret: '11000101300017', amount: 150 }],
  driver: { identity: { operator_user_id: 'drv-' + Math.floor(i / 3), phone: phone('06', Math.floor(i / 3)), last_name: 'Martin' }, revenue: 320 },
  passenger: { identity: { operator_user_id: 'pax-' + i, phone: phone('07', i), last_name: "D'Hérûg-de-l'Hérault", over_18: true }, contribution: 170, seats: 1 },
} }));`;
}
