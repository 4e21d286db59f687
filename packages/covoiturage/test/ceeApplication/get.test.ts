import nock from 'nock';

import { API, REGISTRY, runner } from '../fixtures';

const ID = '8a9d2da9-39e3-4db7-be8e-12b4d2179fda';
const get = { resource: 'ceeApplication', operation: 'get', applicationId: ` ${ID.toUpperCase()} ` };

describe('CEE Application → Get', () => {
	it('reads the application by its uuid, as the registry gives it', async () => {
		const application = { uuid: ID, datetime: '2026-11-20T08:15:00.000Z', journey_id: 42, status: 'pending', token: 't' };
		nock(REGISTRY).get(`${API}/policies/cee/${ID}`).reply(200, application);
		const { items } = await runner().run({ parameters: get });
		expect(items[0].json).toEqual(application);
	});

	it("says when the application is another operator's (403, a bare error)", async () => {
		nock(REGISTRY).get(`${API}/policies/cee/${ID}`).reply(403, { error: 'Forbidden Error' });
		const { error } = await runner().run({ parameters: get });
		expect(error?.message).toBe('This CEE application belongs to another operator (403)');
	});

	it('says when there is no such application (404)', async () => {
		nock(REGISTRY).get(`${API}/policies/cee/${ID}`).reply(404, { error: 'Not found' });
		const { error } = await runner().run({ parameters: get });
		expect(error?.message).toBe('The registry has no CEE application with this ID (404)');
	});

	it('refuses an ID that is not a uuid before sending', async () => {
		const { error } = await runner().run({ parameters: { ...get, applicationId: 'journey-1' } });
		expect(error?.message).toBe(
			'Request not sent: Application ID must be the uuid Register gave, e.g. 8a9d2da9-39e3-4db7-be8e-12b4d2179fda (got "journey-1")',
		);
	});

	it('is read again after a broken connection (a read changes nothing)', async () => {
		nock(REGISTRY)
			.get(`${API}/policies/cee/${ID}`)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.get(`${API}/policies/cee/${ID}`)
			.reply(200, { uuid: ID });
		const { items } = await runner().run({ parameters: get });
		expect(items[0].json).toEqual({ uuid: ID });
	});
});
