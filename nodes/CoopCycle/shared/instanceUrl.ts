/**
 * The instance address as the credential's user typed it in Instance URL (`baseUrl`), made usable: spaces and
 * trailing slashes removed, `https://` added when only the host was typed. The same rule as the credential's
 * own `instanceUrlExpression`, for code that reads the credential's fields directly (the trigger).
 */
export function instanceUrlOf(baseUrl: unknown): string {
	const typed = String(baseUrl ?? '').trim();
	return `${/^https?:\/\//i.test(typed) ? '' : 'https://'}${typed.replace(/\/+$/, '')}`;
}
