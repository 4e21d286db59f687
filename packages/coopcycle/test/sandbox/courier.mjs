// A courier who works the sandbox's deliveries, for `npm start`: on a timer, or one step at a time from the
// sandbox's page (pages.mjs) or `node test/sandbox/fire.mjs`. Each step is what a courier's app and the dispatcher
// do on CoopCycle, with the task events CoopCycle records for it; those events send the store's webhooks as
// CoopCycle sends them (webhooks.mjs, onTaskEvent: src/MessageHandler/Task/TriggerWebhook.php).
//
// - assign: the dispatcher assigns every task of the delivery to the courier (Task::assignTo; event
//   "task:assigned", src/Domain/Task/Event/TaskAssigned.php); the status stays TODO. Webhook: delivery.assigned
//   (for the dropoff only).
// - start: the courier starts the next task (src/MessageHandler/Task/Command/StartHandler.php: the state machine's
//   "start", TODO → DOING, event "task:started"). Webhook: delivery.started for the pickup, delivery.in_transit for a
//   dropoff.
// - done: the courier completes it (src/MessageHandler/Task/Command/MarkAsDoneHandler.php: status DONE, event
//   "task:done"; a task whose previous task is not done cannot be). Webhook: delivery.picked, delivery.completed.

/** The username the sandbox's courier has (the assignedTo of the tasks). */
export const SANDBOX_COURIER = 'courier';

const FINISHED = ['DONE', 'CANCELLED', 'FAILED'];

export function courierFor(state, { addEvent, everySeconds }) {
	const { deliveries, tasks } = state;

	const tasksOf = (delivery) => delivery.tasks.map((id) => tasks.get(id));
	const isOpen = (delivery) => {
		const own = tasksOf(delivery);
		return own.some((task) => !FINISHED.includes(task.status)) && !own.some((task) => task.status === 'FAILED');
	};
	const isAssigned = (delivery) => tasksOf(delivery).every((task) => task.assignedTo || FINISHED.includes(task.status));
	const pickupDone = (delivery) => tasksOf(delivery).find((task) => task.type === 'PICKUP')?.status === 'DONE';

	/**
	 * The delivery the courier works on next: one already under way first (assigned, the oldest), else the newest
	 * one, so that a delivery just created in the editor moves first.
	 */
	function nextDelivery(wanted = () => true) {
		const open = [...deliveries.values()].filter((delivery) => isOpen(delivery) && wanted(delivery));
		return open.find(isAssigned) ?? open.at(-1);
	}

	function assign(delivery) {
		for (const task of tasksOf(delivery)) {
			if (task.assignedTo || FINISHED.includes(task.status)) continue;
			task.assignedTo = SANDBOX_COURIER;
			addEvent(task.id, 'task:assigned');
		}
		return 'assigned';
	}

	/** One step of the delivery: assign it, else start its next task, else complete that task. */
	function stepOf(delivery) {
		if (!isAssigned(delivery)) return assign(delivery);
		const task = tasksOf(delivery).find((candidate) => !FINISHED.includes(candidate.status));
		if (task.status === 'TODO') {
			task.status = 'DOING';
			addEvent(task.id, 'task:started');
			return `${task.type === 'PICKUP' ? 'pickup' : 'dropoff'} started`;
		}
		task.status = 'DONE';
		addEvent(task.id, 'task:done');
		return task.type === 'PICKUP' ? 'picked up' : 'dropped off';
	}

	/** Steps the delivery until `done(delivery)`; the steps it took, as words. */
	function stepUntil(delivery, done) {
		const steps = [];
		while (isOpen(delivery) && !done(delivery)) steps.push(stepOf(delivery));
		return steps;
	}

	/**
	 * What the page's buttons and fire.mjs do: `next` (one step of the next delivery), `assign` (the next delivery
	 * not assigned yet), `pickup` (the next delivery not picked up: assigned first if need be), `dropoff` (the next
	 * open delivery, up to its last dropoff). `{ delivery, steps }`, or `{ steps: [] }` when no delivery is left.
	 */
	function act(action) {
		const wanted = {
			next: () => true,
			assign: (delivery) => !isAssigned(delivery),
			pickup: (delivery) => !pickupDone(delivery),
			dropoff: () => true,
		}[action];
		if (!wanted) return undefined;
		const delivery = nextDelivery(wanted);
		if (!delivery) return { steps: [] };
		let steps;
		if (action === 'next') steps = [stepOf(delivery)];
		else if (action === 'assign') steps = [assign(delivery)];
		else if (action === 'pickup') steps = stepUntil(delivery, pickupDone);
		else steps = stepUntil(delivery, () => false);
		return { delivery: delivery.id, steps };
	}

	// The timer keeps nothing alive by itself (unref): the sandbox's server does, until it is closed.
	const timer = everySeconds > 0 ? setInterval(() => act('next'), everySeconds * 1000) : undefined;
	timer?.unref();

	return {
		act,
		everySeconds,
		stop: () => clearInterval(timer),
	};
}
