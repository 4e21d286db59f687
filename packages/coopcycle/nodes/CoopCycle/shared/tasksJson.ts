import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import { textOf } from '../../shared/values';
import { safeAddress } from './addresses';
import type { Purpose } from './deliveryFields';

/** The tasks of a delivery given as CoopCycle task objects (Tasks (JSON)), checked as CoopCycle would check them. */
export function tasksFromJson(context: IExecuteSingleFunctions, purpose: Purpose): IDataObject[] {
	return checkedTasks(context, context.getNodeParameter('tasksJson', '[]'), purpose, 'Tasks (JSON)');
}

/**
 * A list of CoopCycle task objects (a JSON text or the list itself), checked as CoopCycle would check them;
 * `label` names where it came from in the messages.
 */
export function checkedTasks(context: IExecuteSingleFunctions, raw: unknown, purpose: Purpose, label: string): IDataObject[] {
	let tasks: unknown = raw;
	if (typeof raw === 'string') {
		try {
			tasks = JSON.parse(raw);
		} catch (error) {
			failItem(context, `${label} is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (!Array.isArray(tasks) || tasks.some((task) => !task || typeof task !== 'object' || Array.isArray(task))) {
		failItem(context, `${label} must be a list of task objects: [{"type": "pickup", …}, {"type": "dropoff", …}]`);
	}
	const list = (tasks as IDataObject[]).map((task) =>
		task.address && typeof task.address === 'object' && !Array.isArray(task.address)
			? { ...task, address: safeAddress(task.address as IDataObject) }
			: task,
	);
	if (purpose === 'update') {
		if (list.length === 0)
			failItem(
				context,
				`${label} is empty`,
				'List the tasks the delivery must have: the ones left out are cancelled.',
			);
		return list;
	}
	const types = list.map((task) => textOf(task.type).toLowerCase());
	if (list.length < 2 || types.some((type) => type !== 'pickup' && type !== 'dropoff')) {
		failItem(context, `${label} needs at least two tasks, each with "type": "pickup" or "dropoff"`);
	}
	if (types[0] !== 'pickup' || types[types.length - 1] !== 'dropoff') {
		failItem(context, `${label}: the first task must be a pickup and the last one a dropoff`);
	}
	// What CoopCycle accepts (DeliveryManager::setDefaults fills the rest): the first task, a pickup, may leave
	// its address out (the store's is used); pickups may leave their times out (estimated from the dropoff time
	// and the route); dropoffs need an address and a latest time.
	list.forEach((task, index) => {
		if (index > 0 && (task.address === undefined || textOf(task.address) === ''))
			failItem(context, `${label}: task ${index + 1} has no "address"`);
		const hasTime = task.before !== undefined || task.doneBefore !== undefined || task.timeSlot !== undefined;
		if (types[index] === 'dropoff' && !hasTime) {
			failItem(
				context,
				`${label}: task ${index + 1} is a dropoff with neither "before" nor "timeSlot"`,
				'Give "after" and "before" (a "before" alone makes a 15-minute window), or a "timeSlot". Pickups may leave their times out: CoopCycle estimates them.',
			);
		}
	});
	return list;
}
