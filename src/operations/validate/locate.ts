import { readFileSync } from 'node:fs';
import type { Problem } from './shape.js';

/**
 * The line of the revision file where the offending key (or, for a wrong value, the key with that
 * value) is written; null when it cannot be found there. Found in the file's own text because
 * the code that runs is esbuild's transpilation, whose line numbers differ from the file's.
 * Only read when an argument is refused.
 */
export function lineOfProblem(file: string, problem: Problem): number | null {
  const key = lastKey(problem);
  if (key === null || problem.kind === 'missing') return null;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const property = `(?<![\\w$])(['"\`]?)${escapeRegExp(key)}\\1\\s*:`;
  const patterns = [new RegExp(property)];
  if (problem.kind === 'wrong-type' && isPrimitive(problem.value)) {
    const value = escapeRegExp(String(problem.value));
    patterns.unshift(new RegExp(`${property}\\s*(['"\`]?)${value}\\2(?![\\w$])`));
  }
  const lines = source.split('\n');
  for (const pattern of patterns) {
    const index = lines.findIndex((line) => pattern.test(line));
    if (index !== -1) return index + 1;
  }
  return null;
}

/** The last key of the problem's path: `nullabe` in `columns[1].nullabe`. */
function lastKey(problem: Problem): string | null {
  if (problem.kind === 'unknown-key') return problem.key;
  const match = /([\w$]+)(?:\[\d+\])*$/.exec(problem.path);
  return match?.[1] ?? null;
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
