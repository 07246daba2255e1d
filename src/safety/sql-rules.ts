import type { DialectName } from '../dialect.js';
import type { Finding } from './findings.js';

/** A statement ambix ran through the parser: whether it only reads, and what it risks. */
export interface SqlClassification {
  readonly read: boolean;
  readonly findings: readonly Finding[];
}

const IDENT = String.raw`(?:"[^"]+"|\`[^\`]+\`|\[[^\]]+\]|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|\`[^\`]+\`|[\w$]+))?`;

function name(text: string): string {
  return text.replace(/["`[\]\s]/g, '');
}

const READ = /^\s*(select|show|explain|describe|desc|values)\b/i;
const READ_PRAGMA = /^\s*pragma\s+[\w.]+\s*(\(|$)/i;
const WITH_READ = /^\s*with\b(?![\s\S]*\b(insert|update|delete)\b)/i;

export function isReadStatement(sql: string): boolean {
  return READ.test(sql) || READ_PRAGMA.test(sql) || WITH_READ.test(sql);
}

/**
 * Classifies one SQL statement given to `execute` or written in a SQL revision. Statements it
 * cannot parse are `unknown`, never safe.
 */
export function classifyStatement(dialect: DialectName, sql: string): SqlClassification {
  const text = sql.trim();
  if (isReadStatement(text)) return { read: true, findings: [] };
  return { read: false, findings: writeFindings(dialect, text) };
}

type Rule = readonly [RegExp, (match: RegExpExecArray) => Finding[]];

/** The first rule whose pattern matches decides; null when none does. */
function firstMatch(rules: readonly Rule[], text: string): Finding[] | null {
  for (const [pattern, findings] of rules) {
    const match = pattern.exec(text);
    if (match !== null) return findings(match);
  }
  return null;
}

function statementRules(dialect: DialectName): Rule[] {
  return [
    [/^insert\b/i, () => []],
    [
      new RegExp(`^update\\s+(${IDENT})([\\s\\S]*)$`, 'i'),
      (match) =>
        /\bwhere\b/i.test(match[2]!)
          ? []
          : [
              {
                kind: 'lock-heavy',
                reason: `UPDATE without WHERE rewrites every row of ${name(match[1]!)} in one statement`,
              },
            ],
    ],
    [
      new RegExp(`^delete\\s+from\\s+(${IDENT})`, 'i'),
      (match) => [{ kind: 'destructive', reason: `DELETE removes rows from ${name(match[1]!)}` }],
    ],
    [
      new RegExp(`^truncate\\s+(?:table\\s+)?(${IDENT})`, 'i'),
      (match) => [{ kind: 'destructive', reason: `TRUNCATE removes every row of ${name(match[1]!)}` }],
    ],
    [
      new RegExp(`^drop\\s+table\\s+(?:if\\s+exists\\s+)?(${IDENT})`, 'i'),
      (match) => {
        const table = name(match[1]!);
        if (isBatchLeftover(table)) return [];
        return [
          { kind: 'destructive', reason: `drops table ${table} and every row in it` },
          { kind: 'breaking', reason: `code still running the old version reads or writes ${table}` },
        ];
      },
    ],
    [
      /^drop\s+(view|function|procedure|trigger|type|sequence)\s+(?:if\s+exists\s+)?(\S+)/i,
      (match) => [
        {
          kind: 'breaking',
          reason: `drops ${match[1]!.toLowerCase()} ${name(match[2]!)}: code still running the old version may use it`,
        },
      ],
    ],
    [
      /^drop\s+index\s+(concurrently\s+)?/i,
      (match) =>
        dialect === 'postgresql' && match[1] === undefined
          ? [
              {
                kind: 'lock-heavy',
                reason: 'DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table',
              },
            ]
          : [],
    ],
    [
      new RegExp(
        `^create\\s+(unique\\s+)?index\\s+(concurrently\\s+)?[\\s\\S]*?\\bon\\s+(?:only\\s+)?(${IDENT})`,
        'i',
      ),
      (match) => {
        const table = name(match[3]!);
        const findings: Finding[] = [];
        if (dialect === 'postgresql' && match[2] === undefined) {
          findings.push({
            kind: 'lock-heavy',
            reason: `CREATE INDEX without CONCURRENTLY blocks writes to ${table} while it builds`,
          });
        }
        if (match[1] !== undefined) {
          findings.push({
            kind: 'hazard',
            reason: `fails if ${table} holds duplicate values`,
            whenTableHasRows: table,
          });
        }
        return findings;
      },
    ],
    [/^create\s+(temporary\s+|temp\s+)?(table|view|sequence|type|schema|extension)\b/i, () => []],
    [/^create\s+(or\s+replace\s+)?(view|function|trigger|procedure)\b/i, () => []],
    [/^comment\s+on\b/i, () => []],
    [
      new RegExp(`^alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?(${IDENT})\\s+([\\s\\S]+)$`, 'i'),
      (match) => alterTableFindings(dialect, name(match[1]!), match[2]!),
    ],
  ];
}

function writeFindings(dialect: DialectName, text: string): Finding[] {
  return (
    firstMatch(statementRules(dialect), text) ?? [
      { kind: 'unknown', reason: `ambix cannot classify this statement: ${abbreviate(text)}` },
    ]
  );
}

/** Splits `a, b (c, d), e` at top-level commas. */
function topLevelClauses(text: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let current = '';
  for (const match of text.matchAll(/'(?:[^']|'')*'|"[^"]*"|`[^`]*`|[(),]|[^'"`(),]+/g)) {
    const token = match[0];
    if (token === '(') depth++;
    if (token === ')') depth--;
    if (token === ',' && depth === 0) {
      clauses.push(current.trim());
      current = '';
    } else current += token;
  }
  if (current.trim() !== '') clauses.push(current.trim());
  return clauses;
}

const NOT_A_COLUMN =
  /^(drop|add)\s+(constraint|index|key|unique|primary|foreign|check|default|fulltext|spatial)\b/i;

function alterClauseRules(dialect: DialectName, table: string): Rule[] {
  const server = dialect !== 'sqlite';
  return [
    [
      /^rename\s+to\b/i,
      () => [
        {
          kind: 'breaking',
          reason: `renames table ${table}: code still running the old version uses the old name`,
        },
      ],
    ],
    [
      new RegExp(`^rename\\s+(?:column\\s+)?(${IDENT})\\s+to\\b`, 'i'),
      (match) => [
        {
          kind: 'breaking',
          reason: `renames ${table}.${name(match[1]!)}: code still running the old version uses the old name`,
        },
      ],
    ],
    [
      /^drop\s+(constraint|index|key|foreign\s+key|check|primary\s+key)\b/i,
      (match) =>
        dialect === 'mysql' && /^primary/i.test(match[1]!)
          ? [{ kind: 'lock-heavy', reason: `dropping the primary key rebuilds ${table}` }]
          : [],
    ],
    [
      new RegExp(`^drop\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?(${IDENT})`, 'i'),
      (match) => [
        { kind: 'destructive', reason: `drops column ${table}.${name(match[1]!)} and its data` },
        {
          kind: 'breaking',
          reason: `code still running the old version reads or writes ${table}.${name(match[1]!)}`,
        },
      ],
    ],
    [
      /^add\s+(constraint\s+\S+\s+)?foreign\s+key\b/i,
      (match) => {
        if (dialect === 'postgresql' && !/\bnot\s+valid\b/i.test(match.input)) {
          return [
            {
              kind: 'lock-heavy',
              reason: `adding a foreign key without NOT VALID scans ${table} while locking it against writes`,
            },
          ];
        }
        return dialect === 'mysql'
          ? [
              {
                kind: 'lock-heavy',
                reason: `MySQL/MariaDB copy ${table} to add a foreign key while foreign_key_checks is on`,
              },
            ]
          : [];
      },
    ],
    [
      /^add\s+(constraint\s+\S+\s+)?check\b/i,
      (match) => {
        if (dialect === 'postgresql' && !/\bnot\s+valid\b/i.test(match.input)) {
          return [
            {
              kind: 'lock-heavy',
              reason: `adding a check constraint without NOT VALID scans ${table} under an ACCESS EXCLUSIVE lock`,
            },
          ];
        }
        return dialect === 'mysql'
          ? [{ kind: 'lock-heavy', reason: `MySQL/MariaDB copy ${table} to add a check constraint` }]
          : [];
      },
    ],
    [
      /^add\s+(constraint\s+\S+\s+)?(unique|primary\s+key)\b/i,
      () => [
        ...(server
          ? [
              {
                kind: 'lock-heavy' as const,
                reason: `builds a unique index on ${table} while it is locked against writes`,
              },
            ]
          : []),
        { kind: 'hazard', reason: `fails if ${table} holds duplicate values`, whenTableHasRows: table },
      ],
    ],
    // MySQL builds secondary indexes INPLACE with concurrent writes allowed.
    [/^add\s+(index|key|fulltext|spatial)\b/i, () => []],
    [
      new RegExp(`^add\\s+(?:column\\s+)?(?:if\\s+not\\s+exists\\s+)?(${IDENT})\\s+([\\s\\S]*)$`, 'i'),
      (match) => {
        const column = `${table}.${name(match[1]!)}`;
        const definition = match[2]!;
        if (!/\bnot\s+null\b/i.test(definition) || /\bdefault\b/i.test(definition)) return [];
        return [
          {
            kind: 'breaking',
            reason: `adds ${column} NOT NULL without a default: inserts by code still running the old version fail`,
          },
          {
            kind: 'hazard',
            reason: `adds ${column} NOT NULL without a default: fails when ${table} has rows`,
            whenTableHasRows: table,
          },
        ];
      },
    ],
    [
      /^alter\s+(column\s+)?\S+\s+(set\s+data\s+)?type\b/i,
      () => [
        {
          kind: 'lock-heavy',
          reason: `changing a column type rewrites ${table} under an ACCESS EXCLUSIVE lock`,
        },
        {
          kind: 'destructive',
          reason: `changes a column type of ${table}; ambix cannot tell from SQL whether it narrows`,
        },
      ],
    ],
    [
      /^alter\s+(column\s+)?\S+\s+set\s+not\s+null\b/i,
      () => [
        {
          kind: 'breaking',
          reason: `makes a column of ${table} NOT NULL: code still running the old version may write NULL`,
        },
        { kind: 'lock-heavy', reason: `SET NOT NULL scans ${table} under an ACCESS EXCLUSIVE lock` },
      ],
    ],
    // Catalog-only changes.
    [/^alter\s+(column\s+)?\S+\s+(set\s+default|drop\s+default|drop\s+not\s+null)\b/i, () => []],
    [
      /^(modify|change)\b/i,
      (match) => [
        { kind: 'destructive', reason: `MODIFY/CHANGE COLUMN on ${table} may narrow the column's type` },
        {
          kind: 'lock-heavy',
          reason: `MODIFY/CHANGE COLUMN can copy ${table} (ALGORITHM=COPY) when it changes the type or nullability`,
        },
        ...(/^change/i.test(match[1]!)
          ? [{ kind: 'breaking' as const, reason: `CHANGE COLUMN on ${table} may rename a column` }]
          : []),
      ],
    ],
  ];
}

function alterTableFindings(dialect: DialectName, table: string, body: string): Finding[] {
  const rules = alterClauseRules(dialect, table);
  return topLevelClauses(body).flatMap((clause) => {
    const applicable = NOT_A_COLUMN.test(clause)
      ? rules.filter(([pattern]) => !isColumnPattern(pattern))
      : rules;
    return (
      firstMatch(applicable, clause) ?? [
        { kind: 'unknown', reason: `ambix cannot classify this ALTER TABLE clause: ${abbreviate(clause)}` },
      ]
    );
  });
}

/** The generic ADD/DROP [COLUMN] patterns, which must not swallow ADD CONSTRAINT or DROP INDEX. */
function isColumnPattern(pattern: RegExp): boolean {
  return pattern.source.startsWith('^add\\s+(?:column') || pattern.source.startsWith('^drop\\s+(?:column');
}

function abbreviate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/** A batch rebuild's temporary table (Alembic's or ambix's): dropping a leftover loses nothing. */
export function isBatchLeftover(table: string): boolean {
  return /^_(alembic|ambix)_tmp_/i.test(table);
}
