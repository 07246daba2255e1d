import { AmbixError } from '../errors.js';

/** `file_template` tokens (Alembic §8.1): the new revision's id, its slug and its creation time. */
export interface FileNameTokens {
  readonly rev: string;
  readonly slug: string;
  readonly createDate: Date;
}

/** A `fileTemplate` that names an unknown token or is malformed. */
export class FileTemplateError extends AmbixError {
  constructor(template: string, detail: string) {
    super(
      'FILE_TEMPLATE',
      `Invalid fileTemplate '${template}': ${detail}. Tokens are %(rev)s, %(slug)s, %(epoch)s, ` +
        '%(year)d, %(month).2d, %(day).2d, %(hour).2d, %(minute).2d, %(second).2d; write %% for a literal %.',
    );
  }
}

const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * Alembic's slug: the message's words joined by `_`, lower-cased. When longer than `maxLength`
 * it is cut there, the partial last word dropped, and it ends with `_` so the cut is visible.
 */
export function slugify(message: string | null | undefined, maxLength: number): string {
  const slug = (message ?? '').match(WORD)?.join('_').toLowerCase() ?? '';
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastUnderscore = cut.lastIndexOf('_');
  return `${lastUnderscore === -1 ? cut : cut.slice(0, lastUnderscore)}_`;
}

const PLACEHOLDER = /%(?:%|\((\w+)\)(0?)(?:\.(\d+))?(\d*)([sd]))/g;

/**
 * Expands a Python-style `file_template` as Alembic does: `%(name)s`, `%(name)d`, zero padding
 * with `%(name).2d` or `%(name)02d`, and `%%`. Date tokens use UTC, like `createDate`.
 */
export function renderFileTemplate(template: string, tokens: FileNameTokens): string {
  const date = tokens.createDate;
  const values: Readonly<Record<string, string | number>> = {
    rev: tokens.rev,
    slug: tokens.slug,
    epoch: Math.floor(date.getTime() / 1000),
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
  const rendered = template.replace(
    PLACEHOLDER,
    (
      whole,
      name: string | undefined,
      zero: string,
      precision: string | undefined,
      width: string,
      type: string,
    ) => {
      if (whole === '%%') return '%';
      const value = values[name ?? ''];
      if (value === undefined) throw new FileTemplateError(template, `unknown token '${name}'`);
      if (type === 's') return String(value);
      if (typeof value !== 'number')
        throw new FileTemplateError(template, `'${name}' is text; write %(${name})s`);
      const digits = Number(precision ?? (zero === '0' ? width : '0'));
      return String(value).padStart(digits, '0');
    },
  );
  if (template.replace(PLACEHOLDER, '').includes('%')) {
    throw new FileTemplateError(template, "it has a '%' that is not a placeholder");
  }
  if (rendered.includes('/') || rendered.includes('\\')) {
    throw new FileTemplateError(template, 'the file name would contain a path separator');
  }
  return rendered;
}
