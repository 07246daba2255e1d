import { loadConfig, type ResolvedConfig } from '../config/index.js';
import { discoverRevisions } from '../script/discovery.js';
import { RevisionGraph } from '../script/graph.js';

/** Where a command finds its project; every field mirrors a global CLI option. */
export interface ProjectOptions {
  /** Directory to start the config search from (default: `process.cwd()`). */
  readonly cwd?: string;
  /** `--config PATH`: use this file instead of searching. */
  readonly configPath?: string;
  /** `--migrations DIR` (repeatable): replaces the configured version locations. */
  readonly migrations?: readonly string[];
  /** `--url URL`: overrides the config's `url` and `DATABASE_URL`. */
  readonly url?: string;
}

export interface Project {
  readonly config: ResolvedConfig;
  readonly graph: RevisionGraph;
}

/** Config, revision headers (read statically) and the validated graph: what every command starts from. */
export async function loadProject(options: ProjectOptions = {}): Promise<Project> {
  const config = await loadConfig(options);
  const revisions = await discoverRevisions(config.migrations);
  return { config, graph: RevisionGraph.build(revisions) };
}
