import { describe, expect, it } from 'vitest';
import { InvalidDatabaseUrlError } from '../../src/runtime/errors.js';
import { redactUrl, scrubSecrets } from '../../src/runtime/redact.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';

/** Every character that means something in a URL, or that a shell or a parser may trip on. */
const SPECIALS = [...':/?#@%&=+ []!$\'()*,;\\"<>^`{|}~'];

/**
 * Passwords made of URL-special characters between two markers: a redaction that leaks any part
 * of one shows a marker. Singles, every pair of the characters that split a URL, and runs.
 */
function passwords(): string[] {
  const splitting = [...':/?#@%'];
  const middles = [
    ...SPECIALS,
    ...splitting.flatMap((a) => splitting.map((b) => `${a}${b}`)),
    SPECIALS.join(''),
    '@@@',
    'x@y:z/w?v#u',
  ];
  return middles.map((middle) => `Zq${middle}Xv`);
}

const SCHEMES = ['postgresql', 'postgres', 'postgresql+psycopg2', 'mysql', 'mariadb', 'mysql+pymysql'];
const LOCATIONS = ['127.0.0.1/app', 'db.internal:5433/app?sslmode=require', '[::1]:3307/app'];

function cases(): { url: string; password: string; form: string }[] {
  return passwords().flatMap((password) =>
    (['raw', 'encoded'] as const).flatMap((form) => {
      const written = form === 'raw' ? password : encodeURIComponent(password);
      return SCHEMES.flatMap((scheme) =>
        LOCATIONS.map((location) => ({ url: `${scheme}://deploy:${written}@${location}`, password, form })),
      );
    }),
  );
}

function leaks(text: string): boolean {
  return text.includes('Zq') || text.includes('Xv');
}

describe('redactUrl over passwords of every URL-special character, raw and encoded', () => {
  it('never prints any part of the password, and keeps the user and the host', () => {
    const failures = cases().filter(({ url }) => {
      const redacted = redactUrl(url);
      return leaks(redacted) || !redacted.includes('deploy:***@');
    });
    expect(failures.map(({ url }) => `${url} -> ${redactUrl(url)}`)).toEqual([]);
  });

  it('hides everything before the last @ of a text that is not a URL', () => {
    expect(redactUrl('deploy:Zq/x@Xv@db/app')).toBe('***@db/app');
  });

  it('hides all credentials when the user part is ambiguous', () => {
    expect(redactUrl('postgresql://Zq@Xv@db/app')).toBe('postgresql://***@db/app');
  });

  it('leaves an @ in a SQLite path alone', () => {
    expect(redactUrl('sqlite:////srv/me@host/app.db')).toBe('sqlite:////srv/me@host/app.db');
  });
});

describe('parseDatabaseUrl over passwords of every URL-special character', () => {
  it('reads the password (decoded) and the host, port and database after the last @', () => {
    const wrong = cases().filter(({ url, password }) => {
      const spec = parseDatabaseUrl(url);
      return (
        spec.dialect === 'sqlite' ||
        spec.password !== password ||
        spec.user !== 'deploy' ||
        spec.database !== 'app'
      );
    });
    expect(wrong.map(({ url }) => url)).toEqual([]);
  });

  it('hands the driver a URL whose credentials a WHATWG parser reads back exactly', () => {
    for (const { url, password } of cases()) {
      const spec = parseDatabaseUrl(url);
      if (spec.dialect === 'sqlite') throw new Error('server URL expected');
      const reread = new URL(spec.driverUrl);
      expect(decodeURIComponent(reread.password)).toBe(password);
      expect(reread.pathname).toBe('/app');
    }
  });

  it('reports an unreadable URL by its scheme, host and reason, never its credentials', () => {
    for (const password of passwords()) {
      for (const location of ['bad host/app', 'db:99999/app', 'db:port/app']) {
        const url = `postgresql://deploy:${password}@${location}`;
        let message = '';
        try {
          parseDatabaseUrl(url);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidDatabaseUrlError);
          message = (error as Error).message;
        }
        expect(message).toMatch(/^Cannot read the database URL \(postgresql:\/\/…@(bad host|db)\): /);
        expect(leaks(message)).toBe(false);
      }
    }
  });

  it('rejects an unknown scheme without printing the credentials', () => {
    for (const password of passwords()) {
      const parse = () => parseDatabaseUrl(`oracle://scott:${password}@h/db`);
      expect(parse).toThrow(InvalidDatabaseUrlError);
      try {
        parse();
      } catch (error) {
        expect(leaks((error as Error).message)).toBe(false);
      }
    }
  });
});

describe('scrubSecrets', () => {
  it('removes the passwords of every URL this process parsed, raw and encoded, from any text', () => {
    parseDatabaseUrl('postgresql://app:Sc/rub#Me@db/app');
    expect(scrubSecrets('driver said: bad password Sc/rub#Me (Sc%2Frub%23Me)')).toBe(
      'driver said: bad password *** (***)',
    );
  });
});
