import { describe, expect, it } from 'vitest';
import {
  HeaderSyntaxError,
  IllegalHeaderError,
  MissingHeaderFieldError,
} from '../../src/script/file-errors.js';
import { readModuleHeader } from '../../src/script/header.js';

const FILE = '/project/migrations/abc_add_users.ts';

function read(source: string) {
  return readModuleHeader(source, FILE);
}

function thrown(source: string): unknown {
  try {
    read(source);
  } catch (error) {
    return error;
  }
  throw new Error('expected the header to be rejected');
}

describe('reading a module revision header', () => {
  it('reads every header field from const exports', () => {
    const header = read(`
      import type { Operations } from 'ambix';
      export const revision = 'ae1027a6acf3';
      export const downRevision = '1975ea83b712';
      export const branchLabels = ['billing'];
      export const dependsOn = ['3d2f7c9e01ab', 'core'];
      export const message = 'add users';
      export const createDate = '2026-11-26T10:00:00.000Z';
      export async function upgrade(op: Operations): Promise<void> {}
    `);
    expect(header).toEqual({
      id: 'ae1027a6acf3',
      downRevisions: ['1975ea83b712'],
      branchLabels: ['billing'],
      dependsOn: ['3d2f7c9e01ab', 'core'],
      message: 'add users',
      createDate: '2026-11-26T10:00:00.000Z',
    });
  });

  it('treats downRevision null as a base revision', () => {
    expect(read(`export const revision = 'a1'; export const downRevision = null;`).downRevisions).toEqual([]);
  });

  it('reads an array downRevision as the parents of a merge', () => {
    const header = read(`export const revision = "m1";\nexport const downRevision = ["p1", "p2",];`);
    expect(header.downRevisions).toEqual(['p1', 'p2']);
  });

  it('accepts type annotations, as const, let, var and double quotes', () => {
    const header = read(`
      export let revision: string = "r1";
      export var downRevision: string | readonly string[] | null = ['p1'] as const;
      export const branchLabels: Array<string> = [] as const;
      export const message: (() => void) | string = 'typed';
    `);
    expect(header).toMatchObject({ id: 'r1', downRevisions: ['p1'], branchLabels: [], message: 'typed' });
  });

  it('accepts as and satisfies with a type after the value', () => {
    const header = read(`
      export const revision = 'r1' satisfies string;
      export const downRevision = null as string | null;
      export const dependsOn = ['a'] as readonly string[], message = 'm' as const;
    `);
    expect(header).toMatchObject({ id: 'r1', downRevisions: [], dependsOn: ['a'], message: 'm' });
  });

  it('reads template literals without substitutions', () => {
    const header = read(
      'export const revision = `r1`;\nexport const downRevision = null;\nexport const message = `two\nlines`;',
    );
    expect(header).toMatchObject({ id: 'r1', message: 'two\nlines' });
  });

  it('decodes escape sequences in string literals', () => {
    const header = read(
      "export const revision = 'r1'; export const downRevision = null; export const message = 'it\\'s \\u00e9\\x41\\n';",
    );
    expect(header.message).toBe("it's \u00e9A\n");
  });

  it('reads several declarators in one export statement', () => {
    const header = read(`export const revision = 'r1', downRevision = 'p1';`);
    expect(header).toMatchObject({ id: 'r1', downRevisions: ['p1'] });
  });

  it('reads declarations that end without semicolons', () => {
    const header = read(
      `export const revision = 'r1'\nexport const downRevision = null\nexport const message = 'm'`,
    );
    expect(header).toMatchObject({ id: 'r1', downRevisions: [], message: 'm' });
  });

  it('ignores declarations inside comments, strings, templates and regular expressions', () => {
    const header = read(`
      // export const revision = 'in-line-comment';
      /* export const revision = 'in-block-comment'; */
      const a = "export const revision = 'in-string'";
      const b = \`export const revision = 'in-template' \${ \`nested \${'}'}\` }\`;
      const c = /export const revision = '/g;
      const d = 10 / 2 / 1;
      export const revision = 'real';
      export const downRevision = null;
    `);
    expect(header.id).toBe('real');
  });

  it('tells a regular expression after return from a division after a call', () => {
    const header = read(`
      function quoteCount(text) { return /'/g.test(text) ? text.split("'").length / 2 : 0; }
      const half = quoteCount("a'b'") / 2; const ratio = (half) / 4;
      export const revision = 'after-regex';
      export const downRevision = null;
    `);
    expect(header.id).toBe('after-regex');
  });

  it('ignores header names declared inside functions', () => {
    const header = read(`
      export async function upgrade(op) { const revision = 'inner'; }
      export const revision = 'outer';
      export const downRevision = null;
    `);
    expect(header.id).toBe('outer');
  });

  it('reads files with a byte-order mark and Windows line endings', () => {
    const header = read(
      "\uFEFF// header\r\nexport const revision = 'r1';\r\nexport const downRevision = 'p1';\r\n",
    );
    expect(header).toMatchObject({ id: 'r1', downRevisions: ['p1'] });
  });

  it('accepts null for optional fields', () => {
    const header = read(`
      export const revision = 'r1'; export const downRevision = null;
      export const branchLabels = null; export const dependsOn = null; export const message = null;
    `);
    expect(header).toMatchObject({ branchLabels: [], dependsOn: [], message: null, createDate: null });
  });

  it('accepts a single string for branchLabels and dependsOn', () => {
    const header = read(`export const revision = 'r1'; export const downRevision = null;
      export const branchLabels = 'core'; export const dependsOn = 'p9';`);
    expect(header).toMatchObject({ branchLabels: ['core'], dependsOn: ['p9'] });
  });
});

describe('rejecting a module revision header', () => {
  it('rejects a computed value from a function call, naming the file and line', () => {
    const error = thrown(`export const revision = 'r1';\nexport const downRevision = makeId();`);
    expect(error).toBeInstanceOf(IllegalHeaderError);
    expect(error).toMatchObject({ file: FILE, line: 2 });
    expect((error as Error).message).toContain(`${FILE}:2`);
  });

  it('rejects a value taken from a variable', () => {
    const error = thrown(
      `const parent = 'p';\nexport const revision = 'r1';\n\nexport const downRevision = parent;`,
    );
    expect(error).toMatchObject({ code: 'ILLEGAL_HEADER', line: 4 });
  });

  it('rejects a template literal with a substitution', () => {
    const error = thrown(`export const revision = \`r\${1}\`;\nexport const downRevision = null;`);
    expect(error).toMatchObject({ code: 'ILLEGAL_HEADER', line: 1 });
  });

  it('rejects string concatenation', () => {
    const error = thrown(`export const revision = 'r' + 'one';\nexport const downRevision = null;`);
    expect(error).toMatchObject({ code: 'ILLEGAL_HEADER', line: 1 });
  });

  it('rejects a computed array element', () => {
    const error = thrown(`export const revision = 'r1';\nexport const downRevision = ['p1', other];`);
    expect(error).toMatchObject({ code: 'ILLEGAL_HEADER', line: 2 });
  });

  it('rejects a method call on a literal', () => {
    const error = thrown(`export const revision = 'R1'.toLowerCase();\nexport const downRevision = null;`);
    expect(error).toMatchObject({ code: 'ILLEGAL_HEADER', line: 1 });
  });

  it('rejects a file without revision, naming the file', () => {
    const error = thrown('export const downRevision = null;');
    expect(error).toBeInstanceOf(MissingHeaderFieldError);
    expect(error).toMatchObject({ field: 'revision' });
    expect((error as Error).message).toContain(FILE);
  });

  it('rejects a file without downRevision instead of treating it as a base', () => {
    const error = thrown(`export const revision = 'r1';`);
    expect(error).toMatchObject({ code: 'MISSING_HEADER_FIELD', field: 'downRevision' });
  });

  it('rejects an unterminated string, naming the line', () => {
    const error = thrown(
      `export const revision = 'r1';\n\nconst x = 'oops;\nexport const downRevision = null;`,
    );
    expect(error).toBeInstanceOf(HeaderSyntaxError);
    expect(error).toMatchObject({ line: 3 });
  });

  it('rejects an unterminated block comment', () => {
    expect(thrown(`export const revision = 'r1';\n/* never closed`)).toMatchObject({
      code: 'HEADER_SYNTAX',
      line: 2,
    });
  });

  it('rejects a header field declared twice', () => {
    const error = thrown(`export const revision = 'r1';\nexport const revision = 'r2';`);
    expect(error).toMatchObject({ code: 'HEADER_SYNTAX', line: 2 });
  });

  it('rejects a revision that is not a string', () => {
    const error = thrown(`export const revision = ['r1'];\nexport const downRevision = null;`);
    expect(error).toMatchObject({ code: 'ILLEGAL_HEADER', line: 1 });
  });
});
