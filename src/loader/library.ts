/**
 * What `ambix` means inside revisions and config files the loader runs: the running library,
 * handed in by whoever started ambix (the library entry `src/index.ts` registers itself, the CLI
 * registers the entry lazily). The loader never imports the entry itself, so the entry stays
 * above it (no import cycle) and a process that runs no revision importing `ambix` never
 * evaluates the whole library.
 */
export type AmbixLibraryLoader = () => Promise<object>;

let registered: AmbixLibraryLoader | undefined;

/** Hands the loader the running library, loaded on the first revision that requires `ambix`. */
export function provideAmbixLibrary(load: AmbixLibraryLoader): void {
  registered = load;
}

/** The registered loader of the running library, if any entry registered one. */
export function ambixLibraryLoader(): AmbixLibraryLoader | undefined {
  return registered;
}
