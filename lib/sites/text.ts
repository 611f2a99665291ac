/**
 * Reading text off any seller page: whitespace, money in yuan, times shown in Asia/Shanghai.
 * Standard DOM only; text is text — only textContent is read, never HTML. Each platform's
 * parse.ts adds how its labels are laid out.
 */

/** An element's text with runs of whitespace collapsed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** `¥1,299.90`, `29.9`, `￥0.00` → integer fen (no floating point); undefined when none shown. */
export function yuanToFen(shown: string | undefined): number | undefined {
  if (!shown) return undefined;
  const m = /(-)?\s*[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/.exec(shown);
  if (!m) return undefined;
  const whole = Number(m[2]!.replace(/,/g, ''));
  const cents = Number(((m[3] ?? '') + '00').slice(0, 2));
  const fen = whole * 100 + cents;
  return m[1] ? -fen : fen;
}

/** `2026-11-16 15:20:11` or `2026/11/16 15:20` (Asia/Shanghai) → `2026-11-16T15:20:11+08:00`. */
export function shanghaiIso(shown: string | undefined): string | undefined {
  if (!shown) return undefined;
  const m = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(shown);
  if (!m) return undefined;
  const p = (s: string | undefined) => (s ?? '00').padStart(2, '0');
  return `${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${p(m[5])}:${p(m[6])}+08:00`;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/**
 * A chat time as shown: a full date-time, or `HH:mm[:ss]` meaning today in Asia/Shanghai
 * (yesterday when that would be in the future). Epoch ms, or undefined.
 */
export function chatTimeMs(shown: string | undefined, now = Date.now()): number | undefined {
  if (!shown) return undefined;
  const full = shanghaiIso(shown);
  if (full) return Date.parse(full);
  const m = /(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(shown);
  if (!m) return undefined;
  const local = new Date(now + SHANGHAI_OFFSET_MS);
  const midnight =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - SHANGHAI_OFFSET_MS;
  let at = midnight + ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
  if (at > now + 60_000) at -= 86_400_000;
  return at;
}

/** Distinct non-empty texts, in page order (multi-item orders repeat their tags per item). */
export function distinctTexts(nodes: readonly Element[]): string[] {
  return [...new Set(nodes.map((n) => textOf(n)).filter(Boolean))];
}
