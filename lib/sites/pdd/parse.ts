/**
 * Reading text off Pinduoduo pages: labels with full-width colons, money in yuan, Shanghai times.
 * Plain DOM reading, no framework knowledge. Text is text: only textContent is read.
 */
import { textOf } from '../text';

export { chatTimeMs, shanghaiIso, textOf, yuanToFen } from '../text';

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
