/**
 * The things a user can point at by id. CoopCycle answers with IRIs (`"@id": "/api/deliveries/12"`) and users
 * copy URLs from their browser, so every id field accepts `12`, `/api/deliveries/12` or a full URL.
 */
export const ID_FIELDS = {
	deliveryId: { label: 'Delivery ID', collections: ['deliveries'] },
	taskId: { label: 'Task ID', collections: ['tasks'] },
	timeSlotId: { label: 'Time Slot ID', collections: ['time_slots'] },
	orderId: { label: 'Order ID', collections: ['orders'] },
	// Created quotes are /api/delivery_quotes/1; the confirm route lives under /api/deliveries/quotes/1.
	quoteId: { label: 'Quote ID', collections: ['delivery_quotes', 'deliveries/quotes'] },
} as const;

export type IdField = keyof typeof ID_FIELDS;

/** The numeric id in `value`, or undefined when it is neither an id, nor an IRI or URL of `collections`. */
export function parseId(value: unknown, collections: readonly string[]): string | undefined {
	const text = String(value ?? '').trim();
	if (/^\d+$/.test(text)) return text;
	for (const collection of collections) {
		const match = new RegExp(`(?:^|/)api/${collection}/(\\d+)(?:[/?#]|$)`).exec(text);
		if (match) return match[1];
	}
	return undefined;
}

/** The numeric id of an IRI such as `/api/stores/3` (whatever the collection), for Simplify. */
export function idOfIri(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^\/api\/[a-z_/]+\/(\d+)$/.exec(value);
	return match ? Number(match[1]) : undefined;
}
