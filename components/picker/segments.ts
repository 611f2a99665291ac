/**
 * Splits a text into runs for display: matched ranges (highlighted) and template variables
 * (`{买家}` shown as a token), so the picker never builds HTML from phrase text.
 */
export interface TextRun {
  text: string;
  mark: boolean;
  token: boolean;
}

const VARIABLE = /\{[^{}\n]{1,20}\}/g;

export function variableRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // Most previews have no variable: every row of every keystroke asks.
  if (!text.includes('{')) return out;
  for (const m of text.matchAll(VARIABLE)) out.push([m.index, m.index + m[0].length]);
  return out;
}

export function toRuns(
  text: string,
  marks: ReadonlyArray<readonly [number, number]>,
  tokens = variableRanges(text),
): TextRun[] {
  const cuts = new Set<number>([0, text.length]);
  for (const [s, e] of [...marks, ...tokens]) {
    cuts.add(Math.max(0, Math.min(text.length, s)));
    cuts.add(Math.max(0, Math.min(text.length, e)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const inside = (ranges: ReadonlyArray<readonly [number, number]>, at: number) =>
    ranges.some(([s, e]) => at >= s && at < e);
  const runs: TextRun[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k]!;
    const e = points[k + 1]!;
    if (e <= s) continue;
    const run = { text: text.slice(s, e), mark: inside(marks, s), token: inside(tokens, s) };
    const last = runs[runs.length - 1];
    if (last && last.mark === run.mark && last.token === run.token) last.text += run.text;
    else runs.push(run);
  }
  return runs;
}

/**
 * A one-line preview of a variant around where the query matched: a match far into a long
 * variant is shown with its context, `…` before it.
 */
export function snippet(
  text: string,
  ranges: ReadonlyArray<readonly [number, number]>,
  lead = 12,
): { text: string; ranges: Array<[number, number]> } {
  if (!text.includes('\n')) {
    // One line (most variants): no offsets to move.
    return cut(text, ranges, lead);
  }
  const flat = text.replace(/\s*\n\s*/g, ' ');
  // Offsets move when line breaks (and spaces around them) collapse: map them.
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = j;
    const rest = text.slice(i).match(/^\s*\n\s*/);
    if (rest) {
      for (let k = 1; k < rest[0].length; k++) map[i + k] = j + 1;
      i += rest[0].length - 1;
      j += 1;
    } else j += 1;
  }
  map[text.length] = j;
  const moved = ranges.map(([s, e]) => [map[s] ?? s, map[e] ?? e] as [number, number]);
  return cut(flat, moved, lead);
}

/**
 * Characters a preview keeps after its start: about twice what its line shows. The line ends in
 * `…` anyway, but the browser shapes and lays out every character of it on every keystroke, and a
 * shop's return instructions can run to hundreds.
 */
export const PREVIEW_CHARS = 80;

/** Starts a one-line text `lead` characters before its first match, `…` marking each cut. */
function cut(
  flat: string,
  ranges: ReadonlyArray<readonly [number, number]>,
  lead: number,
): { text: string; ranges: Array<[number, number]> } {
  const first = ranges[0]?.[0] ?? 0;
  const at = first <= lead + 4 ? 0 : first - lead;
  const end = Math.min(flat.length, at + PREVIEW_CHARS);
  const before = at > 0 ? '…' : '';
  const text = `${before}${flat.slice(at, end)}${end < flat.length ? '…' : ''}`;
  const shift = before.length - at;
  const kept = before.length + end - at;
  return {
    text,
    ranges: ranges
      .map(([s, e]): [number, number] => [Math.max(0, s + shift), Math.min(kept, e + shift)])
      .filter(([s, e]) => e > s),
  };
}
