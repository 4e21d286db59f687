// The capacity of a real CoopCycle instance: nginx in front of a pool of PHP-FPM workers. Off unless the sandbox
// is started with `capacity` (every request is then answered at once, as before).
//
// coopcycle-web runs its API as PHP-FPM behind nginx: docker/nginx/conf.d/default.conf (`fastcgi_pass php:9000`,
// `fastcgi_read_timeout 300s` in its development setup) and docker/php/Dockerfile (FROM php:8.3-fpm-alpine, which
// sets no `pm.max_children`, so the php-fpm pool's own default applies; an instance in production sizes both to
// its server). What that setup does under load, and what this module reproduces:
// - PHP-FPM `pm.max_children` (`workers`): at most that many requests are processed at once; the others wait in
//   the pool's listen queue, first come first served;
// - each request takes `latencyMs` to process (its queries, the geocoding, the pricing);
// - nginx `fastcgi_read_timeout` (`gatewayTimeoutMs`, counted from the request's arrival, queue included, as a
//   busy pool does not read the request before a worker is free): when PHP has not answered in time, nginx answers
//   504 Gateway Time-out. PHP is not stopped: the request is still processed and committed (a worker notices a
//   gone client only when it writes its answer, after the transaction), so the delivery exists;
// - `unconfirmedCreateRate`: that fraction of POST /api/deliveries are processed and committed, then answered 504,
//   as the gateway does when PHP answers just too late. Chosen by count (with 0.05, every 20th), not at random;
// - `dropConnectionRate`: the same fraction of creates processed and committed, then the connection is broken
//   (a proxy or network in between failing after the request went out).

/** The body nginx answers with when PHP-FPM did not answer within fastcgi_read_timeout. */
const NGINX_504 =
	'<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/**
 * Picks every (1 / rate)-th call, by count: `rate` 0.05 picks the 20th, 40th… (`offset` shifts the first one, so
 * that two rates do not pick the same calls).
 */
function everyNth(rate, offset = 0) {
	let credit = offset;
	return () => {
		if (!(rate > 0)) return false;
		credit += rate;
		if (credit < 1 - 1e-9) return false; // 0.5 + 5 × 0.1 is 0.9999999999999999 in floating point
		credit -= 1;
		return true;
	};
}

/**
 * The pool. `submit(req, res, process)` queues a request; `process()` runs when a worker takes it (after
 * `latencyMs`), does what the route does (it changes the state: a commit) and returns the answer
 * `{ status, headers, body }`, which is written unless the gateway already answered or the fault says otherwise.
 */
export function capacityModel({
	workers = 8,
	latencyMs = 100,
	gatewayTimeoutMs = Infinity,
	unconfirmedCreateRate = 0,
	dropConnectionRate = 0,
}) {
	const queue = [];
	const stats = { peakInFlight: 0, peakQueued: 0, gatewayTimeouts: 0, unconfirmedCreates: 0, droppedConnections: 0 };
	let inFlight = 0; // arrived and not answered yet (as the client sees it)
	let busy = 0; // taken by a worker
	const answerLate = everyNth(unconfirmedCreateRate);
	const dropAfter = everyNth(dropConnectionRate, 0.5);

	function finish(job) {
		if (job.answered) return false;
		job.answered = true;
		clearTimeout(job.timer);
		inFlight--;
		return true;
	}

	function next() {
		while (busy < workers && queue.length) {
			const job = queue.shift();
			busy++;
			setTimeout(() => {
				busy--;
				run(job);
				next();
			}, latencyMs);
		}
	}

	function run(job) {
		// The work is done (and committed) whether or not anyone still waits for its answer.
		const answer = job.process();
		if (job.answered) return;
		const { method, url } = job.req;
		const isCreate = method === 'POST' && url.split('?')[0].replace(/\/+$/, '') === '/api/deliveries';
		// Both counts move on every committed create, so that each rate is what it says whatever the other is.
		const committedCreate = isCreate && answer.status === 201;
		const [late, drop] = committedCreate ? [answerLate(), dropAfter()] : [false, false];
		if (late) {
			stats.unconfirmedCreates++;
			gatewayTimeout(job);
			return;
		}
		if (drop) {
			stats.droppedConnections++;
			finish(job);
			job.res.socket?.destroy();
			return;
		}
		if (!finish(job)) return;
		job.res.writeHead(answer.status, answer.headers);
		job.res.end(answer.body);
	}

	function gatewayTimeout(job) {
		if (!finish(job)) return;
		stats.gatewayTimeouts++;
		job.res.writeHead(504, { 'Content-Type': 'text/html', Server: 'nginx' });
		job.res.end(NGINX_504);
	}

	return {
		submit(req, res, process) {
			const job = { req, res, process, answered: false, timer: undefined };
			inFlight++;
			stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
			if (Number.isFinite(gatewayTimeoutMs)) job.timer = setTimeout(() => gatewayTimeout(job), gatewayTimeoutMs);
			queue.push(job);
			next();
			stats.peakQueued = Math.max(stats.peakQueued, queue.length);
		},
		stats: () => ({ ...stats }),
		/** Stops the gateway timers (the server is closing). */
		close() {
			for (const job of queue) clearTimeout(job.timer);
		},
	};
}
