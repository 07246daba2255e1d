// The library entry: everything the CLI can do is exported here.

export * from './dialect.js';
export * from './errors.js';
export type * from './operations/context.js';
export type * from './script/plan.js';
export type * from './script/revision.js';
