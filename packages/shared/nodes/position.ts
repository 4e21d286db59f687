/**
 * Positions in decimal degrees (WGS 84), as both APIs take them. Every check of a latitude or longitude, in both
 * nodes, goes through here.
 */

export const isLatitude = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value >= -90 && value <= 90;

export const isLongitude = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value >= -180 && value <= 180;

/** What is wrong with a position given as a latitude and a longitude: none given, only one, or not in range. */
export type PositionProblem = 'missing' | 'incomplete' | 'outOfRange';

const isGiven = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * Checks a latitude and a longitude given as two fields (numbers, or numbers written as text): both or neither,
 * each in range. `zeroIsMissing` is for fields whose default is 0: (0, 0), in the sea off West Africa, is never a
 * real place, so it means that the user did not fill them in.
 */
export function positionProblem(
	latitude: unknown,
	longitude: unknown,
	{ zeroIsMissing = false } = {},
): PositionProblem | undefined {
	if (!isGiven(latitude) && !isGiven(longitude)) return 'missing';
	if (!isGiven(latitude) || !isGiven(longitude)) return 'incomplete';
	const [lat, lon] = [Number(latitude), Number(longitude)];
	if (zeroIsMissing && lat === 0 && lon === 0) return 'missing';
	return isLatitude(lat) && isLongitude(lon) ? undefined : 'outOfRange';
}
