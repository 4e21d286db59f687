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
