import nock from 'nock';

import { API, REGISTRY, runner } from '../fixtures';

const ID = '8a9d2da9-39e3-4db7-be8e-12b4d2179fda';
const remove = { resource: 'ceeApplication', operation: 'delete', applicationId: ID };

describe('CEE Application → Delete', () => {
	it('deletes the application (204)', async () => {
		nock(REGISTRY).delete(`${API}/policies/cee/${ID}`).reply(204);
		const { items } = await runner().run({ parameters: remove });
		expect(items[0].json).toEqual({ uuid: ID, deleted: true });
	});

	it("says when there is none of yours with this ID (404: another operator's too)", async () => {
		nock(REGISTRY).delete(`${API}/policies/cee/${ID}`).reply(404, { error: 'Not found' });
		const { error } = await runner().run({ parameters: remove });
		expect(error?.message).toBe('The registry has no CEE application of yours with this ID (404)');
		expect(error?.description).toContain('belongs to another operator');
	});

	it('is not sent again after a broken connection', async () => {
		nock(REGISTRY)
			.delete(`${API}/policies/cee/${ID}`)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const { error } = await runner().run({ parameters: remove });
		expect(error?.message).toBe(
			'The registry did not confirm that it deleted the application: it may have done it; check before running the item again',
		);
		expect(error?.description).toContain(
			'It was not sent again: the connection broke after the request went out (ECONNRESET). Run Get with this ID',
		);
	});
});
