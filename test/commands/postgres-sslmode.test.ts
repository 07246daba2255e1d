/**
 * `sslmode` means what it means to libpq, against two PostgreSQL servers: the shared one (TLS
 * off) and one this file starts with TLS on. The TLS server is a throw-away cluster (initdb in a
 * temporary folder, a self-signed certificate for `localhost` made with openssl, like Debian's
 * snakeoil one), so the shared server's configuration is never touched. Its pg_hba.conf lets
 * every user in with or without TLS, except the role `tls_only`, refused without TLS.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InvalidDatabaseUrlError } from '../../src/runtime/errors.js';
import { connect } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { isAvailable, POSTGRES_ADMIN_URL } from '../support/databases.js';

const BIN = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((version) => existsSync(join(root, version, 'bin', 'initdb')));
  return versions.length === 0 ? null : join(root, versions.sort().at(-1)!, 'bin');
})();
const CAN_START_SERVER = BIN !== null && existsSync('/usr/bin/openssl');
if (!CAN_START_SERVER && process.env.CI === 'true') {
  throw new Error('CI=true but initdb or openssl is missing: the sslmode tests need both.');
}

/** Runs as the postgres user when this process is root (PostgreSQL refuses to run as root). */
function asServerUser(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
    stdio: 'pipe',
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function selfSigned(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  return { cert, key };
}

let dir = '';
let port = 0;
let serverCert = '';
let otherCert = '';
let started = false;

function writeHba(): string {
  const file = join(dir, 'pg_hba.conf');
  writeFileSync(
    file,
    [
      'hostssl all tls_only 127.0.0.1/32 trust',
      'hostnossl all tls_only 127.0.0.1/32 reject',
      'host all all 127.0.0.1/32 trust',
      'local all all trust',
      '',
    ].join('\n'),
  );
  return file;
}

beforeAll(async () => {
  if (!CAN_START_SERVER) return;
  dir = mkdtempSync(join(tmpdir(), 'ambix-tls-'));
  const ownedByServer = process.getuid?.() === 0;
  const server = selfSigned(dir, 'server');
  serverCert = server.cert;
  otherCert = selfSigned(dir, 'other').cert;
  if (ownedByServer) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    for (const file of [dir, server.cert, server.key]) chownSync(file, id('-u'), id('-g'));
  }
  const data = join(dir, 'data');
  asServerUser(join(BIN!, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  // Rules are read top-down: tls_only is refused without TLS, everyone else is let in.
  asServerUser('cp', [writeHba(), join(data, 'pg_hba.conf')]);
  port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c ssl=on',
    `-c ssl_cert_file=${server.cert}`,
    `-c ssl_key_file=${server.key}`,
  ].join(' ');
  asServerUser(join(BIN!, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', options, 'start']);
  started = true;
  const session = await connect(parseDatabaseUrl(tlsUrl('sslmode=disable')));
  await session.execute('CREATE ROLE tls_only LOGIN');
  await session.close();
}, 120_000);

afterAll(() => {
  if (started) asServerUser(join(BIN!, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Connects with ambix and says whether the session is encrypted (pg_stat_ssl). */
async function encrypted(url: string): Promise<boolean> {
  const session = await connect(parseDatabaseUrl(url));
  try {
    const { rows } = await session.execute('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return rows[0]?.ssl === true;
  } finally {
    await session.close();
  }
}

const tlsUrl = (query: string, host = '127.0.0.1', user = 'postgres') =>
  `postgresql://${user}@${host}:${port}/postgres?${query}`;

describe.skipIf(!CAN_START_SERVER)('sslmode against a server with TLS on', () => {
  test('require encrypts without verifying the self-signed certificate', async () => {
    expect(await encrypted(tlsUrl('sslmode=require'))).toBe(true);
  });

  test('prefer, and no sslmode at all (libpq’s default), encrypt', async () => {
    expect(await encrypted(tlsUrl('sslmode=prefer'))).toBe(true);
    expect(await encrypted(tlsUrl(''))).toBe(true);
  });

  test('allow and disable connect in plain text when the server accepts it', async () => {
    expect(await encrypted(tlsUrl('sslmode=allow'))).toBe(false);
    expect(await encrypted(tlsUrl('sslmode=disable'))).toBe(false);
  });

  test('allow falls back to TLS for a user the server refuses in plain text; disable cannot connect', async () => {
    expect(await encrypted(tlsUrl('sslmode=allow', '127.0.0.1', 'tls_only'))).toBe(true);
    await expect(encrypted(tlsUrl('sslmode=disable', '127.0.0.1', 'tls_only'))).rejects.toThrow(
      /Cannot connect/,
    );
  });

  test('verify-ca accepts the certificate signed by sslrootcert, whatever the host name', async () => {
    expect(await encrypted(tlsUrl(`sslmode=verify-ca&sslrootcert=${serverCert}`))).toBe(true);
  });

  test('verify-ca refuses a certificate that sslrootcert did not sign', async () => {
    await expect(encrypted(tlsUrl(`sslmode=verify-ca&sslrootcert=${otherCert}`))).rejects.toThrow(
      /Cannot connect/,
    );
  });

  test('require with a root certificate given verifies it (libpq: then it is verify-ca)', async () => {
    await expect(encrypted(tlsUrl(`sslmode=require&sslrootcert=${otherCert}`))).rejects.toThrow(
      /Cannot connect/,
    );
  });

  test('verify-full also checks the host name: localhost matches the certificate, 127.0.0.1 does not', async () => {
    expect(await encrypted(tlsUrl(`sslmode=verify-full&sslrootcert=${serverCert}`, 'localhost'))).toBe(true);
    await expect(encrypted(tlsUrl(`sslmode=verify-full&sslrootcert=${serverCert}`))).rejects.toThrow(
      /Cannot connect.*(altnames|Hostname)/,
    );
  });

  test('verify-ca without a root certificate file says how to give one', async () => {
    const missing = join(dir, 'absent.crt');
    await expect(encrypted(tlsUrl(`sslmode=verify-ca&sslrootcert=${missing}`))).rejects.toThrow(
      /root certificate file .* does not exist: give it with sslrootcert/,
    );
  });
});

describe.skipIf(!isAvailable('postgresql'))('sslmode against a server with TLS off', () => {
  const url = (query: string) => `${POSTGRES_ADMIN_URL}?${query}`;

  test('prefer and allow connect in plain text', async () => {
    expect(await encrypted(url('sslmode=prefer'))).toBe(false);
    expect(await encrypted(url('sslmode=allow'))).toBe(false);
  });

  test('require fails: the server does not support TLS', async () => {
    await expect(encrypted(url('sslmode=require'))).rejects.toThrow(/does not support SSL/);
  });

  test('an unknown sslmode is an invalid URL, listing the modes', async () => {
    await expect(encrypted(url('sslmode=on'))).rejects.toBeInstanceOf(InvalidDatabaseUrlError);
    await expect(encrypted(url('sslmode=on'))).rejects.toThrow(
      /disable, allow, prefer, require, verify-ca, verify-full/,
    );
  });
});
