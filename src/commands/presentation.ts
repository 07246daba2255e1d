// What the CLI needs from below the command layer to present results, re-exported here so that
// `cli/` imports the command layer only. Every module named here is light (no driver, no
// revision code, nothing of safety/): the CLI imports this one statically, at start-up.
// What the safety commands present is in `safety-presentation.ts`, loaded only by them.
export { GRAPH_FORMATS, type GraphFormat, isGraphFormat } from '../draw/formats.js';
export { ambixVersion } from '../package-info.js';
export { describeStep, type RunEvent } from '../runtime/events.js';
export { scrubSecrets } from '../runtime/redact.js';
