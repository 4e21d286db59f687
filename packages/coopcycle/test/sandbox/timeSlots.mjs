// Time slots and their choices (/api/time_slots/…).
import { hydraError, internalError } from './http.mjs';
import { iso } from './time.mjs';

export function timeSlotRoutes(state, { needScope }) {
	const { stores, timeSlots } = state;

	function slotChoices(slot) {
		const choices = [];
		const today = new Date();
		for (let day = 1; day <= 2; day++) {
			const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + day));
			const dayText = date.toISOString().slice(0, 10);
			for (const [from, to] of slot.hours) {
				const range = {
					after: Date.parse(`${dayText}T${String(from).padStart(2, '0')}:00:00Z`),
					before: Date.parse(`${dayText}T${String(to).padStart(2, '0')}:00:00Z`),
				};
				choices.push({
					range,
					json: {
						'@type': 'TimeSlotChoice',
						value: `${iso(range.after).replace('.000', '')}/${iso(range.before).replace('.000', '')}`,
						label: `${day === 1 ? 'Tomorrow' : 'In two days'} between ${from}:00 and ${to}:00`,
					},
				});
			}
		}
		return choices;
	}
	const choicesJson = (slot) => ({
		'@context': '/api/contexts/TimeSlotChoices',
		'@type': 'TimeSlotChoices',
		choices: slotChoices(slot).map((choice) => choice.json),
	});

	/** Its routes: the answer, or undefined for a route of another group. */
	function route(request, auth, { resource, first, second, number }) {
		const { method, path } = request;
		if (resource === 'time_slots') {
			needScope(auth, 'deliveries');
			if (first === 'choices' && method === 'GET') {
				// coopcycle-web src/Action/TimeSlot/Choices.php passes the store's default time slot to
				// TimeSlotChoiceLoader, whose constructor requires a TimeSlot: a store without one gets a 500.
				const slot = timeSlots.get(stores.get(auth.client.store).timeSlot);
				if (!slot) throw internalError();
				return [200, choicesJson(slot)];
			}
			const slot = timeSlots.get(number(first));
			if (!slot) throw hydraError(404, 'Not Found');
			if (!second && method === 'GET')
				return [
					200,
					{
						'@context': '/api/contexts/TimeSlot',
						'@id': path,
						'@type': 'TimeSlot',
						id: slot.id,
						name: slot.name,
						interval: slot.interval,
						priorNotice: null,
						workingDaysOnly: false,
						openingHoursSpecification: [
							{
								'@type': 'OpeningHoursSpecification',
								opens: `${slot.hours[0][0]}:00`,
								closes: `${slot.hours.at(-1)[1]}:00`,
								dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
							},
						],
					},
				];
			if (second === 'choices' && method === 'GET') {
				if (slot.store !== auth.client.store) throw hydraError(403, 'Access Denied.');
				return [200, choicesJson(slot)];
			}
		}
	}

	return { slotChoices, route };
}
