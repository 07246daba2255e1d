import { defineConfig } from 'ambix';

// Like most apps: DATABASE_URL when set, else a SQLite file beside the app.
export default defineConfig({
  url: process.env.DATABASE_URL ?? 'sqlite:///data/app.db',
  migrations: 'migrations',
});
