// What the safety commands (lint, doctor, upgrade --plan) present, re-exported for `cli/`. Kept
// apart from `presentation.ts` so that the start-up path of `upgrade` reaches nothing of safety/.
export { DoctorFoundProblemsError } from '../safety/doctor/errors.js';
export { LintFailedError } from '../safety/errors.js';
export { type RevisionClassification, RISK_KINDS, type RiskKind } from '../safety/findings.js';
