/**
 * DOM: putting a composed remark into the site's own remark field. This folder is the only part
 * of lib/orders that touches the page.
 *
 * The order of steps is the agent's safety net: open the site's dialog (its own 备注 entry, never
 * its save button), wait for the field, APPEND (the existing remark stays, character for
 * character), select the flag, and stop. The agent reviews and clicks the site's save.
 */
import { appendToField, fieldText, isEditable } from '../../dom/editable';
import { waitForElement } from '../../dom/observe';
import { mergeRemark } from '../../remarks';
import type { Platform } from '../../sites/platforms';
import { queryFirst } from '../../sites/selector';
import type { OrdersAdapter } from '../../sites/types';

export interface FillRequest {
  doc: Document;
  orders: OrdersAdapter;
  platform: Platform;
  /** The order's row (or the memo form) the remark belongs to. */
  row: Element;
  /** The remark line to append. */
  addition: string;
  /** The platform code to select; undefined leaves the flag alone. */
  flagCode?: number | undefined;
  signal: AbortSignal;
  /** The agent saw the duplicate warning and chose to add it again. */
  allowDuplicate?: boolean;
  /** How long to wait for the site's dialog to render its field. */
  timeoutMs?: number;
}

export type FillOutcome =
  | {
      ok: true;
      /** `command`: on the field's undo stack (Ctrl+Z); `setter`: not undoable. */
      method: 'command' | 'setter';
      /** Whether the flag was selected (undefined when none was asked for). */
      flagSelected?: boolean;
      text: string;
    }
  | { ok: false; reason: 'no-field' | 'duplicate' | 'not-appended' | 'aborted'; message: string };

/** The field that is open now, if any (the memo page's textarea is always there). */
export function openRemarkField(doc: Document, orders: OrdersAdapter): Element | null {
  return queryFirst(doc, orders.remarkField);
}

export async function fillRemark(req: FillRequest): Promise<FillOutcome> {
  const { doc, orders } = req;
  let field = openRemarkField(doc, orders);
  if (!field) {
    orders.openRemarkDialog?.(req.row, doc);
    field = await waitForElement(orders.remarkField, {
      signal: req.signal,
      timeoutMs: req.timeoutMs ?? 5000,
    });
  }
  if (req.signal.aborted) return { ok: false, reason: 'aborted', message: '已取消' };
  if (!field || !isEditable(field)) {
    return {
      ok: false,
      reason: 'no-field',
      message: '没有找到页面的备注输入框：请先点开页面上的「备注」，再点「填入」。',
    };
  }

  // The field is the truth (a list may show the remark shortened): merge against what it holds.
  const before = fieldText(field);
  const merged = mergeRemark(before, req.addition, { platform: req.platform });
  if (merged.duplicate && !req.allowDuplicate) {
    return { ok: false, reason: 'duplicate', message: '备注末尾已经有这条内容，没有重复填入。' };
  }
  const method = appendToField(field, merged.separator + req.addition);
  const after = fieldText(field);
  if (after !== merged.text) {
    return {
      ok: false,
      reason: 'not-appended',
      message: '页面没有接受填入的内容：请复制备注后手动粘贴。',
    };
  }

  const outcome: FillOutcome = { ok: true, method, text: after };
  if (req.flagCode !== undefined) {
    outcome.flagSelected = orders.selectFlag ? orders.selectFlag(doc, req.flagCode) : false;
  }
  // Leave the caret in the site's field so the agent can keep typing or press the site's save.
  if (field instanceof HTMLElement) field.focus();
  return outcome;
}
