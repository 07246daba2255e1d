import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RevisionSpec {
  readonly id: string;
  readonly down?: string | readonly string[] | null;
  readonly dependsOn?: readonly string[];
  readonly branchLabels?: readonly string[];
  /** Extra SQL the upgrade runs after logging itself (e.g. a failing statement). */
  readonly upgradeSql?: readonly string[];
  readonly downgradeSql?: readonly string[];
  /** TypeScript lines appended to the upgrade's body (`op` is in scope). */
  readonly upgradeCode?: string;
  /** When set, the revision exports `verify(op)` with these TypeScript lines as its body. */
  readonly verifyCode?: string;
  /** The upgrade waits this long after logging itself, so concurrent runs overlap. */
  readonly sleepMs?: number;
}

export interface ProjectDir {
  readonly dir: string;
  readonly migrations: string;
  /** (Re)writes one revision file. */
  write(spec: RevisionSpec): void;
  remove(): void;
}

/**
 * A migrations folder on disk whose revisions record each run in the side table `ran_log`
 * (`upgrade <id>` / `downgrade <id>`), so tests see which functions ran, in which order.
 */
export function createProject(revisions: readonly RevisionSpec[]): ProjectDir {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-online-'));
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations);
  const write = (spec: RevisionSpec): void => {
    writeFileSync(join(migrations, `${spec.id}.ts`), revisionSource(spec));
  };
  for (const spec of revisions) write(spec);
  return { dir, migrations, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function revisionSource(spec: RevisionSpec): string {
  const down =
    spec.down === undefined || spec.down === null
      ? 'null'
      : typeof spec.down === 'string'
        ? JSON.stringify(spec.down)
        : JSON.stringify(spec.down);
  const statements = (direction: 'upgrade' | 'downgrade', extra: readonly string[] = []) =>
    [`INSERT INTO ran_log (entry) VALUES ('${direction} ${spec.id}')`, ...extra]
      .map((sql) => `  await op.execute(${JSON.stringify(sql)});`)
      .join('\n');
  return `export const revision = ${JSON.stringify(spec.id)};
export const downRevision = ${down};
export const branchLabels = ${JSON.stringify(spec.branchLabels ?? [])};
export const dependsOn = ${JSON.stringify(spec.dependsOn ?? [])};
export const message = ${JSON.stringify(`create ${spec.id}`)};

export async function upgrade(op: any): Promise<void> {
${statements('upgrade', spec.upgradeSql)}
${spec.upgradeCode ?? ''}
${spec.sleepMs ? `  await new Promise((resolve) => setTimeout(resolve, ${spec.sleepMs}));` : ''}
}

export async function downgrade(op: { execute(sql: string): Promise<unknown> }): Promise<void> {
${statements('downgrade', spec.downgradeSql)}
}
${spec.verifyCode === undefined ? '' : `\nexport async function verify(op: any): Promise<void> {\n${spec.verifyCode}\n}\n`}`;
}
