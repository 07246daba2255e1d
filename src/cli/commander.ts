import { createRequire } from 'node:module';

/**
 * commander's classes, loaded with `require`: commander is a CommonJS package, and importing it
 * from an ES module has Node load its ESM wrapper and scan its source for export names first
 * (measured: 20–23 ms against 11–17 ms, at every start of the CLI).
 */
const commander = createRequire(import.meta.url)('commander') as typeof import('commander');

export const { Command, CommanderError, Option } = commander;
