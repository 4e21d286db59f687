import type { IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';
import type { Api, Request } from '../../shared/route';
import { textOf } from '../../shared/values';
import { CREDENTIAL_TYPE } from './apiApp';
import { ID_FIELDS, parseId } from './ids';

/**
 * Confirm Quote, at most once per quote in an execution. CoopCycle confirms a quote as often as it is asked:
 * src/Action/Delivery/ConfirmQuote.php (l.27-45) builds a new delivery and order from the quote's stored body on
 * every call, and checks neither the quote's state (it sets "confirmed" but never reads it) nor its `expiresAt`
 * (set to a day after the quote by src/Api/State/DeliveryQuoteProcessor.php, never read); its voter checks only
 * the store. Two items of one execution that name the same quote would order two deliveries: the second one
 * fails instead, naming the quote and the item that confirms it. (Outputting the first item's delivery for it
 * would hide that the workflow asked for two deliveries and got one.)
 */

interface Claim {
	at: number;
	itemIndex: number;
	/** The delivery CoopCycle created, once it answered. */
	delivery?: string;
}

/** The quotes sent for confirmation, per execution and credential: kept for a day, then forgotten. */
const CLAIM_TTL_MS = 24 * 60 * 60 * 1000;
const claims = new Map<string, Claim>();

function claimKey(context: IExecutePaginationFunctions): { quoteId: string | undefined; key: string } {
	const quoteId = parseId(context.getNodeParameter('quoteId', ''), ID_FIELDS.quoteId.collections);
	const credential = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
	return { quoteId, key: `${context.getExecutionId()}|${credential}|${quoteId}` };
}

/**
 * `prepare` of Confirm Quote: the quote is taken for this item, or the item fails when another item of the
 * execution took it. A quote stays taken once sent, whatever the answer: after a 504 its delivery may exist, and
 * a refusal (404, 403) would be the same for the other item.
 */
export async function takeQuote(this: IExecutePaginationFunctions, api: Api): Promise<Request> {
	const now = Date.now();
	for (const [key, claim] of claims) if (now - claim.at > CLAIM_TTL_MS) claims.delete(key);
	const { quoteId, key } = claimKey(this);
	const earlier = claims.get(key);
	if (earlier) {
		failItem(
			this,
			earlier.delivery
				? `Quote ${quoteId} was already confirmed in this execution, by item ${earlier.itemIndex}: delivery ${earlier.delivery}`
				: `Quote ${quoteId} was already sent for confirmation in this execution, by item ${earlier.itemIndex}`,
			'CoopCycle creates a new delivery each time a quote is confirmed, so the node confirms a quote only once per execution. Give each item a quote of its own (Delivery → Create Quote).',
		);
	}
	claims.set(key, { at: now, itemIndex: this.getItemIndex() });
	return api.request;
}

/** `output` of Confirm Quote: the answer as it is; the delivery it names is remembered for the messages. */
export function rememberDelivery(this: IExecutePaginationFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	const claim = claims.get(claimKey(this).key);
	if (claim) claim.delivery = textOf(items[0]?.json.delivery) || undefined;
	return items;
}
