import { createHmac, timingSafeEqual } from 'crypto';

/**
 * How CoopCycle signs a webhook call (coopcycle-web src/MessageHandler/WebhookHandler.php): the base64 of the
 * raw HMAC-SHA256 of the JSON body, keyed by the webhook's secret as the API returned it (the base64 text itself,
 * not its decoded bytes). The body is PHP's json_encode, which writes "/" as "\/": only the bytes received can be
 * checked, never a re-serialisation of the parsed body.
 */
export function signatureOf(rawBody: Buffer | string, secret: string): string {
	return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Whether `signature` is the one `secret` gives for these bytes; compared in constant time. */
export function isSignedBy(rawBody: Buffer | string, signature: string, secret: string): boolean {
	const expected = Buffer.from(signatureOf(rawBody, secret));
	const given = Buffer.from(signature);
	return given.length === expected.length && timingSafeEqual(given, expected);
}
