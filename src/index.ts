// The library entry: everything api.ts exports (the documented API). It also hands that API to the
// loader, so revisions and config files importing 'ambix' get these very objects (`instanceof`
// holds) while the loader itself never imports the entry.
import * as api from './api.js';
import { provideAmbixLibrary } from './loader/library.js';

export * from './api.js';

provideAmbixLibrary(async () => api);
