// What the CLI needs from below the command layer to present results, re-exported here so that
// `cli/` imports the command layer only. Every module named here is light (no driver, no
// revision code): the CLI imports this one statically, at start-up.
export { GRAPH_FORMATS, type GraphFormat, isGraphFormat } from '../draw/formats.js';
export { ambixVersion } from '../package-info.js';
export { describeStep, type RunEvent } from '../runtime/events.js';
export { scrubSecrets } from '../runtime/redact.js';
export { DoctorFoundProblemsError } from '../safety/doctor/errors.js';
export { LintFailedError } from '../safety/errors.js';
export { type RevisionClassification, RISK_KINDS, type RiskKind } from '../safety/findings.js';
