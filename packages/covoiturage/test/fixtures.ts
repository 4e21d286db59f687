import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { CovoiturageApi } from '../credentials/CovoiturageApi.credentials';
import { Covoiturage } from '../nodes/Covoiturage/Covoiturage.node';
import { NodeRunner } from '../../shared/test/harness/runNode';

export const REGISTRY = 'https://registry.test';
export const API = '/v3.3';

export const tokenCredential: ICredentialDataDecryptedObject = {
	environment: 'custom',
	customUrl: `${REGISTRY}/`,
	apiVersion: 'v3.3',
	authentication: 'applicationToken',
	applicationToken: 'app-token-123',
};

let keyCounter = 0;
/** A key pair of its own for each test: the credential's token cache lives as long as the process. */
export function keyPairCredential(): ICredentialDataDecryptedObject {
	keyCounter++;
	return {
		environment: 'custom',
		customUrl: REGISTRY,
		apiVersion: 'v3.3',
		authentication: 'accessKey',
		accessKey: `access-key-${keyCounter}`,
		secretKey: `secret-key-${keyCounter}`,
	};
}

export const runner = (credential: ICredentialDataDecryptedObject = tokenCredential) =>
	new NodeRunner(new Covoiturage(), new CovoiturageApi(), credential);

const HOUR = 3600 * 1000;
/** Relative to one instant per test file, so that two journeys built in one test have the same dates. */
const NOW = Date.now();
export const isoHoursAgo = (hours: number) => new Date(NOW - hours * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const DRIVER_KEY = 'a'.repeat(64);
export const PASSENGER_KEY = 'b'.repeat(64);

/** A valid v3.3 journey that ended an hour ago. */
export function journey(id = 'journey-1', overrides: IDataObject = {}): IDataObject {
	return {
		operator_journey_id: id,
		operator_trip_id: 'trip-1',
		operator_class: 'C',
		start: { datetime: isoHoursAgo(2), lat: 48.8566, lon: 2.3522 },
		end: { datetime: isoHoursAgo(1), lat: 48.8049, lon: 2.1204 },
		distance: 21500,
		incentives: [{ index: 0, siret: '11000101300017', amount: 150 }],
		driver: {
			identity: { identity_key: DRIVER_KEY, operator_user_id: 'drv-42', phone_trunc: '+336010203', over_18: true },
			revenue: 320,
		},
		passenger: {
			identity: { identity_key: PASSENGER_KEY, operator_user_id: 'pax-77', phone_trunc: '+337111213', over_18: true },
			contribution: 170,
			seats: 1,
			payments: [],
		},
		...overrides,
	};
}

export const createFromJson = {
	resource: 'journey',
	operation: 'create',
	inputMode: 'json',
	journeyJson: '={{ $json }}',
};

export const created = (id: string) => ({
	jsonrpc: '2.0',
	id: 1,
	result: { meta: null, data: { operator_journey_id: id, created_at: '2026-11-23T08:01:02.345Z' } },
});

export const rpcError = (code: number, message: string, data?: unknown) => ({
	jsonrpc: '2.0',
	id: 1,
	error: { code, message, ...(data === undefined ? {} : { data }) },
});

/** Answers one POST /journeys with 201 and keeps the body the node sent. */
export function acceptOneJourney(id: string): { body?: IDataObject } {
	const sent: { body?: IDataObject } = {};
	nock(REGISTRY)
		.post(`${API}/journeys`, (body) => {
			sent.body = body;
			return true;
		})
		.reply(201, created(id));
	return sent;
}

/**
 * Create in the fields mode, with identities already computed: every required field filled in for a valid
 * journey that ended an hour ago, `parameters` changing what a test looks at.
 */
export const fieldsJourney = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'journey',
	operation: 'create',
	inputMode: 'fields',
	operatorJourneyId: 'j',
	operatorTripId: 't',
	startDateTime: isoHoursAgo(2),
	startLatitude: 48.85,
	startLongitude: 2.35,
	endDateTime: isoHoursAgo(1),
	endLatitude: 48.8,
	endLongitude: 2.12,
	distance: 5000,
	identityMode: 'provided',
	driverOperatorUserId: 'd',
	driverIdentityKey: 'a'.repeat(64),
	driverPhoneTrunc: '+336010203',
	passengerOperatorUserId: 'p',
	passengerIdentityKey: 'b'.repeat(64),
	passengerPhoneTrunc: '+336010204',
	...parameters,
});
