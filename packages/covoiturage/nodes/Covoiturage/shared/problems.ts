import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { failItem } from '../../shared/failItem';

/**
 * How the registry's rules are checked before sending and how what breaks them is said: each check adds problems
 * as "<field path> <rule> (got …)", and an item with problems fails with all of them, naming the fields.
 */

export type Problems = string[];

/**
 * Fails an item whose input cannot become a valid request, with every problem found: the first in the message,
 * all of them in the description. Nothing is sent for it. (The registry's form of failItem.)
 */
export function failWithProblems(
	context: IExecuteSingleFunctions,
	problems: Problems,
	what = 'Journey not sent',
): never {
	return failItem(
		context,
		`${what}: ${problems[0]}`,
		problems.length > 1
			? `${problems.length} problems: ${problems.join('; ')}`
			: 'Nothing was sent to the registry for this item.',
	);
}

export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
export const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

export function describe(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : String(value);
}

export function text(problems: Problems, path: string, value: unknown, max = 256, required = true): void {
	if (value === undefined && !required) return;
	if (typeof value !== 'string' || value.length < 1 || value.length > max) {
		problems.push(`${path} must be a text of 1 to ${max} characters (got ${describe(value)})`);
	}
}

export function integer(problems: Problems, path: string, value: unknown, min: number, max: number, unit = ''): void {
	if (!isInteger(value) || value < min || value > max) {
		problems.push(`${path} must be a whole number from ${min} to ${max}${unit} (got ${describe(value)})`);
	}
}

export function onlyKeys(problems: Problems, path: string, value: IDataObject, allowed: string[]): void {
	for (const key of Object.keys(value)) {
		if (!allowed.includes(key)) {
			problems.push(
				`${path ? `${path}.` : ''}${key} is not a field the registry accepts here (allowed: ${allowed.join(', ')})`,
			);
		}
	}
}
