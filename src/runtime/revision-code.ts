import type { Revision } from '../script/revision.js';
import type { RevisionCode } from '../script/revision-code.js';

export type { RevisionCode };

/**
 * Loads a revision's code when (and only when) it runs; `loadRevisionCode` from the script layer
 * in production, any function in tests.
 */
export type RevisionCodeLoader = (revision: Revision) => Promise<RevisionCode>;
