import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { textOf } from '../../shared/values';
import { drivingLicense, validateApplicationId, validateGivenIdentity, validateRegistration } from './ceeValidation';
import { toRegistryDateTime } from './dates';
import { identityFieldsOf } from './identity';
import { failWithProblems, type Problems } from './problems';

/**
 * The preSend step of each CEE application operation: its request built from the fields and checked against the
 * registry's rules. An item with a problem fails with all of them, and nothing is sent for it.
 */

const parameter = (context: IExecuteSingleFunctions, name: string) => context.getNodeParameter(name, '');

/**
 * The driver's identity_key, last_name_trunc and phone_trunc: computed from the phone and last name as for
 * journeys, or as given (a last name shorter than 3 letters may be given without its padding).
 */
function driverIdentity(
	context: IExecuteSingleFunctions,
	problems: Problems,
	{ identityKeyRequired = true, withPhoneTrunc = true } = {},
): IDataObject {
	if (parameter(context, 'identityMode') !== 'provided') {
		const phone = textOf(parameter(context, 'phone'));
		return { ...identityFieldsOf('driver', phone, textOf(parameter(context, 'lastName')), problems) };
	}
	const given = String(parameter(context, 'lastNameTrunc') ?? '');
	const identity: IDataObject = {
		identity_key: textOf(parameter(context, 'identityKey')) || undefined,
		last_name_trunc: given.length < 3 ? given.padEnd(3, ' ') : given,
		phone_trunc: textOf(parameter(context, 'phoneTrunc')).replace(/[\s.-]/g, ''),
	};
	problems.push(...validateGivenIdentity(identity, { identityKeyRequired, withPhoneTrunc }));
	return identity;
}

/**
 * preSend of Register: one body per journey type (registerApplication.schema.ts). Short distance: the journey by
 * its id (the registry reads the driver's phone from it). Long distance: the driver's truncated phone and the date
 * the costs were shared.
 */
export async function buildRegistrationBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems: Problems = [];
	const journeyType = parameter(this, 'journeyType') === 'long' ? 'long' : 'short';
	const { identity_key, last_name_trunc, phone_trunc } = driverIdentity(this, problems, {
		withPhoneTrunc: journeyType === 'long',
	});
	const timeZone = this.getTimezone();
	const body: IDataObject =
		journeyType === 'short'
			? { journey_type: journeyType, operator_journey_id: String(parameter(this, 'operatorJourneyId') ?? '').trim() }
			: {
					journey_type: journeyType,
					phone_trunc,
					datetime: toRegistryDateTime(parameter(this, 'costSharingDate'), timeZone),
				};
	Object.assign(body, {
		driving_license: textOf(parameter(this, 'drivingLicense')),
		last_name_trunc,
		identity_key,
		application_timestamp: toRegistryDateTime(parameter(this, 'applicationDate'), timeZone),
	});
	problems.push(...validateRegistration(body));
	if (problems.length) failWithProblems(this, problems, 'CEE application not sent');
	requestOptions.body = body;
	return requestOptions;
}

/** preSend of Simulate: the driver's identity, and the driving licence when given (simulateApplication.schema.ts). */
export async function buildSimulationBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems: Problems = [];
	const { identity_key, last_name_trunc, phone_trunc } = driverIdentity(this, problems, { identityKeyRequired: false });
	const body: IDataObject = {
		journey_type: parameter(this, 'journeyType') === 'long' ? 'long' : 'short',
		last_name_trunc,
		phone_trunc,
	};
	if (identity_key !== undefined) body.identity_key = identity_key;
	const license = textOf(parameter(this, 'drivingLicense'));
	if (license) {
		drivingLicense(problems, license);
		body.driving_license = license;
	}
	if (problems.length) failWithProblems(this, problems, 'Simulation not sent');
	requestOptions.body = body;
	return requestOptions;
}

/** preSend of Get and Delete: the application's ID must be a uuid (the registry answers 400 to anything else). */
export async function checkApplicationId(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const problems = validateApplicationId(textOf(parameter(this, 'applicationId')));
	if (problems.length) failWithProblems(this, problems, 'Request not sent');
	return requestOptions;
}

/** The URL of one application, by its uuid (which the registry reads in any case). */
export const APPLICATION_URL =
	'=/policies/cee/{{ encodeURIComponent(String($parameter.applicationId).trim().toLowerCase()) }}';
