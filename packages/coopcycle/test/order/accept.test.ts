import { coopCycle, LD_JSON, output, parsed, run } from '../fixtures';
import { foodOrder, hydraError, simplifiedFoodOrder } from './orderFixtures';

const accept = { resource: 'order', operation: 'accept', orderId: '1001' };

/** The order, then (for a new one) the accept: the bodies the accept route received. */
function acceptRoute(state: string, reply: [number, object] = [200, foodOrder(1001, 'accepted')]) {
	const { api } = coopCycle();
	api.get('/api/orders/1001').reply(200, foodOrder(1001, state));
	const bodies: unknown[] = [];
	if (state === 'new') {
		api
			.put('/api/orders/1001/accept')
			.matchHeader('content-type', LD_JSON)
			.reply((_uri, body) => {
				bodies.push(parsed(body));
				return reply;
			});
	}
	return { api, bodies };
}

/**
 * coopcycle-web src/Action/Order/Accept.php with src/Security/OrderActionsVoter.php (the restaurant's own API app,
 * scope "orders"), src/MessageHandler/Order/UpdateState.php (a soft transition: not "new", nothing changes but
 * the customer is e-mailed again).
 */
describe('Order → Accept', () => {
	it('accepts a new order: reads it, then PUTs /api/orders/{id}/accept with an empty JSON body', async () => {
		const { bodies } = acceptRoute('new');
		const result = await run({ parameters: accept });
		expect(bodies).toEqual([{}]);
		expect(output(result)).toEqual([{ ...simplifiedFoodOrder(1001, 'accepted'), alreadyAccepted: false }]);
	});

	it.each(['accepted', 'started', 'ready', 'fulfilled'])(
		'an order already %s is left as it is: nothing is sent (CoopCycle would e-mail the customer again)',
		async (state) => {
			acceptRoute(state);
			const result = await run({ parameters: accept });
			expect(output(result)).toEqual([{ ...simplifiedFoodOrder(1001, state), alreadyAccepted: true }]);
		},
	);

	it.each([
		['refused', 'Order A1001 was refused: it cannot be accepted'],
		['cancelled', 'Order A1001 was cancelled: it cannot be accepted'],
		['cart', 'Order A1001 has not been ordered yet (it is still a cart): it cannot be accepted'],
	])('a %s order fails, and nothing is sent', async (state, message) => {
		acceptRoute(state);
		const result = await run({ parameters: accept });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/Nothing was sent/);
	});

	it('without Simplify: CoopCycle’s order, with alreadyAccepted', async () => {
		acceptRoute('new');
		const result = await run({ parameters: { ...accept, simplify: false } });
		expect(output(result)).toEqual([{ ...foodOrder(1001, 'accepted'), alreadyAccepted: false }]);
	});

	it('an order refused at the same moment: CoopCycle answers 200 but leaves it refused, the item fails', async () => {
		acceptRoute('new', [200, foodOrder(1001, 'refused')]);
		const result = await run({ parameters: accept });
		expect(result.error?.message).toBe('CoopCycle did not accept Order A1001: it is now "refused"');
	});

	it('403 (an app granted orders:all may read, not accept) says which app can', async () => {
		acceptRoute('new', [403, hydraError('Access Denied.')]);
		const result = await run({ parameters: accept });
		expect(result.error?.message).toBe('CoopCycle refused access (403): Access Denied.');
		expect(result.error?.description).toMatch(/Only the API app of the order’s restaurant.*"orders:all" can read/);
	});

	it('400 with a PHP exception written out whole: its message only, and what usually causes it', async () => {
		const trace =
			'Symfony\\Component\\Messenger\\Exception\\HandlerFailedException: Handling "AppBundle\\Message\\Order\\Command\\AcceptOrder" failed: Insufficient reusable packaging quantity for « Menu du jour »\n in /var/www/html/vendor/symfony/messenger/Middleware/HandleMessageMiddleware.php:124\nStack trace:\n#0 {main}';
		acceptRoute('new', [400, hydraError(trace)]);
		const result = await run({ parameters: accept });
		expect(result.error?.message).toBe(
			'CoopCycle rejected the request: Insufficient reusable packaging quantity for « Menu du jour »',
		);
		expect(result.error?.description).toMatch(/reusable packaging \(LoopEat\)/);
	});

	it('503 is waited out and the accept sent again: CoopCycle did nothing', async () => {
		const { api } = coopCycle();
		api.get('/api/orders/1001').reply(200, foodOrder(1001));
		api.put('/api/orders/1001/accept').reply(503, 'Service Unavailable', { 'Retry-After': '0' });
		api.put('/api/orders/1001/accept').reply(200, foodOrder(1001, 'accepted'));
		const result = await run({ parameters: accept });
		expect(output(result)[0]).toMatchObject({ state: 'accepted', alreadyAccepted: false });
	});

	it('504 from the gateway: the accept is not sent again; the order read back is accepted, a success that says so', async () => {
		const { api } = coopCycle();
		api.get('/api/orders/1001').reply(200, foodOrder(1001));
		api.put('/api/orders/1001/accept').once().reply(504, 'Gateway Time-out');
		api.get('/api/orders/1001').reply(200, foodOrder(1001, 'accepted'));
		const result = await run({ parameters: accept });
		expect(output(result)).toEqual([
			{ ...simplifiedFoodOrder(1001, 'accepted'), alreadyAccepted: false, recovered: true },
		]);
	});

	it('a connection broken after sending: not sent again; still new when read back, the item fails saying so', async () => {
		const { api } = coopCycle();
		api.get('/api/orders/1001').twice().reply(200, foodOrder(1001));
		api
			.put('/api/orders/1001/accept')
			.once()
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const result = await run({ parameters: accept });
		expect(result.error?.message).toBe(
			'CoopCycle did not confirm that it accepted Order A1001 (the connection broke): read back 2 seconds later, it is still "new"',
		);
		expect(result.error?.description).toMatch(/run this item again only if it is still "new"/);
	});

	it('with continue-on-fail, each order gives one result, in order', async () => {
		const { api } = coopCycle();
		api.get('/api/orders/1001').reply(200, foodOrder(1001));
		api.put('/api/orders/1001/accept').reply(200, foodOrder(1001, 'accepted'));
		api.get('/api/orders/1002').reply(200, foodOrder(1002, 'refused'));
		api.get('/api/orders/1003').reply(404, hydraError('Not Found'));
		const result = await run({
			parameters: { ...accept, orderId: '={{ $json.id }}' },
			items: [{ id: 1001 }, { id: 1002 }, { id: 1003 }],
			continueOnFail: true,
		});
		const items = output(result);
		expect(items.map((item) => item.state ?? item.error)).toEqual([
			'accepted',
			'Order A1002 was refused: it cannot be accepted',
			'CoopCycle found nothing at this address (404)',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
