import { sleep, type IDataObject, type IExecutePaginationFunctions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import type { Api } from '../../shared/route';
import { textOf } from '../../shared/values';
import { isUnconfirmed } from './acceptedFailures';

/**
 * Order → Accept reads the order first, and sends the accept only for a new order. coopcycle-web's accept
 * (src/Action/Order/Accept.php, src/MessageHandler/Order/UpdateState.php) applies the "accept" transition softly:
 * an order that is not "new" (accepted already, refused, cancelled) is answered 200 and keeps its state, while the
 * customer is e-mailed "your order is accepted" again (src/MessageHandler/Order/SendEmail.php) and a refused order
 * gets a delivery for couriers (src/MessageHandler/Order/CreateTasks.php). So nothing is sent for those.
 */

/** The states an order reaches only once accepted (config/packages/winzou_state_machine.yaml, graph sylius_order). */
const ACCEPTED = ['accepted', 'started', 'ready', 'fulfilled'];

/** Why an order in this state cannot be accepted. */
const NOT_ACCEPTABLE: Record<string, string> = {
	refused: 'was refused',
	cancelled: 'was cancelled',
	cart: 'has not been ordered yet (it is still a cart)',
};

/** How long CoopCycle is given to finish an accept whose answer was lost, before the order is read back. */
const SETTLE_MS = 2000;

const labelOf = (order: IDataObject) => `Order ${textOf(order.number) || textOf(order.id)}`;

/** The order's state after an accept whose answer was lost: accepted, or a message that says what is known. */
async function readBack(context: IExecutePaginationFunctions, api: Api, url: string, label: string, lost: string) {
	await sleep(SETTLE_MS);
	let after: IDataObject;
	try {
		after = await api.get(url);
	} catch (error) {
		failItem(
			context,
			`CoopCycle did not confirm that it accepted ${label} (${lost}), and the order could not be read back`,
			`${(error as Error).message}. CoopCycle may have accepted it: look at the order (Order → Get) before running this item again.`,
		);
	}
	const state = textOf(after.state);
	if (ACCEPTED.includes(state)) return { ...after, alreadyAccepted: false, recovered: true };
	failItem(
		context,
		`CoopCycle did not confirm that it accepted ${label} (${lost}): read back ${SETTLE_MS / 1000} seconds later, it is still "${state}"`,
		'CoopCycle may still be accepting it. Look at the order again in a minute (Order → Get), and run this item again only if it is still "new": accepting twice e-mails the customer twice.',
	);
}

/** `read` of Order → Accept. */
export async function readAccept(this: IExecutePaginationFunctions, api: Api): Promise<IDataObject[]> {
	const url = String(api.request.options.url).replace(/\/accept$/, '');
	const before = await api.get(url);
	const label = labelOf(before);
	const state = textOf(before.state);
	if (ACCEPTED.includes(state)) return [{ ...before, alreadyAccepted: true }];
	if (state !== 'new') {
		failItem(
			this,
			`${label} ${NOT_ACCEPTABLE[state] ?? `is "${state}"`}: it cannot be accepted`,
			'Only a new order can be accepted. Nothing was sent: CoopCycle would answer as if it had accepted it, leave it as it is, and e-mail the customer that it was accepted.',
		);
	}
	const [answer] = await api.send(api.request);
	if (isUnconfirmed(answer)) return [await readBack(this, api, url, label, String(answer.json.lost))];
	const accepted = answer?.json ?? {};
	if (!ACCEPTED.includes(textOf(accepted.state))) {
		failItem(
			this,
			`CoopCycle did not accept ${label}: it is now "${textOf(accepted.state)}"`,
			'Someone changed the order on CoopCycle’s site at the same moment (refused or cancelled it). Look at the order before doing anything else.',
		);
	}
	return [{ ...accepted, alreadyAccepted: false }];
}
