// The library entry registers itself with the loader and the CLI registers it too; tests that
// drive the loader or a command directly, without either entry, register it here (vitest's setup
// file, and the child scripts), as the entries do.
import { provideAmbixLibrary } from '../../src/loader/library.js';

provideAmbixLibrary(() => import('../../src/api.js'));
