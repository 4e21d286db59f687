import nock from 'nock';

import { API, REGISTRY, runner } from '../fixtures';

describe('Journey → Cancel', () => {
	it('posts the reason code and message', async () => {
		let sent: unknown;
		nock(REGISTRY)
			.post(`${API}/journeys/j7/cancel`, (body) => {
				sent = body;
				return true;
			})
			.reply(200, { jsonrpc: '2.0', id: 1 });

		const { items } = await runner().run({
			parameters: {
				resource: 'journey',
				operation: 'cancel',
				operatorJourneyId: 'j7',
				cancelCode: 'FRAUD_1',
				cancelMessage: 'Same car twice',
			},
		});

		expect(sent).toEqual({ code: 'FRAUD_1', message: 'Same car twice' });
		expect(items[0].json).toEqual({ operator_journey_id: 'j7', canceled: true });
	});

	it('refuses a code the registry would reject, before sending', async () => {
		const { error } = await runner().run({
			parameters: { resource: 'journey', operation: 'cancel', operatorJourneyId: 'j7', cancelCode: 'not valid!' },
		});
		expect(error?.message).toBe(
			'Cancellation not sent: code must be 1 to 32 letters, digits, "-" or "_" (got "not valid!")',
		);
	});

	it('is sent again when the connection broke or the gateway answered 504: a second cancel answers as the first', async () => {
		const scope = nock(REGISTRY)
			.post(`${API}/journeys/j7/cancel`)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.post(`${API}/journeys/j7/cancel`)
			.reply(504, 'Gateway Time-out', { 'Retry-After': '0' })
			.post(`${API}/journeys/j7/cancel`)
			.reply(200, { jsonrpc: '2.0', id: 1 });
		const { items, error } = await runner().run({
			parameters: { resource: 'journey', operation: 'cancel', operatorJourneyId: 'j7', cancelCode: 'FRAUD_1' },
		});
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(items[0].json).toEqual({ operator_journey_id: 'j7', canceled: true });
	});
});
