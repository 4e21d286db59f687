import nock from 'nock';

import { Covoiturage } from '../../nodes/Covoiturage/Covoiturage.node';
import { API, REGISTRY, createFromJson, journey, rpcError, runner } from '../fixtures';

/** The registry's 422: the journey is stored, with these terms-of-use labels (CreateJourneyAction). */
const flagged = (labels: string[]) =>
	nock(REGISTRY)
		.post(`${API}/journeys`)
		.reply(422, rpcError(-32422, 'Unprocessable Request', { terms_violation_labels: labels }));

describe('Journey → Create: what the terms-of-use labels mean, and what an Update can do about them', () => {
	it('says that the trip counts include canceled journeys (CarpoolLookupRepository.countJourneyBy)', async () => {
		flagged(['too_close_trips', 'too_many_trips_by_day']);

		const { items } = await runner().run({ parameters: createFromJson, items: [journey('resent-1')] });

		expect(items[0].json.message).toContain(
			'too_close_trips (another trip with the same two people, canceled ones included, starts or ends within 30 minutes of this one)',
		);
		expect(items[0].json.message).toContain(
			'too_many_trips_by_day (one of the two people already has 4 other trips with you that day, canceled ones included)',
		);
	});

	it('does not promise that an Update corrects what it cannot (expired, too_close_trips, too_many_trips_by_day)', async () => {
		flagged(['expired', 'too_close_trips']);

		const { items } = await runner().run({ parameters: createFromJson, items: [journey('late-2')] });

		expect(items[0].json.message).not.toMatch(/correct it with Update/);
		expect(items[0].json.message).toMatch(
			/An Update cannot correct expired, too_close_trips: they depend on when the journey was sent and on your other trips\.$/,
		);
	});

	it('says a wrong distance can be corrected with Update, in the failed item too', async () => {
		flagged(['distance_too_short']);

		const { error } = await runner().run({
			parameters: { ...createFromJson, options: { onTermsViolation: 'fail' } },
			items: [journey('short-2')],
		});

		expect(error?.description).toBe(
			'It will not receive incentives. If the distance was wrong, correct it with Update within 24 hours of the start.',
		);
	});

	it('no longer says that a cancel cannot be undone: an Update would undo it', () => {
		const operations = new Covoiturage().description.properties.find((property) => property.name === 'operation');
		const cancel = (operations?.options as Array<{ value: string; description: string }>).find(
			(option) => option.value === 'cancel',
		);
		expect(cancel?.description).not.toMatch(/cannot be undone/);
		expect(cancel?.description).toMatch(/Update refuses canceled journeys unless you allow it/);
	});
});
