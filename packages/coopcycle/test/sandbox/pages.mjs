// The sandbox's web pages, outside the API:
// - /d/{hashid}: a delivery's public tracking page, what `trackingUrl` points to (coopcycle-web
//   src/Controller/PublicController.php, route "public_delivery", templates/delivery/tracking.html.twig: the
//   delivery's tasks with their address, time window and status, for anyone who has the link);
// - /sandbox: the sandbox's own page (CoopCycle has none): its deliveries, its webhooks, and buttons that make the
//   sandbox's courier (courier.mjs) assign, pick up or drop off the next delivery; POST /sandbox/courier/{action}
//   does the same for scripts (fire.mjs).

const escape = (text) =>
	String(text ?? '').replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
	);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
.status{font-weight:600}.DONE{color:#1a7f37}.DOING{color:#9a6700}.CANCELLED,.FAILED{color:#cf222e}
button{font-size:1rem;margin:.2rem;padding:.4rem .8rem}.note{color:#555}`;

const page = (title, body) =>
	`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;

/** "2025-06-12T10:00:00+02:00" → "2025-06-12 10:00". */
const shortTime = (iso) =>
	String(iso ?? '')
		.slice(0, 16)
		.replace('T', ' ');

export function sandboxPages(state, { courier, webhooks }) {
	const { deliveries, tasks, time } = state;

	const statusCell = (status) => `<span class="status ${escape(status)}">${escape(status)}</span>`;

	function trackingPage(delivery) {
		const rows = delivery.tasks
			.map((id) => tasks.get(id))
			.map(
				(task) =>
					`<tr><td>${task.type === 'PICKUP' ? 'Pickup' : 'Dropoff'}</td><td>${escape(task.address?.streetAddress)}</td>` +
					`<td>${escape(shortTime(time.format(task.after)))} – ${escape(shortTime(time.format(task.before)).slice(11))}</td>` +
					`<td>${statusCell(task.status)}</td></tr>`,
			)
			.join('');
		return page(
			`Delivery #${delivery.id}`,
			`<h1>Delivery #${delivery.id}</h1><table><tr><th>Task</th><th>Address</th><th>Time window</th><th>Status</th></tr>${rows}</table>` +
				'<p class="note">CoopCycle sandbox: the tracking page a customer opens from the delivery’s tracking link.</p>',
		);
	}

	function sandboxPage(message) {
		const rows = [...deliveries.values()]
			.reverse()
			.map((delivery) => {
				const own = delivery.tasks.map((id) => tasks.get(id));
				const steps = own.map((task) => `${task.type === 'PICKUP' ? 'pickup' : 'dropoff'} ${statusCell(task.status)}`);
				const assigned = own.some((task) => task.assignedTo) ? 'assigned' : 'not assigned';
				return `<tr><td><a href="/d/sandbox${delivery.id}">#${delivery.id}</a></td><td>${escape(own.at(-1)?.address?.streetAddress)}</td><td>${assigned}</td><td>${steps.join(', ')}</td></tr>`;
			})
			.join('');
		const listening = [...webhooks.values()].map((webhook) => escape(webhook.event));
		const timer = courier.everySeconds > 0 ? `every ${courier.everySeconds} seconds` : 'only when you click';
		return page(
			'CoopCycle sandbox',
			'<h1>CoopCycle sandbox</h1>' +
				(message ? `<p><strong>${escape(message)}</strong></p>` : '') +
				`<p>The courier moves one delivery one step (assign, start, pick up, drop off) ${timer}. Each step sends the store’s webhooks, signed, as CoopCycle does.</p>` +
				'<form method="post" action="/sandbox/courier/assign"><button>Assign next delivery</button></form>' +
				'<form method="post" action="/sandbox/courier/pickup"><button>Pick up next delivery</button></form>' +
				'<form method="post" action="/sandbox/courier/dropoff"><button>Drop off next delivery</button></form>' +
				`<p>Webhooks listening: ${listening.length ? listening.join(', ') : 'none. Activate a workflow with a CoopCycle Trigger, or click its “Listen for test event”.'}</p>` +
				`<table><tr><th>Delivery</th><th>Dropoff</th><th>Courier</th><th>Tasks</th></tr>${rows}</table>`,
		);
	}

	const html = (status, body) => ({ status, type: 'text/html; charset=utf-8', body });

	/** The answer to a request for one of these pages, or undefined for any other request (the API's). */
	function serve(request) {
		const { method, path } = request;
		const tracking = /^\/d\/sandbox(\d+)$/.exec(path);
		if (tracking && method === 'GET') {
			const delivery = deliveries.get(Number(tracking[1]));
			return delivery ? html(200, trackingPage(delivery)) : html(404, page('Not found', '<h1>Not found</h1>'));
		}
		if (path === '/sandbox' && method === 'GET') return html(200, sandboxPage(request.query.get('done')));
		const action = /^\/sandbox\/courier\/([a-z]+)$/.exec(path);
		if (action && method === 'POST') {
			const done = courier.act(action[1]);
			if (!done) return { status: 404, type: 'application/json', body: JSON.stringify({ message: 'Unknown action' }) };
			const words = done.delivery
				? `Delivery #${done.delivery}: ${done.steps.join(', ')}.`
				: 'No delivery left to move.';
			// A form's POST (the page's buttons) is sent back to the page, saying what was done; a script gets JSON.
			if (String(request.headers['content-type'] ?? '').includes('form'))
				return { status: 303, headers: { Location: `/sandbox?done=${encodeURIComponent(words)}` }, body: '' };
			return { status: 200, type: 'application/json', body: JSON.stringify({ ...done, message: words }) };
		}
		return undefined;
	}

	return { serve };
}
