import type { IDataObject } from 'n8n-workflow';

import { CoopCycle } from '../../nodes/CoopCycle/CoopCycle.node';
import { AS_NEW_ADDRESS, coopCycle, delivery, expectWrite, jsonLdKeysIn, run, SAVED_ADDRESS } from '../fixtures';

const update = (parameters: IDataObject) => ({ resource: 'delivery', operation: 'update', ...parameters });

describe('Delivery → Update', () => {
	// coopcycle-web src/Api/State/DeliveryCreateOrUpdateProcessor.php l.131-186: only a dispatcher's change prices
	// the order again; the sandbox keeps the price too (test/sandbox/deliveries.mjs).
	it('says that the price does not change, where the operation is chosen', () => {
		const options = new CoopCycle().description.properties.flatMap((property) =>
			property.name === 'operation'
				? ((property.options ?? []) as Array<{ value?: string; description?: string }>)
				: [],
		);
		expect(options.find((option) => option.value === 'update')?.description).toMatch(/price does not change/);
	});

	it('PUTs only the changed fields', async () => {
		const seen = expectWrite('put', '/api/deliveries/12', delivery(12));
		await run({
			parameters: update({
				deliveryId: '/api/deliveries/12',
				dropoffDetails: { comments: 'Leave at the reception', tags: 'cold' },
				pickupTimeMode: 'window',
				pickupAfter: '2025-06-12T10:00:00',
				pickupBefore: '2025-06-12T11:00:00',
			}),
		});
		expect(seen.bodies).toEqual([
			{
				pickup: { after: '2025-06-12T10:00:00', before: '2025-06-12T11:00:00' },
				dropoff: { comments: 'Leave at the reception', tags: ['cold'] },
			},
		]);
	});

	it('sends an address object with an @id without it, so the saved one is never rewritten', async () => {
		const updated = expectWrite('put', '/api/deliveries/12', delivery(12));
		await run({
			parameters: update({ deliveryId: '12', dropoffAddress: '={{ $json.address }}' }),
			items: [{ address: { ...SAVED_ADDRESS, contactName: 'Jane Roe' } }],
		});
		expect(updated.bodies).toEqual([{ dropoff: { address: AS_NEW_ADDRESS } }]);
		expect(jsonLdKeysIn(updated.bodies)).toEqual([]);
	});

	it('with a latest time only sends just that, and says the earliest time stays', async () => {
		const seen = expectWrite('put', '/api/deliveries/12', delivery(12));
		await run({
			parameters: update({ deliveryId: '12', dropoffTimeMode: 'deadline', dropoffBefore: '2025-06-12T18:00:00' }),
		});
		expect(seen.bodies).toEqual([{ dropoff: { before: '2025-06-12T18:00:00' } }]);
		const properties = new CoopCycle().description.properties;
		const forUpdate = (name: string) =>
			properties.find(
				(property) => property.name === name && property.displayOptions?.show?.operation?.includes('update') === true,
			);
		const notice = forUpdate('dropoffDeadlineNotice');
		expect(notice?.displayName).toMatch(/^Only the latest time changes: the earliest time stays as it was/);
		expect(notice?.displayName).not.toMatch(/15-minute window ending/);
		expect(JSON.stringify(forUpdate('dropoffTimeMode')?.options)).toMatch(
			/"Latest Time Only \(Earliest Time Unchanged\)"/,
		);
	});

	it('with a tasks list sends it, and warns that omitted tasks are cancelled', async () => {
		const tasks = [{ id: 23, comments: 'x' }, { id: 24 }];
		const seen = expectWrite('put', '/api/deliveries/12', delivery(12));
		await run({
			parameters: { resource: 'delivery', operation: 'update', deliveryId: '12', taskMode: 'tasks', tasksJson: tasks },
		});
		expect(seen.bodies).toEqual([{ tasks }]);
		const notice = new CoopCycle().description.properties.find((property) => property.name === 'tasksUpdateNotice');
		expect(notice?.displayName).toMatch(/cancels every task of the delivery that is not in this list/);
	});

	it('with nothing to change is refused before sending', async () => {
		coopCycle();
		const result = await run({ parameters: { resource: 'delivery', operation: 'update', deliveryId: '12' } });
		expect(result.error?.message).toBe('Nothing to update');
	});
});
