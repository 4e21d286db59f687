/**
 * CoopCycle's repeated calls, recognised so that one event starts the workflow once.
 *
 * CoopCycle calls the webhooks of a store one after the other and, when one of them does not answer 2xx in time,
 * handles the whole event again 1, 2 and 4 seconds later (coopcycle-web src/MessageHandler/WebhookHandler.php,
 * config/packages/messenger.yaml): every webhook before the failing one is called again with the same body. The
 * call itself cannot tell a repeat from a new event (it names only the event and the delivery), so a call for the
 * same event and the same delivery, at the same webhook, within the window after the previous one is a repeat.
 *
 * Where this memory lives: in the n8n process, here. Not in the workflow's static data: n8n saves what a webhook
 * call writes there at best with the execution the call starts, once that execution has ended (on a worker, in
 * queue mode), so a repeat one second later would not see it, and a call that starts nothing saves nothing. What it guarantees: within one
 * n8n process (a single n8n, n8n 1.x or 2.x, or the one process that receives the calls), a repeat within the
 * window starts nothing, however close it follows (the check and the record happen together, before anything is
 * awaited). Not across processes (several webhook processes or mains behind a load balancer may each see one
 * copy), nor across a restart of n8n within the window.
 */

/** The longest window the trigger offers; what is older than this is forgotten. */
export const MAX_REPEAT_WINDOW_SECONDS = 3600;

/** A bound on the memory: the oldest calls are forgotten first. */
const MAX_REMEMBERED = 10000;

/** When each (workflow, node, webhook address, event, delivery) was last called; oldest first. */
const lastCalls = new Map<string, number>();

/**
 * Whether this call repeats one seen less than `windowSeconds` before (0: never), and remembers it: each repeat
 * extends the window, so a whole series of retries is recognised.
 */
export function isRepeat(key: string, windowSeconds: number, now = Date.now()): boolean {
	for (const [seen, at] of lastCalls) {
		if (now - at < MAX_REPEAT_WINDOW_SECONDS * 1000 && lastCalls.size <= MAX_REMEMBERED) break;
		lastCalls.delete(seen);
	}
	if (!(windowSeconds > 0)) return false;
	const previous = lastCalls.get(key);
	lastCalls.delete(key);
	lastCalls.set(key, now);
	return previous !== undefined && now - previous < windowSeconds * 1000;
}
