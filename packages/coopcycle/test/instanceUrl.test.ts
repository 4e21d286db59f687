import { instanceUrlOf } from '../nodes/CoopCycle/shared/instanceUrl';

describe('instanceUrlOf (the address every request of the node, the credential and the trigger starts with)', () => {
	it.each([
		['https://acme.coopcycle.org', 'https://acme.coopcycle.org'],
		['https://acme.coopcycle.org/', 'https://acme.coopcycle.org'],
		['  https://acme.coopcycle.org//  ', 'https://acme.coopcycle.org'],
		['acme.coopcycle.org', 'https://acme.coopcycle.org'],
		['HTTP://127.0.0.1:4020/', 'HTTP://127.0.0.1:4020'],
		['http://127.0.0.1:4020', 'http://127.0.0.1:4020'],
	])('%j → %j', (typed, expected) => {
		expect(instanceUrlOf({ baseUrl: typed })).toBe(expected);
	});
});
