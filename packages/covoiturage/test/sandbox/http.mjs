// The registry's HTTP side: JSON-RPC error bodies, and what its middlewares answer.

export const rpcError = (code, message, data) => ({ jsonrpc: '2.0', id: 1, error: { code, message, ...(data === undefined ? {} : { data }) } });

export function send(res, status, body, headers = {}) {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, { ...(text ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), ...headers });
	res.end(text);
}

// errorHandlerMiddleware.ts: what a middleware's error becomes. The HTTP code comes from the message text
// ("Unauthorized Error" → 401, "Forbidden Error" → 403, anything else → 500), `data` is the error's class name.
export function middlewareError(res, name, message) {
	const code = { 'Unauthorized Error': 401, 'Forbidden Error': 403 }[message] ?? 500;
	send(res, code, { id: 1, jsonrpc: '2.0', error: { code, data: name, message } });
}

export const INVALID = Symbol('invalid JSON');
export function readJson(req) {
	return new Promise((resolve) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			if (!text) return resolve(undefined);
			try {
				resolve(JSON.parse(text));
			} catch {
				resolve(INVALID);
			}
		});
	});
}
