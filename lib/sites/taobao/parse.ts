/**
 * Reading text off seller pages (Taobao/Tmall here; JD reuses it): labels with half- or full-width
 * colons, money in yuan, times shown in Asia/Shanghai. Standard DOM only; text is text — only
 * textContent and form values are read, never HTML.
 */

/** An element's text with runs of whitespace collapsed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The value shown after a label such as `签收时间：` inside `root`. `labels` are given without the
 * colon; the page's text must follow the label with `:` or `：` (so `运费` does not match the tag
 * `运费险`). Takes the deepest element whose text starts with the label, then: the rest of its
 * text, else its next element sibling (`<dt>`/`<dd>`, label and value spans), else the rest of
 * its parent's text (`<span><span>标签：</span>值</span>`).
 */
export function valueAfter(root: ParentNode, labels: readonly string[]): string | undefined {
  for (const label of labels) {
    const head = new RegExp(`^${escapeRegExp(label)}\\s*[:：]\\s*`);
    let best = Array.from(root.querySelectorAll('*')).find((el) => head.test(textOf(el)));
    if (!best) continue;
    for (;;) {
      const inner: Element | undefined = Array.from(best.children).find((c) => head.test(textOf(c)));
      if (!inner) break;
      best = inner;
    }
    const rest = textOf(best).replace(head, '');
    if (rest) return rest;
    const next = textOf(best.nextElementSibling);
    if (next) return next;
    const parentText = textOf(best.parentElement);
    const m = new RegExp(`${escapeRegExp(label)}\\s*[:：]\\s*(.+)$`).exec(parentText);
    if (m?.[1]) return m[1];
  }
  return undefined;
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

/**
 * The amount and the shipping in list cells like `¥129.00 (含快递:¥0.00)` or
 * `¥199.00(含运费：¥0.00)`, found in `text` by the shipping label (`含快递`, `含运费`).
 */
export function amountWithShipping(
  text: string,
  shippingLabels: readonly string[],
): { paidFen: number; shippingFen: number } | undefined {
  for (const label of shippingLabels) {
    const re = new RegExp(
      `[¥￥]\\s*(\\d[\\d,]*(?:\\.\\d{1,2})?)\\s*[(（]\\s*${escapeRegExp(label)}\\s*[:：]?\\s*[¥￥]?\\s*(\\d[\\d,]*(?:\\.\\d{1,2})?)`,
    );
    const m = re.exec(text);
    if (m) {
      const paidFen = yuanToFen(m[1]);
      const shippingFen = yuanToFen(m[2]);
      if (paidFen !== undefined && shippingFen !== undefined) return { paidFen, shippingFen };
    }
  }
  return undefined;
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
