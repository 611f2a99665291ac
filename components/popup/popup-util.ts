/** Clipboard write from the popup (it has the focus and clipboardWrite); a textarea copy as fallback. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

export interface PaintRecord {
  /** '' for the empty-query lists. */
  query: string;
  count: number;
  engine: string;
  /** ms since navigation start (performance.now()), after the frame was painted. */
  at: number;
  /** When the keystroke that made this query happened (same clock), if it was typed. */
  inputAt?: number;
}

const inputs = new Map<string, number>();

/** Remembers when a query was typed, so markPaint can tell keystroke → results on screen. */
export function markInput(query: string): void {
  inputs.set(query, performance.now());
}

declare global {
  interface Window {
    /** Read by the e2e tests and tests/bench/popup.bench.ts: when results were on screen. */
    __kefuPopup?: { paints: PaintRecord[]; engines?: { engine: string; at: number }[] };
  }
}

/**
 * Records when results for `query` reached the screen: a requestAnimationFrame callback runs
 * before the paint, a task queued from it runs after. Cheap enough to keep in production.
 */
export function markPaint(query: string, count: number, engine: string): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      const record: PaintRecord = { query, count, engine, at: performance.now(), inputAt: inputs.get(query) };
      (window.__kefuPopup ??= { paints: [] }).paints.push(record);
    }, 0),
  );
}

/** When each search engine became available (the plain scan, then the worker's index). */
export function markEngine(engine: string): void {
  const state = (window.__kefuPopup ??= { paints: [] });
  (state.engines ??= []).push({ engine, at: performance.now() });
}
