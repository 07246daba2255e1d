import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'ambix';

// As Open WebUI does: DATABASE_URL when set, else webui.db in DATA_DIR (default: data/ beside this
// file), a directory Open WebUI creates at start-up, so it is created here too.
function defaultUrl(): string {
  const dataDir = process.env.DATA_DIR ?? join(import.meta.dirname, 'data');
  mkdirSync(dataDir, { recursive: true });
  return `sqlite:///${dataDir}/webui.db`;
}

export default defineConfig({
  url: process.env.DATABASE_URL ?? defaultUrl(),
  migrations: 'migrations',
  // The schema at head, for `ambix check` and `ambix revision --autogenerate`.
  schema: 'schema.ts',
});
