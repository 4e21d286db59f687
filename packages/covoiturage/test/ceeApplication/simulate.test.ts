import { createHash } from 'crypto';

import nock from 'nock';

import { API, REGISTRY, runner } from '../fixtures';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const simulate = {
	resource: 'ceeApplication',
	operation: 'simulate',
	journeyType: 'short',
	identityMode: 'compute',
	phone: '0692 11 12 13',
	lastName: 'Tô',
};

function answerSimulation(status: number, answer?: unknown): { body?: unknown } {
	const sent: { body?: unknown } = {};
	nock(REGISTRY)
		.post(`${API}/policies/cee/simulate`, (body) => {
			sent.body = body;
			return true;
		})
		.reply(status, answer === undefined ? '' : JSON.stringify(answer), answer === undefined ? {} : { 'Content-Type': 'application/json' });
	return sent;
}

describe('CEE Application → Simulate', () => {
	it('sends the identity computed as for journeys; 200 with no body means no earlier application', async () => {
		const sent = answerSimulation(200);
		const { items, error } = await runner().run({ parameters: { ...simulate, drivingLicense: '051227308989' } });
		expect(error).toBeUndefined();
		expect(sent.body).toEqual({
			journey_type: 'short',
			last_name_trunc: 'TO ',
			phone_trunc: '+2626921112',
			identity_key: sha256('+262692111213-TO'),
			driving_license: '051227308989',
		});
		expect(items[0].json).toEqual({
			journey_type: 'short',
			already_applied: false,
			message:
				'The registry has no earlier CEE application of this driver: an application can be registered (Register also checks the journey and the dates).',
		});
	});

	it('sends no identity key nor licence when none is given', async () => {
		const sent = answerSimulation(200);
		await runner().run({
			parameters: { ...simulate, journeyType: 'long', identityMode: 'provided', lastNameTrunc: 'MAR', phoneTrunc: '+33 6 01 02 03' },
		});
		expect(sent.body).toEqual({ journey_type: 'long', last_name_trunc: 'MAR', phone_trunc: '+336010203' });
	});

	it('outputs an earlier application of yours (409 with its uuid) and one of another operator (409 with its date)', async () => {
		answerSimulation(409, { uuid: '11111111-2222-4333-8444-555555555555', datetime: '2026-10-01T10:00:00.000Z' });
		answerSimulation(409, { datetime: '2024-02-01T10:00:00.000Z' });
		const { items } = await runner().run({ parameters: simulate, items: [{}, {}] });
		expect(items.map((item) => item.json)).toEqual([
			{
				journey_type: 'short',
				already_applied: true,
				by_another_operator: false,
				uuid: '11111111-2222-4333-8444-555555555555',
				datetime: '2026-10-01T10:00:00.000Z',
				message:
					'You already have a CEE application for this driver (11111111-2222-4333-8444-555555555555, operation date 2026-10-01T10:00:00.000Z).',
			},
			{
				journey_type: 'short',
				already_applied: true,
				by_another_operator: true,
				datetime: '2024-02-01T10:00:00.000Z',
				message:
					'Another operator already has a CEE application for this driver (operation date 2024-02-01T10:00:00.000Z): the registry counts a new one as a duplicate.',
			},
		]);
	});

	it('checks the identity before sending', async () => {
		const { error } = await runner().run({
			parameters: { ...simulate, identityMode: 'provided', lastNameTrunc: 'MA', phoneTrunc: '12', drivingLicense: 'x' },
		});
		expect(error?.message).toBe(
			'Simulation not sent: phone_trunc must be a phone number in international format without its last 2 digits, e.g. +336010203 (got "12")',
		);
		expect(error?.description).toContain('driving_license must be a driving licence number');
	});
});
