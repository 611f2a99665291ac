/**
 * Reading text off seller pages (Taobao/Tmall here; JD reuses it): labels with half- or full-width
 * colons, money in yuan, times shown in Asia/Shanghai. Standard DOM only; text is text — only
 * textContent and form values are read, never HTML.
 */
import { escapeRegExp, textOf, yuanToFen } from '../text';

export { chatTimeMs, distinctTexts, shanghaiIso, textOf, yuanToFen } from '../text';

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
