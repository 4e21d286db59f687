import nock from 'nock';

import { exportBounds } from '../../nodes/Covoiturage/shared/exportRequests';
import { API, REGISTRY, runner } from '../fixtures';

const DAY = 24 * 3600e3;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

const create = {
	resource: 'export',
	operation: 'create',
	exportStart: daysAgo(40),
	exportEnd: daysAgo(10),
	recipients: 'data@operator.fr, accounting@operator.fr',
	options: { timeZone: 'Europe/Paris' },
};

const created = (body: Record<string, unknown>) => ({
	uuid: '8a9d2da9-39e3-4db7-be8e-12b4d2179fda',
	target: 'operator',
	status: 'pending',
	start_at: body.start_at,
	end_at: body.end_at,
});

function answerExport(status: number, answer?: unknown): { body?: Record<string, unknown> } {
	const sent: { body?: Record<string, unknown> } = {};
	nock(REGISTRY)
		.post(`${API}/exports`, (body) => {
			sent.body = body;
			return true;
		})
		.reply(status, (_uri, body) => JSON.stringify(answer ?? created(body as Record<string, unknown>)), {
			'Content-Type': 'application/json',
		});
	return sent;
}

describe('Export → Create', () => {
	it('asks for the journeys of a period, e-mailed to the recipients, and outputs the export id and status', async () => {
		const sent = answerExport(201);
		const { items, error } = await runner().run({
			parameters: {
				...create,
				area: {
					areas: [
						{ type: 'com', codes: '69123, 2a004' },
						{ type: 'aom', codes: '217500016' },
					],
				},
			},
		});
		expect(error).toBeUndefined();
		expect(sent.body).toEqual({
			tz: 'Europe/Paris',
			start_at: create.exportStart,
			end_at: create.exportEnd,
			recipients: ['data@operator.fr', 'accounting@operator.fr'],
			geo_selector: { com: ['69123', '2A004'], aom: ['217500016'] },
		});
		expect(items[0].json).toEqual({
			uuid: '8a9d2da9-39e3-4db7-be8e-12b4d2179fda',
			target: 'operator',
			status: 'pending',
			start_at: create.exportStart,
			end_at: create.exportEnd,
			recipients: ['data@operator.fr', 'accounting@operator.fr'],
			message:
				'The registry is preparing the CSV file (zipped): it e-mails a download link to the recipients once it is ready, and keeps the file 7 days. Nothing else comes back to n8n.',
		});
	});

	it("uses the workflow's time zone by default and takes recipients from a list", async () => {
		const sent = answerExport(201);
		await runner().run({ parameters: { ...create, options: {}, recipients: '={{ ["a@b.fr"] }}' } });
		expect(sent.body).toMatchObject({ tz: 'America/New_York', recipients: ['a@b.fr'] });
		expect(sent.body).not.toHaveProperty('geo_selector');
	});

	it('checks the period before sending: at least 5 days old, at most 3 years back, start before end', async () => {
		const { newestEnd, oldestStart } = exportBounds(Date.now());
		const utc = (instant: number) => new Date(instant).toISOString().replace('.000Z', 'Z');
		// Each date is computed once: computed again for the expectation, it could be a second later.
		const twoDaysAgo = daysAgo(2);
		const tooRecent = await runner().run({ parameters: { ...create, exportEnd: twoDaysAgo } });
		expect(tooRecent.error?.message).toBe(
			`Export not requested: end_at (End) must be no later than ${utc(newestEnd)}, 5 days ago: the registry needs that long to finish its checks of a journey (got ${twoDaysAgo})`,
		);
		const tooOld = await runner().run({ parameters: { ...create, exportStart: utc(oldestStart - 1000) } });
		expect(tooOld.error?.message).toBe(
			`Export not requested: start_at (Start) must be no earlier than ${utc(oldestStart)}, 3 years before today: the registry exports the last 3 years (got ${utc(oldestStart - 1000)})`,
		);
		const [tenDaysAgo, twentyDaysAgo] = [daysAgo(10), daysAgo(20)];
		const reversed = await runner().run({
			parameters: { ...create, exportStart: tenDaysAgo, exportEnd: twentyDaysAgo },
		});
		expect(reversed.error?.message).toBe(
			`Export not requested: start_at (Start) must be before end_at (End) (got ${tenDaysAgo} and ${twentyDaysAgo})`,
		);
	});

	it('checks recipients, area and time zone before sending, naming the field', async () => {
		const many = Array.from({ length: 25 }, (_, index) => `p${index}@operator.fr`).join(', ');
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ recipients: '={{ "" }}' }, 'recipients (Recipients) must hold at least one e-mail address'],
			[{ recipients: many }, 'recipients (Recipients) must hold at most 24 e-mail addresses (got 25)'],
			[
				{ recipients: 'Jane <jane@operator.fr>' },
				'recipients (Recipients) must be e-mail addresses, e.g. data@operator.fr (got "Jane <jane@operator.fr>")',
			],
			[
				{ area: { areas: [{ type: 'com', codes: "69123' OR 1=1" }] } },
				'geo_selector.com (Area) codes must be INSEE codes or SIREN numbers',
			],
			[{ options: { timeZone: 'Paris' } }, 'tz (Time Zone) must be a time zone such as Europe/Paris (got "Paris")'],
		];
		for (const [change, problem] of cases) {
			const { error } = await runner().run({ parameters: { ...create, ...change } });
			expect(error?.message).toContain(`Export not requested: ${problem}`);
		}
	});

	it('reads what the registry answers without JSON-RPC: no recipient (400), permissions (403), its validator', async () => {
		answerExport(400, 'No recipient found! You must set "created_by" or "recipients"');
		const noRecipient = await runner().run({ parameters: create });
		expect(noRecipient.error?.message).toBe('The registry needs at least one recipient for the export (400)');
		answerExport(403, 'Invalid permissions');
		const forbidden = await runner().run({ parameters: create });
		expect(forbidden.error?.message).toBe('The registry refused access (403): the credential may not create exports');
		answerExport(400, ['/tz: must be equal to one of the allowed values']);
		const validator = await runner().run({ parameters: create });
		expect(validator.error?.message).toBe(
			'The registry rejected the export: tz: must be equal to one of the allowed values',
		);
	});

	it('is not sent again after a broken connection: the recipients could get the file twice', async () => {
		nock(REGISTRY)
			.post(`${API}/exports`)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const { error } = await runner().run({ parameters: create });
		expect(error?.message).toBe(
			'The registry did not confirm that it created the export: it may have done it; check before running the item again',
		);
		expect(error?.description).toContain('check before running the item again');
	});
});
