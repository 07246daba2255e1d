/**
 * Where the database URL comes from, in one place: `--url`, then the config's `url`, then the
 * `DATABASE_URL` environment variable. An empty value counts as absent.
 */
export function resolveDatabaseUrl(sources: {
  readonly option?: string | undefined;
  readonly config?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
}): string | null {
  const env = sources.env ?? process.env;
  for (const candidate of [sources.option, sources.config, env.DATABASE_URL]) {
    if (candidate !== undefined && candidate !== '') return candidate;
  }
  return null;
}
