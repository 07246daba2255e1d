import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { InvalidDatabaseUrlError } from '../../runtime/errors.js';

/**
 * `sslmode` with libpq's meaning, so a URL written for psql or a Python app (psycopg) connects the
 * same way here. node-postgres reads `sslmode` differently (`require` verifies the certificate,
 * and warns on every run), so the TLS parameters are taken out of the URL and turned into its
 * `ssl` option here.
 *
 *   disable      no TLS
 *   allow        plain first; TLS when the server refuses a plain connection
 *   prefer       TLS first, no verification; plain when the server has no TLS (the default)
 *   require      TLS, no verification — unless a root certificate is given or present in
 *                ~/.postgresql/root.crt, which makes it verify-ca (libpq's compatibility rule)
 *   verify-ca    TLS, the server certificate signed by the root certificate
 *   verify-full  verify-ca, and the host name matches the certificate
 *
 * Read like libpq: `sslmode` from the URL, else PGSSLMODE, else prefer; `sslrootcert` from the
 * URL, else PGSSLROOTCERT, else ~/.postgresql/root.crt; `sslrootcert=system` uses the system's
 * trusted roots and needs verify-full. `sslcert` / `sslkey` (URL, PGSSLCERT, PGSSLKEY) give a
 * client certificate.
 */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** `false` for a plain connection, else node-postgres's `ssl` option. */
export type SslAttempt = false | ConnectionOptions;

export interface PostgresTls {
  readonly mode: SslMode;
  /** The URL for node-postgres, without the TLS parameters it would read its own way. */
  readonly connectionString: string;
  /** What to try, in order; the second only when `retryWith` says the first failed for TLS. */
  readonly attempts: readonly SslAttempt[];
}

/** Query parameters that are about TLS: removed from the URL node-postgres receives. */
const TLS_PARAMETERS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl', 'uselibpqcompat'];

export function postgresTls(driverUrl: string, env: NodeJS.ProcessEnv = process.env): PostgresTls {
  const url = new URL(driverUrl);
  const parameter = (name: string): string | undefined => url.searchParams.get(name) ?? undefined;
  const mode = sslMode(parameter('sslmode') ?? legacySsl(parameter('ssl')) ?? env.PGSSLMODE ?? 'prefer');
  const rootCert = parameter('sslrootcert') ?? env.PGSSLROOTCERT;
  const client = clientCertificate(
    parameter('sslcert') ?? env.PGSSLCERT,
    parameter('sslkey') ?? env.PGSSLKEY,
  );
  for (const name of TLS_PARAMETERS) url.searchParams.delete(name);
  const connectionString = url.toString();

  if (mode === 'disable') return { mode, connectionString, attempts: [false] };
  if (rootCert === 'system' && mode !== 'verify-full') {
    throw new InvalidDatabaseUrlError(
      `sslrootcert=system needs sslmode=verify-full (got sslmode=${mode}), as in libpq.`,
    );
  }
  const unverified: ConnectionOptions = { rejectUnauthorized: false, ...client };
  if (mode === 'allow') return { mode, connectionString, attempts: [false, unverified] };
  if (mode === 'prefer') return { mode, connectionString, attempts: [unverified, false] };

  const rootFile = rootCert ?? join(homedir(), '.postgresql', 'root.crt');
  const verifying = mode !== 'require' || rootCert !== undefined || existsSync(rootFile);
  if (!verifying) return { mode, connectionString, attempts: [unverified] };
  const ca = rootCert === 'system' ? {} : { ca: readRootCertificate(rootFile, mode) };
  const verified: ConnectionOptions = {
    rejectUnauthorized: true,
    ...ca,
    ...client,
    // verify-ca (and require with a root certificate) checks the signature, not the host name.
    ...(mode === 'verify-full' ? {} : { checkServerIdentity: () => undefined }),
  };
  return { mode, connectionString, attempts: [verified] };
}

/** Whether a failed attempt should be followed by the next one: the server refused that kind. */
export function retryWithNextAttempt(mode: SslMode, error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  // prefer: the server answered the TLS request with "no".
  if (mode === 'prefer') return /does not support SSL/i.test(message);
  // allow: pg_hba.conf has no entry for a plain connection (hostssl only).
  if (mode === 'allow') return (error as { code?: unknown }).code === '28000';
  return false;
}

function sslMode(value: string): SslMode {
  if ((SSL_MODES as readonly string[]).includes(value)) return value as SslMode;
  throw new InvalidDatabaseUrlError(`Unknown sslmode '${value}': use one of ${SSL_MODES.join(', ')}.`);
}

/** node-postgres's own `ssl=true` parameter: TLS without verification, as it meant there. */
function legacySsl(value: string | undefined): SslMode | undefined {
  if (value === undefined) return undefined;
  return value === 'true' || value === '1' ? 'require' : 'disable';
}

function readRootCertificate(file: string, mode: SslMode): Buffer {
  if (!existsSync(file)) {
    throw new InvalidDatabaseUrlError(
      `sslmode=${mode} verifies the server certificate, and the root certificate file ${file} does ` +
        'not exist: give it with sslrootcert=PATH, use sslrootcert=system (with verify-full) for ' +
        'the system roots, or use sslmode=require to encrypt without verifying.',
    );
  }
  return readFileSync(file);
}

function clientCertificate(cert: string | undefined, key: string | undefined): ConnectionOptions {
  if (cert === undefined && key === undefined) return {};
  for (const [name, file] of [
    ['sslcert', cert],
    ['sslkey', key],
  ] as const) {
    if (file === undefined || !existsSync(file)) {
      throw new InvalidDatabaseUrlError(
        `A client certificate needs both sslcert and sslkey as readable files (${name}: ${file ?? 'missing'}).`,
      );
    }
  }
  return { cert: readFileSync(cert!), key: readFileSync(key!) };
}
