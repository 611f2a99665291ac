/**
 * Reading text off Pinduoduo pages: labels with full-width colons, money in yuan, Shanghai times.
 * Plain DOM reading, no framework knowledge. Text is text: only textContent is read.
 */

/** An element's text with runs of whitespace collapsed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The text shown after a label such as `订单编号：` inside `root`: the rest of the deepest element
 * whose text starts with the label, else (a label in its own span) the rest of its parent's text.
 * Callers pick the value out of it with a pattern (sn, date, amount).
 */
export function labelValue(root: ParentNode, labels: readonly string[]): string | undefined {
  for (const label of labels) {
    let best = Array.from(root.querySelectorAll('*')).find((el) => textOf(el).startsWith(label));
    if (!best) continue;
    // Descend to the deepest element that still starts with the label.
    for (;;) {
      const inner: Element | undefined = Array.from(best.children).find((c) => textOf(c).startsWith(label));
      if (!inner) break;
      best = inner;
    }
    const rest = textOf(best).slice(label.length).trim();
    if (rest) return rest;
    // `<div><span>标签：</span>值</div>`: the value is the parent's text after the label.
    const parentText = textOf(best.parentElement);
    const at = parentText.indexOf(label);
    const inParent = at >= 0 ? parentText.slice(at + label.length).trim() : '';
    if (inParent) return inParent;
    const next = textOf(best.nextElementSibling);
    if (next) return next;
  }
  return undefined;
}

/** `¥1,299.90`, `29.9`, `￥0.00` → integer fen; undefined when no amount is shown. */
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
  const m = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(shown);
  if (!m) return undefined;
  const p = (s: string | undefined) => (s ?? '00').padStart(2, '0');
  return `${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${p(m[5])}:${p(m[6])}+08:00`;
}

/**
 * A chat time as shown: a full date-time, or `HH:mm[:ss]` meaning today in Asia/Shanghai.
 * Returns epoch ms, or undefined when nothing time-like is shown.
 */
export function chatTimeMs(shown: string | undefined, now = Date.now()): number | undefined {
  if (!shown) return undefined;
  const full = shanghaiIso(shown);
  if (full) return Date.parse(full);
  const m = /(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(shown);
  if (!m) return undefined;
  const offset = 8 * 3600_000;
  const local = new Date(now + offset);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offset;
  return midnight + ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}
