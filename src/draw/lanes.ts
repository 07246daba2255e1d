import { type DrawNode, nodeCaption } from './node.js';
import { newestFirst } from './order.js';

/**
 * One line of the picture travelling from a column of the previous row to a column of the next.
 * Tracks move at most one column per drawn row, so every bend is a single `/` or `\`.
 */
interface Track {
  column: number;
  readonly target: number;
}

/**
 * The revision DAG as terminal lanes, newest first, like `git log --graph`: `*` marks a revision,
 * `|` continues a line, `/` and `\` bend it. Each lane holds the revision it is heading for.
 */
export function drawLanes(nodes: readonly DrawNode[]): string {
  const lines: string[] = [];
  let lanes: string[] = [];
  // The column where a base just ended its lane: a new tip drawn right below it must not look joined.
  let endedColumn = -1;

  for (const node of newestFirst(nodes)) {
    let column = lanes.indexOf(node.revision);
    if (column === -1) {
      // A tip that nothing drawn so far descends from opens a new lane on the right.
      if (lanes.length === endedColumn) lines.push(lanes.map(() => '|').join(' '));
      lanes.push(node.revision);
      column = lanes.length - 1;
    }
    endedColumn = node.downRevisions.length === 0 ? column : -1;

    // Several children were heading for this revision (a branch point): their lanes join first.
    const joining = joinTracks(lanes, node.revision, column);
    if (joining.some((track) => track.column !== track.target)) {
      lines.push(...transitionRows(joining));
      lanes = lanes.filter((id, index) => id !== node.revision || index === column);
    }

    lines.push(`${nodeRow(lanes.length, column)} ${nodeCaption(node)}`);

    // The lane continues into the parents: a merge fans out, a base ends its lane.
    const parents = node.downRevisions;
    if (parents.length !== 1)
      lines.push(...transitionRows(leaveTracks(lanes.length, column, parents.length)));
    lanes = [...lanes.slice(0, column), ...parents, ...lanes.slice(column + 1)];
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function nodeRow(width: number, column: number): string {
  return Array.from({ length: width }, (_, index) => (index === column ? '*' : '|')).join(' ');
}

/** Every lane heading for `revision` bends into `column`; lanes right of a removed one shift left. */
function joinTracks(lanes: readonly string[], revision: string, column: number): Track[] {
  let removed = 0;
  return lanes.map((id, index) => {
    if (id === revision) {
      if (index !== column) removed += 1;
      return { column: index, target: column };
    }
    return { column: index, target: index - removed };
  });
}

/** Lanes left of the drawn revision stay; its lane fans into `spread` parents; lanes right shift. */
function leaveTracks(width: number, column: number, spread: number): Track[] {
  const tracks: Track[] = [];
  for (let index = 0; index < width; index += 1) {
    if (index < column) tracks.push({ column: index, target: index });
    else if (index === column) {
      for (let branch = 0; branch < spread; branch += 1) tracks.push({ column, target: column + branch });
    } else tracks.push({ column: index, target: index + spread - 1 });
  }
  return tracks;
}

/** Rows of `|`, `/` and `\` that carry every track one column per row to its target. */
function transitionRows(tracks: readonly Track[]): string[] {
  const rows: string[] = [];
  const live = tracks.map((track) => ({ ...track }));
  while (live.some((track) => track.column !== track.target)) {
    const cells: string[] = [];
    for (const track of live) {
      const step = Math.sign(track.target - track.column);
      const position = 2 * track.column + step;
      const glyph = step === 0 ? '|' : step > 0 ? '\\' : '/';
      // Two tracks crossing on one cell: show the crossing rather than hide a line.
      const existing = cells[position];
      cells[position] = existing !== undefined && existing !== glyph ? 'X' : glyph;
      track.column += step;
    }
    rows.push(
      Array.from(cells, (cell) => cell ?? ' ')
        .join('')
        .trimEnd(),
    );
  }
  return rows;
}
