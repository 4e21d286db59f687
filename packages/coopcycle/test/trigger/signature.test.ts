import { isSignedBy, signatureOf } from '../../nodes/CoopCycle/shared/webhookSignature';

// coopcycle-web tests/AppBundle/MessageHandler/WebhookHandlerTest.php: the body and signature CoopCycle's own test
// expects for a webhook whose secret is "123456". PHP's json_encode writes "/" as "\/".
const PUBLISHED_BODY = '{"data":{"object":"\\/api\\/deliveries\\/1","event":"delivery.picked"}}';
const PUBLISHED_SIGNATURE = 'S9LMKpq4VBDEGm5umbQx/q4SQMnpX/Wz/719dBBZ3rI=';

describe('CoopCycle Trigger: webhook signature', () => {
	it('gives the signature CoopCycle publishes in its tests', () => {
		expect(signatureOf(PUBLISHED_BODY, '123456')).toBe(PUBLISHED_SIGNATURE);
		expect(isSignedBy(Buffer.from(PUBLISHED_BODY), PUBLISHED_SIGNATURE, '123456')).toBe(true);
	});

	it('gives the signature of an order event', () => {
		expect(signatureOf('{"data":{"object":"\\/api\\/orders\\/1","event":"order.created"}}', '123456')).toBe(
			'8vf8W/TwEtIxWAWNHz8VIFwSTBNSiuk8GhTXbMsGWnc=',
		);
	});

	it('is computed over the bytes received: a re-serialised body (unescaped slashes) does not verify', () => {
		const reserialised = JSON.stringify(JSON.parse(PUBLISHED_BODY));
		expect(reserialised).not.toBe(PUBLISHED_BODY);
		expect(signatureOf(reserialised, '123456')).toBe('HiO8QEUH9J9Xwg3NhoPLzuwbr5YS1Y2114amSkoYVc8=');
		expect(isSignedBy(Buffer.from(reserialised), PUBLISHED_SIGNATURE, '123456')).toBe(false);
	});

	it('keys the HMAC with the secret text as CoopCycle returned it, not its base64-decoded bytes', () => {
		const secret = Buffer.alloc(32, 7).toString('base64');
		const signature = signatureOf(PUBLISHED_BODY, secret);
		expect(isSignedBy(Buffer.from(PUBLISHED_BODY), signature, secret)).toBe(true);
		expect(signatureOf(PUBLISHED_BODY, Buffer.from(secret, 'base64').toString('latin1'))).not.toBe(signature);
	});

	it.each(['', 'S9LMKpq4VBDEGm5umbQx', `${PUBLISHED_SIGNATURE}x`, PUBLISHED_SIGNATURE.replace('S', 'T')])(
		'refuses the signature %j',
		(signature) => {
			expect(isSignedBy(Buffer.from(PUBLISHED_BODY), signature, '123456')).toBe(false);
		},
	);

	it('refuses a good signature made with another secret', () => {
		expect(isSignedBy(Buffer.from(PUBLISHED_BODY), PUBLISHED_SIGNATURE, '1234567')).toBe(false);
	});
});
