import type { HistoryEntry } from '../commands/history.js';
import type { RevisionInfo } from '../commands/revision-info.js';
import { PLAIN_STYLE, type Style } from './style.js';

/** Which parts of Alembic's one-line form (§9) a command prints. */
export interface OneLineParts {
  readonly parents?: boolean;
  readonly labels?: boolean;
  readonly treeMarkers?: boolean;
  readonly message?: boolean;
}

function isCurrent(info: RevisionInfo): boolean {
  return (info as Partial<HistoryEntry>).isCurrent === true;
}

function downRevisionText(info: RevisionInfo): string {
  return info.downRevisions.length === 0 ? '<base>' : info.downRevisions.join(', ');
}

/**
 * `[<parents>|<base>[ (<deps>)] -> ]<rev>[ (<labels>)][ (head)|(effective head)][ (current)]
 * [ (branchpoint)][ (mergepoint)][, <message>]`
 */
export function oneLine(info: RevisionInfo, parts: OneLineParts, style: Style = PLAIN_STYLE): string {
  let text = style.revision(info.revision);
  if (parts.parents) {
    const dependencies = info.dependsOn.length > 0 ? ` (${info.dependsOn.join(', ')})` : '';
    text = `${downRevisionText(info)}${dependencies} -> ${text}`;
  }
  if (parts.labels && info.branchLabels.length > 0) text += ` (${info.branchLabels.join(', ')})`;
  const markers: string[] = [];
  if (info.isHead) markers.push('(head)');
  if (info.isEffectiveHead) markers.push('(effective head)');
  if (isCurrent(info)) markers.push('(current)');
  if (parts.treeMarkers) {
    if (info.isBranchPoint) markers.push('(branchpoint)');
    if (info.isMergePoint) markers.push('(mergepoint)');
  }
  if (markers.length > 0) text += ` ${style.marker(markers.join(' '))}`;
  if (parts.message) text += `, ${info.message ?? ''}`;
  return text;
}

/** The verbose entry of `show`, `history -v`, `heads -v` (§9), ending with a blank line. */
export function verboseEntry(info: RevisionInfo, style: Style = PLAIN_STYLE): string {
  const markers = [
    info.isHead || info.isEffectiveHead ? ' (head)' : '',
    info.isBranchPoint ? ' (branchpoint)' : '',
    info.isMergePoint ? ' (mergepoint)' : '',
    isCurrent(info) ? ' (current)' : '',
  ].join('');
  const lines = [`Rev: ${style.revision(info.revision)}${markers ? style.marker(markers) : ''}`];
  lines.push(info.isMergePoint ? `Merges: ${downRevisionText(info)}` : `Parent: ${downRevisionText(info)}`);
  if (info.dependsOn.length > 0) lines.push(`Also depends on: ${info.dependsOn.join(', ')}`);
  if (info.isBranchPoint) lines.push(`Branches into: ${info.nextRevisions.join(', ')}`);
  if (info.branchLabels.length > 0) lines.push(`Branch names: ${info.branchLabels.join(', ')}`);
  lines.push(`Path: ${info.path}`, '');
  const message = info.message ?? '';
  for (const paragraph of message.split('\n')) lines.push(`    ${paragraph}`);
  lines.push('', '');
  return lines.join('\n');
}

/** One branch point and its children (§9 `branches`), ending with a blank line. */
export function branchPointBlock(
  point: RevisionInfo,
  children: readonly RevisionInfo[],
  verbose: boolean,
  style: Style = PLAIN_STYLE,
): string {
  const header = verbose
    ? verboseEntry(point, style)
    : `${oneLine(point, { labels: true, treeMarkers: true }, style)}\n`;
  const indent = ' '.repeat(point.revision.length);
  const childLines = children.map(
    (child) =>
      `${indent} -> ${oneLine(child, { labels: true, treeMarkers: true, message: verbose }, style)}\n`,
  );
  return `${header}${childLines.join('')}\n`;
}
