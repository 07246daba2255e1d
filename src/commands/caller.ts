import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the file that called `api`, read from V8's call sites: how `migrate()` finds its
 * project from the application's own location rather than from `process.cwd()`, which depends on
 * where the process was started. Null when the stack names no file (code from `eval`, or
 * `Error.stackTraceLimit` set to 0).
 */
// biome-ignore lint/complexity/noBannedTypes: captureStackTrace takes any function as the cut-off frame.
export function callerFolder(api: Function): string | null {
  const holder: { stack?: NodeJS.CallSite[] | string } = {};
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (_error, callSites) => callSites;
  try {
    Error.captureStackTrace(holder, api);
    const sites = holder.stack;
    if (!Array.isArray(sites)) return null;
    for (const site of sites) {
      const file = site.getFileName();
      if (file === undefined || file === null || file.startsWith('node:')) continue;
      if (file.startsWith('file:')) return dirname(fileURLToPath(file));
      if (file.startsWith('/') || /^[a-z]:[\\/]/i.test(file)) return dirname(file);
    }
    return null;
  } finally {
    Error.prepareStackTrace = previous;
  }
}
