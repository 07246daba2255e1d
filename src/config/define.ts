import type { AmbixConfig } from './types.js';

/**
 * Types an `ambix.config.ts`; returns its argument unchanged. The config file's DEFAULT export
 * is the configuration:
 *
 *     import { defineConfig } from 'ambix';
 *     export default defineConfig({ url: process.env.DATABASE_URL, migrations: 'db/migrations' });
 */
export function defineConfig(config: AmbixConfig): AmbixConfig {
  return config;
}
