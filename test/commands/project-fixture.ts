import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** One revision as a test declares it; written as a TypeScript revision file. */
export interface FixtureRevision {
  readonly id: string;
  readonly down?: string | readonly string[] | null;
  readonly labels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly message?: string;
  /** Which version location (index into `locations`); default 0. */
  readonly location?: number;
}

export interface Fixture {
  readonly root: string;
  readonly locations: readonly string[];
  /** Absolute path of a revision's file. */
  pathOf(id: string): string;
  /** Every file name in a version location, sorted. */
  filesIn(location?: number): string[];
  write(revision: FixtureRevision): string;
  writeRaw(name: string, source: string, location?: number): string;
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function literal(value: string | readonly string[] | null | undefined): string {
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}

/**
 * A throwaway project: `ambix.config.json` naming `locationNames` (default one, `migrations`) and
 * the given revisions, each in its own file named `<nn>_<id>.ts` so load order is the order given.
 */
export function createProject(
  revisions: readonly FixtureRevision[],
  locationNames = ['migrations'],
): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'ambix-cli-'));
  roots.push(root);
  const locations = locationNames.map((name) => join(root, name));
  for (const location of locations) mkdirSync(location, { recursive: true });
  writeFileSync(join(root, 'ambix.config.json'), JSON.stringify({ migrations: locationNames }));
  const paths = new Map<string, string>();
  let counter = 0;
  const fixture: Fixture = {
    root,
    locations,
    pathOf: (id) => paths.get(id) ?? '',
    filesIn: (location = 0) => readdirSync(locations[location]!).sort(),
    writeRaw(name, source, location = 0) {
      const path = join(locations[location]!, name);
      writeFileSync(path, source);
      return path;
    },
    write(revision) {
      counter += 1;
      const name = `${String(counter).padStart(3, '0')}_${revision.id}.ts`;
      const source = [
        `export const revision = ${JSON.stringify(revision.id)};`,
        `export const downRevision = ${literal(revision.down)};`,
        `export const branchLabels = ${literal(revision.labels ?? [])};`,
        `export const dependsOn = ${literal(revision.dependsOn ?? [])};`,
        `export const message = ${JSON.stringify(revision.message ?? `msg ${revision.id}`)};`,
        'export async function upgrade() {}',
        'export async function downgrade() {}',
        '',
      ].join('\n');
      const path = fixture.writeRaw(name, source, revision.location ?? 0);
      paths.set(revision.id, path);
      return path;
    },
  };
  for (const revision of revisions) fixture.write(revision);
  return fixture;
}

/** a → b → {c1 → d1, c2 → d2}: a branch point at b, two heads. */
export const BRANCHED: readonly FixtureRevision[] = [
  { id: 'aaaa', down: null },
  { id: 'bbbb', down: 'aaaa' },
  { id: 'c1c1', down: 'bbbb', labels: ['left'] },
  { id: 'c2c2', down: 'bbbb' },
  { id: 'd1d1', down: 'c1c1' },
  { id: 'd2d2', down: 'c2c2' },
];

/** a → b → c: one head. */
export const LINEAR: readonly FixtureRevision[] = [
  { id: 'aaaa', down: null },
  { id: 'bbbb', down: 'aaaa' },
  { id: 'cccc', down: 'bbbb' },
];
