import { createHash } from 'crypto';

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

/**
 * A phone number in E.164 ("+33701020304"), or undefined when it cannot be one. National French numbers
 * (ten digits starting with 0) get +33; other countries must be written with their + prefix or 00.
 */
export function toE164(phone: string): string | undefined {
	let digits = phone.trim().replace(/[\s.\-()/]/g, '');
	if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
	if (/^0[1-9]\d{8}$/.test(digits)) digits = `+33${digits.slice(1)}`;
	if (/^\+330[1-9]\d{8}$/.test(digits)) digits = `+33${digits.slice(4)}`;
	if (!/^\+[1-9]\d{7,14}$/.test(digits)) return undefined;
	if (digits.startsWith('+33') && digits.length !== 12) return undefined;
	return digits;
}

/** The phone number without its last two digits, as the registry stores it ("+336010203"). */
export function truncatePhone(e164: string): string {
	return e164.slice(0, -2);
}

export function computeIdentityKey(e164: string, lastName: string): string {
	return createHash('sha256')
		.update(`${e164}-${normaliseLastName(lastName)}`)
		.digest('hex');
}
