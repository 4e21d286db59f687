// A local stand-in for the npm registry, for the test that installs a package through Settings → Community Nodes
// (`POST /rest/community-packages`), as a user does once the package is published. It serves what `npm pack` and
// `npm view` ask of a registry for the packages it holds: the package document, a version's manifest, the tarball.
//
// n8n 2.40 passes its registry to npm on the command line (`--registry=https://registry.npmjs.org`, from
// N8N_COMMUNITY_PACKAGES_REGISTRY, which may only be changed with an enterprise licence: `getNpmRegistry` in
// community-packages.service.js), so npm's own settings cannot point it elsewhere. The n8n under test therefore
// finds, first on its PATH, an `npm` that sends the requests for the public registry to this one, and runs the
// real npm with everything else as n8n gave it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PUBLIC_REGISTRY = 'https://registry.npmjs.org';

/** The package.json inside an npm tarball. */
function manifestOf(tarballFile) {
	const result = spawnSync('tar', ['-xzOf', tarballFile, 'package/package.json'], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`cannot read package.json in ${tarballFile}: ${result.stderr}`);
	return JSON.parse(result.stdout);
}

/**
 * Serves the packed tarballs given (from packages.mjs `packedTarball`). Returns its URL, the `npm` folder to put
 * first on n8n's PATH, the requests it answered, and `close()`.
 */
export async function startRegistry(tarballs) {
	const packages = new Map(tarballs.map((tarball) => [tarball.name, { ...tarball, manifest: manifestOf(tarball.file) }]));
	const requests = [];
	let url;
	const versionDocument = (pkg) => ({
		...pkg.manifest,
		_id: `${pkg.name}@${pkg.version}`,
		dist: {
			tarball: `${url}/${pkg.name}/-/${pkg.name}-${pkg.version}.tgz`,
			shasum: pkg.shasum,
			integrity: pkg.integrity,
		},
	});
	const server = createServer((request, response) => {
		requests.push(`${request.method} ${request.url}`);
		const path = decodeURIComponent(new URL(request.url, 'http://registry').pathname).replace(/^\/+/, '');
		const [name, second, file] = path.split('/');
		const pkg = packages.get(name);
		const json = (status, body) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		};
		if (!pkg) return json(404, { error: 'Not found' });
		if (second === '-' && file === `${pkg.name}-${pkg.version}.tgz`) {
			response.writeHead(200, { 'content-type': 'application/octet-stream' });
			return response.end(readFileSync(pkg.file));
		}
		if (second === undefined) {
			return json(200, {
				_id: pkg.name,
				name: pkg.name,
				'dist-tags': { latest: pkg.version },
				versions: { [pkg.version]: versionDocument(pkg) },
			});
		}
		if (second === pkg.version || second === 'latest') return json(200, versionDocument(pkg));
		return json(404, { error: 'version not found' });
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${server.address().port}`;

	const realNpm = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
	const npmDir = mkdtempSync(join(tmpdir(), 'npm-to-local-registry-'));
	writeFileSync(
		join(npmDir, 'npm'),
		[
			'#!/bin/sh',
			'# npm, with the public registry that n8n names replaced by the local stand-in (see registry.mjs).',
			'for arg; do',
			'  shift',
			`  case "$arg" in --registry=${PUBLIC_REGISTRY}*) arg="--registry=${url}" ;; esac`,
			'  set -- "$@" "$arg"',
			'done',
			`exec "${realNpm}" "$@"`,
			'',
		].join('\n'),
	);
	chmodSync(join(npmDir, 'npm'), 0o755);

	return {
		url,
		npmDir,
		requests,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}
