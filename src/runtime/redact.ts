/**
 * Database URLs hold passwords, and users write them raw: `/`, `#`, `?`, `:` and `@` inside a
 * password are common, and each breaks a standard URL parser, which then sees the password as a
 * host, a path or a fragment. The rule here therefore does not parse: the credentials are
 * everything between `scheme://` and the last `@` of the URL (a host never holds an `@`; a query
 * value that does must encode it as `%40`). The same split is what `parseDatabaseUrl` reads, so
 * what is hidden is exactly what is used as credentials.
 */

/** `scheme://` (with a SQLAlchemy driver suffix such as `+psycopg2`), then the rest. */
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/is;

/** A user name that may be shown: nothing that could be part of a password around it. */
const PLAIN_USER = /^[^:@/?#]*$/;

export interface UrlParts {
  /** As written, driver suffix included: `postgresql+psycopg2`. */
  readonly scheme: string;
  /** Between `scheme://` and the last `@`; null when there is no `@`. */
  readonly credentials: string | null;
  /** After the last `@` (or after `scheme://`): host, port, path, query. */
  readonly location: string;
}

/** Splits a URL at `scheme://` and its last `@`; null when it has no `scheme://`. */
export function splitUrl(url: string): UrlParts | null {
  const match = SCHEME.exec(url);
  if (match === null) return null;
  const scheme = match[1]!;
  const rest = match[2]!;
  // SQLite URLs are a scheme and a path: an `@` there belongs to a file name.
  if (/^sqlite\b/i.test(scheme)) return { scheme, credentials: null, location: rest };
  const at = rest.lastIndexOf('@');
  if (at === -1) return { scheme, credentials: null, location: rest };
  return { scheme, credentials: rest.slice(0, at), location: rest.slice(at + 1) };
}

/**
 * The URL with its password replaced by `***`: the only form in which a URL may be printed.
 * The user name stays when it is unambiguous (`postgresql://app:***@db/app`); otherwise all the
 * credentials go (`postgresql://***@db/app`). Text without `scheme://` that holds an `@` loses
 * everything before its last `@`.
 */
export function redactUrl(url: string): string {
  const parts = splitUrl(url);
  if (parts === null) {
    const at = url.lastIndexOf('@');
    return at === -1 ? url : `***${url.slice(at)}`;
  }
  if (parts.credentials === null) return url;
  return `${parts.scheme}://${redactCredentials(parts.credentials)}@${parts.location}`;
}

function redactCredentials(credentials: string): string {
  const colon = credentials.indexOf(':');
  const user = colon === -1 ? credentials : credentials.slice(0, colon);
  if (!PLAIN_USER.test(user)) return '***';
  return colon === -1 ? user : `${user}:***`;
}

/**
 * Every password a URL of this process carried, raw and as written: the CLI scrubs them from all
 * it prints, so that a message quoting a driver's words, or a URL some code printed as it is,
 * still never shows one. Only passwords long enough not to match ordinary text are kept.
 */
const knownSecrets = new Set<string>();
const MIN_SCRUBBED_LENGTH = 4;

/** Remembers the credentials of `url` (and their decoded form) as secrets. */
export function rememberSecretsOf(url: string): void {
  const credentials = splitUrl(url)?.credentials;
  if (credentials === null || credentials === undefined) return;
  const colon = credentials.indexOf(':');
  const secrets = colon === -1 ? [] : [credentials.slice(colon + 1)];
  // Unreadable credentials (an `@` or `/` before any `:`) are a secret as a whole.
  if (!PLAIN_USER.test(colon === -1 ? credentials : credentials.slice(0, colon))) secrets.push(credentials);
  for (const secret of secrets) {
    for (const form of [secret, safeDecode(secret)]) {
      if (form.length >= MIN_SCRUBBED_LENGTH) knownSecrets.add(form);
    }
  }
}

/** `text` with every remembered secret replaced by `***`. */
export function scrubSecrets(text: string): string {
  let scrubbed = text;
  for (const secret of knownSecrets) {
    if (scrubbed.includes(secret)) scrubbed = scrubbed.replaceAll(secret, '***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && scrubbed.includes(encoded)) scrubbed = scrubbed.replaceAll(encoded, '***');
  }
  return scrubbed;
}

/** Percent-decodes, keeping the text as written when it is not valid percent-encoding. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
