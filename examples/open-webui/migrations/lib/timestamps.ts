/**
 * A stored DATETIME text turned into epoch seconds exactly as PostgreSQL's
 * `extract(epoch from created_at)::bigint` turns a `timestamp without time zone` into them: the
 * naive value read as UTC, fractions kept to the microsecond, then rounded to the nearest second
 * with halves away from zero. SQLite's own date functions keep only milliseconds, which moves
 * `…:00.499999` to the next second, so the arithmetic is done here on the text's digits.
 */

/** `YYYY-MM-DD[ T]HH:MM[:SS[.fraction]]`, with a zone suffix that PostgreSQL ignores for this type. */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Microseconds of a fraction's digits, rounded at the seventh digit as PostgreSQL's input does. */
function microseconds(fraction: string): number {
  const digits = fraction.padEnd(7, '0');
  return Number(digits.slice(0, 6)) + (Number(digits[6]) >= 5 ? 1 : 0);
}

/** Epoch seconds of `text`, or null when it is not a timestamp PostgreSQL would have held. */
export function epochSecondsLikePostgres(text: string): number | null {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // Out-of-range fields (February 30th, hour 25) roll over in JavaScript; PostgreSQL refuses them.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || date.getUTCHours() !== hour)
    return null;
  if (minute > 59 || second > 59) return null;
  const whole = date.getTime() / 1000;
  const micro = microseconds(match[7] ?? '');
  if (micro > 500_000) return whole + 1;
  if (micro < 500_000) return whole;
  return whole >= 0 ? whole + 1 : whole;
}
