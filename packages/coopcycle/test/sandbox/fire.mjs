// Makes the running sandbox's courier move one delivery, as the buttons of its page (/sandbox) do:
//   node packages/coopcycle/test/sandbox/fire.mjs assign|pickup|dropoff|next [--url http://127.0.0.1:4020]
// Each step sends the store's webhooks, signed, as CoopCycle does (courier.mjs, pages.mjs).
const [action = 'next'] = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const index = process.argv.indexOf('--url');
const url = index > 0 ? process.argv[index + 1] : `http://127.0.0.1:${process.env.COOPCYCLE_SANDBOX_PORT ?? 4020}`;
try {
	const response = await fetch(`${url}/sandbox/courier/${action}`, { method: 'POST' });
	const answer = await response.json();
	console.log(response.ok ? answer.message : `${action}: ${answer.message} (use assign, pickup, dropoff or next)`);
	process.exitCode = response.ok ? 0 : 1;
} catch (error) {
	console.error(`No CoopCycle sandbox at ${url} (${error.message}): start it with npm start, or give --url.`);
	process.exitCode = 1;
}
