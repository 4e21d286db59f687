import { createHash } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

/**
 * The registry recognises a person across operators by `identity_key`:
 * sha256 of "<phone in E.164>-<LAST NAME>", the last name in capitals without accents, hyphens or
 * apostrophes (only A–Z and spaces). The registry's own example: M. D'Hérûg-de-l'Hérault, 07 01 02 03 04
 * → "+33701020304-D HERUG DE L HERAULT".
 */

const LIGATURES: Record<string, string> = { Œ: 'OE', Æ: 'AE', ß: 'SS', Ø: 'O', Ł: 'L', Đ: 'D' };

/** "D'Hérûg-de-l'Hérault" → "D HERUG DE L HERAULT". Runs of spaces are folded, ends trimmed. */
export function normaliseLastName(lastName: string): string {
	return lastName
		.toUpperCase()
		.replace(/[ŒÆßØŁĐ]/g, (letter) => LIGATURES[letter])
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[-'’‘`´\u2010-\u2015]/g, ' ')
		.replace(/[^A-Z ]/g, '')
		.replace(/ +/g, ' ')
		.trim();
}

interface Territory {
	code: string;
	name: string;
}

const GUADELOUPE = { code: '+590', name: 'Guadeloupe, Saint-Barthélemy or Saint-Martin' };
const GUIANA = { code: '+594', name: 'French Guiana' };
const MARTINIQUE = { code: '+596', name: 'Martinique' };
const REUNION = { code: '+262', name: 'Réunion' };
const MAYOTTE = { code: '+262', name: 'Mayotte' };
const SAINT_PIERRE = { code: '+508', name: 'Saint-Pierre-et-Miquelon' };

/**
 * Ranges of the French 10-digit plan (the digits after the leading 0) that belong to another country code: the
 * overseas departments and territories, as ARCEP assigns them and libphonenumber's metadata lists them (GP, BL,
 * MF, GF, MQ, RE, YT, PM). Where the metadata of France is broader (its 09 VoIP, 0263, 0268, 0269, 0596 and 0598
 * patterns), the overseas range wins. 08 numbers (free and special rate) are the same everywhere: they stay +33.
 */
const OVERSEAS_RANGES: Array<[string[], Territory]> = [
	[['590', '5987', '690', '691', '7090', '9395', '9475', '9760', '9761', '9768'], GUADELOUPE],
	[['594', '5988', '694', '70930', '70931', '70932', '70933', '9396', '9476', '9764', '9765'], GUIANA],
	[['596', '5989', '696', '697', '7091', '9397', '9477', '9766', '9767'], MARTINIQUE],
	[['262', '263', '2688', '692', '693', '7092', '9399', '9479', '9762', '9763'], REUNION],
	[['269', '2689', '639', '70935', '70936', '70937', '9398', '9478', '9769'], MAYOTTE],
	[['7084', '7085'], SAINT_PIERRE],
];

/** The territory of a number of the French plan, from its digits after the leading 0 (at least 5 of them). */
function overseasTerritory(nationalDigits: string): Territory | undefined {
	return OVERSEAS_RANGES.find(([prefixes]) => prefixes.some((prefix) => nationalDigits.startsWith(prefix)))?.[1];
}

/** "+33 6 90…", "0033690…", "06 90…" → "690…": the digits of the French plan, when the number is written in it. */
function frenchPlanDigits(phone: string): string | undefined {
	let digits = phone.trim().replace(/[\s.\-()/]/g, '');
	if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
	if (digits.startsWith('+330')) return digits.slice(4);
	if (digits.startsWith('+33')) return digits.slice(3);
	if (/^0[1-9]/.test(digits)) return digits.slice(1);
	return undefined;
}

/**
 * A phone number in E.164 ("+33701020304"), or undefined when it cannot be one. Numbers of the French plan,
 * written nationally (06 90 12 34 56) or with +33, get their own country code: +33 for metropolitan France,
 * +590, +594, +596, +262 or +508 for the overseas ranges. Other countries must be written with + or 00.
 */
export function toE164(phone: string): string | undefined {
	const french = frenchPlanDigits(phone);
	if (french !== undefined) {
		if (!/^[1-9]\d{8}$/.test(french)) return undefined;
		return `${overseasTerritory(french)?.code ?? '+33'}${french}`;
	}
	const digits = phone
		.trim()
		.replace(/[\s.\-()/]/g, '')
		.replace(/^00/, '+');
	return /^\+[1-9]\d{7,14}$/.test(digits) ? digits : undefined;
}

/**
 * For a phone or truncated phone given as it is (with an identity key computed elsewhere): when it is an overseas
 * number written with +33 or nationally (which the registry turns into +33), the territory and the right form.
 */
export function overseasWrittenAsFrench(phone: string): { territory: Territory; rightForm: string } | undefined {
	const french = frenchPlanDigits(phone);
	if (french === undefined || french.length < 5) return undefined;
	const territory = overseasTerritory(french);
	return territory && { territory, rightForm: `${territory.code}${french}` };
}

/** The phone number without its last two digits, as the registry stores it ("+336010203"). */
export function truncatePhone(e164: string): string {
	return e164.slice(0, -2);
}

/**
 * The registry's `last_name_trunc` (CEE applications): the first 3 characters of the normalised last name, padded
 * with spaces when it is shorter (its documentation: M. D'Hérûg-de-l'Hérault → "D H", M. Tô → "TO ").
 */
export function truncateLastName(lastName: string): string {
	return normaliseLastName(lastName).slice(0, 3).padEnd(3, ' ');
}

export function computeIdentityKey(e164: string, lastName: string): string {
	return createHash('sha256')
		.update(`${e164}-${normaliseLastName(lastName)}`)
		.digest('hex');
}

export interface PersonFields {
	operatorUserId: string;
	/** compute: identity key and truncated phone computed here from phone + last name; provided: given as they are. */
	identityMode: 'compute' | 'provided';
	phone?: string;
	lastName?: string;
	identityKey?: string;
	phoneTrunc?: string;
	travelPass?: string;
	over18?: boolean;
}

/**
 * Builds an identity object. With a phone number and a last name, the identity key and the truncated phone are
 * computed here, so the full number need not leave n8n (unless `sendFullPhone`).
 */
export function buildIdentity(
	path: string,
	person: PersonFields,
	sendFullPhone: boolean,
	problems: string[],
): IDataObject {
	const identity: IDataObject = { operator_user_id: person.operatorUserId };
	if (person.identityMode === 'compute') {
		const e164 = toE164(String(person.phone ?? ''));
		if (!e164) {
			problems.push(
				`${path}.phone must be a valid phone number, e.g. 06 01 02 03 04 or +33601020304 (got "${person.phone ?? ''}")`,
			);
		} else if (!person.lastName || !String(person.lastName).trim()) {
			problems.push(`${path} last name is needed to compute the identity key`);
		} else {
			identity.identity_key = computeIdentityKey(e164, String(person.lastName));
			if (sendFullPhone) identity.phone = e164;
			else identity.phone_trunc = truncatePhone(e164);
		}
	} else {
		identity.identity_key = person.identityKey;
		const phoneTrunc = String(person.phoneTrunc ?? '').replace(/[\s.-]/g, '');
		if (phoneTrunc) identity.phone_trunc = phoneTrunc;
	}
	if (person.travelPass) identity.travel_pass = { name: 'navigo', user_id: person.travelPass };
	if (person.over18 !== undefined) identity.over_18 = person.over18;
	return identity;
}

/** The three identity fields of a person, as the registry's CEE applications and the Identity resource give them. */
export interface IdentityFields {
	identity_key: string;
	phone_trunc: string;
	last_name_trunc: string;
}

/**
 * `identity_key`, `phone_trunc` and `last_name_trunc` of a person from a phone number and a last name, computed by
 * the code that computes them for Create (buildIdentity); undefined, with the problems named after `path`, when they
 * cannot be (a wrong phone number, a last name without a letter).
 */
export function identityFieldsOf(
	path: string,
	phone: string,
	lastName: string,
	problems: string[],
): IdentityFields | undefined {
	const found = problems.length;
	const identity = buildIdentity(
		path,
		{ operatorUserId: '', identityMode: 'compute', phone, lastName },
		false,
		problems,
	);
	if (problems.length === found && !/[A-Z]/.test(normaliseLastName(lastName))) {
		problems.push(`${path} last name must hold at least one letter (got "${lastName}")`);
	}
	if (problems.length > found) return undefined;
	return {
		identity_key: String(identity.identity_key),
		phone_trunc: String(identity.phone_trunc),
		last_name_trunc: truncateLastName(lastName),
	};
}
