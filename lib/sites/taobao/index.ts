import { queryAll, queryFirst } from '../selector';
import type { ChatMessageOnPage, OrderOnPage, PageKind, SiteAdapter } from '../types';
import { amountWithShipping, distinctTexts, shanghaiIso, textOf, valueAfter, yuanToFen } from './parse';
import { taobaoSelectors as S } from './selectors';

/**
 * Taobao / Tmall seller pages (shared/research/seller-pages.md):
 * - trade.taobao.com: old sold list, order detail, memo page (plain DOM, late rendering);
 * - myseller.taobao.com and qn.taobao.com: Qianniu web workbench, a React SPA with routes under
 *   `home.htm/` (pushState), plus its chat-history iframe.
 * Tmall shops use the same pages and URLs, so nothing on them tells Tmall from Taobao: the
 * platform stays 'taobao'. Live chat runs in the native Qianniu client, so there is no chat adapter.
 */
export const TAOBAO_HOSTS = ['trade.taobao.com', 'myseller.taobao.com', 'qn.taobao.com'] as const;
const QIANNIU_HOSTS: readonly string[] = ['myseller.taobao.com', 'qn.taobao.com'];

/** seller_flag codes (research): 0 gray/none, 1 red, 2 yellow, 3 green, 4 blue, 5 purple. */
export const TAOBAO_FLAG_NAMES: Readonly<Record<number, string>> = {
  0: '灰',
  1: '红',
  2: '黄',
  3: '绿',
  4: '蓝',
  5: '紫',
};

/** Taobao order ids are long digit strings (bizOrderId). */
const ORDER_ID = /\d{12,20}/;

/** The Qianniu route: the path after `home.htm/`, without a trailing slash ('' for the home page). */
export function qianniuRoute(url: URL): string | undefined {
  const i = url.pathname.indexOf('/home.htm');
  if (i < 0) return undefined;
  return url.pathname
    .slice(i + '/home.htm'.length)
    .replace(/^\/+/, '')
    .replace(/\/+$/, '');
}

export function taobaoPageKind(url: URL): PageKind {
  const path = url.pathname;
  if (url.hostname === 'trade.taobao.com') {
    if (path.startsWith('/trade/itemlist/list_sold_items.htm')) return 'order-list';
    if (path.startsWith('/trade/detail/tradeItemDetail.htm') || path.startsWith('/detail/orderDetail.htm')) {
      return 'order-detail';
    }
    if (path.startsWith('/trade/memo/update_sell_memo.htm')) return 'memo-edit';
    return 'unknown';
  }
  if (!QIANNIU_HOSTS.includes(url.hostname)) return 'unknown';
  // The page Qianniu's chat-history route embeds as iframe "im-history-search".
  if (path.startsWith('/im-history-search')) return 'chat-history';
  const route = qianniuRoute(url);
  if (route === undefined) return 'unknown';
  if (/^trade-platform\/tp\/(sold|order|batch-consign)(\/|$)/.test(route)) return 'order-list';
  // Inferred: the workbench's own order detail route.
  if (/^trade-platform\/tp\/detail(\/|$)/.test(route)) return 'order-detail';
  if (/^app-customer-service\/toolpage\/message(\/|$)/i.test(route)) return 'chat-history';
  return 'unknown';
}

/** Flag code from a Qianniu icon class (`qn-flag-3`), a title (`红旗`), or the old sprite's offset. */
function flagCodeOf(icon: Element | null): number | undefined {
  if (!icon) return undefined;
  const cls = /(?:^|\s)qn-flag-(\d)(?:\s|$)/.exec(icon.getAttribute('class') ?? '');
  if (cls) return Number(cls[1]);
  const title = (icon.getAttribute('title') ?? '').trim().charAt(0);
  for (const [code, name] of Object.entries(TAOBAO_FLAG_NAMES))
    if (title && name === title) return Number(code);
  // Old list sprite: 16px per flag, gray at 0 (demo reconstruction of the sprite).
  const pos = /^\s*(-?\d+(?:\.\d+)?)px/.exec((icon as HTMLElement).style?.backgroundPosition ?? '');
  if (pos) {
    const code = Math.round(Math.abs(Number(pos[1])) / 16);
    if (code >= 0 && code <= 5) return code;
  }
  return undefined;
}

/** `当前订单状态：交易成功` → `交易成功`. */
function statusText(el: Element | null): string | undefined {
  const text = textOf(el).replace(/^[^：:]*状态\s*[:：]\s*/, '');
  return text || undefined;
}

function readMemoPage(form: HTMLFormElement, doc: Document): OrderOnPage | undefined {
  const idField = form.querySelector<HTMLInputElement>('input[name="biz_order_id"]');
  const orderId =
    ORDER_ID.exec(idField?.value ?? '')?.[0] ??
    ORDER_ID.exec(new URL(doc.location.href).searchParams.get('biz_order_id') ?? '')?.[0];
  if (!orderId) return undefined;
  const order: OrderOnPage = { orderId };
  const field = queryFirst<HTMLTextAreaElement>(form, S.remarkField);
  if (field) order.remark = field.value;
  const checked = queryAll<HTMLInputElement>(form, S.flagRadio).find((r) => r.checked);
  if (checked && /^\d$/.test(checked.value)) order.flagCode = Number(checked.value);
  // The order summary above the form.
  const root = doc.body ?? doc.documentElement;
  const nick = valueAfter(root, ['买家昵称']);
  if (nick) order.buyerNick = nick;
  const title = valueAfter(root, ['宝贝名称']);
  if (title) order.itemTitle = title;
  const status = valueAfter(root, ['交易状态']);
  if (status) order.status = status;
  const created = shanghaiIso(valueAfter(root, ['创建时间']));
  if (created) order.createdAt = created;
  const money = amountWithShipping(valueAfter(root, ['实收款', '实付款']) ?? '', ['含快递', '含运费']);
  if (money) Object.assign(order, money);
  return order;
}

export function readTaobaoOrder(row: Element, doc: Document): OrderOnPage | undefined {
  if (row instanceof HTMLFormElement || row.matches('form')) return readMemoPage(row as HTMLFormElement, doc);

  const orderId = ORDER_ID.exec(valueAfter(row, ['订单号', '订单编号']) ?? '')?.[0];
  if (!orderId) return undefined;
  const order: OrderOnPage = { orderId };

  const created = shanghaiIso(valueAfter(row, ['创建时间']));
  if (created) order.createdAt = created;
  const paid = shanghaiIso(valueAfter(row, ['付款时间']));
  if (paid) order.paidAt = paid;
  const signed = shanghaiIso(valueAfter(row, ['签收时间']));
  if (signed) order.signedAt = signed;

  const nick = textOf(queryFirst(row, S.buyerNick)) || valueAfter(row, ['买家昵称']);
  if (nick) order.buyerNick = nick;
  const status = statusText(queryFirst(row, S.orderStatus));
  if (status) order.status = status;

  // Lists: `¥129.00 (含快递:¥0.00)`; detail: `实付款：¥129.00` and `运费：¥0.00`.
  const money = amountWithShipping(row.textContent ?? '', ['含快递', '含运费']);
  if (money) {
    order.paidFen = money.paidFen;
    order.shippingFen = money.shippingFen;
  } else {
    const paidFen = yuanToFen(valueAfter(row, ['实付款', '实收款']));
    if (paidFen !== undefined) order.paidFen = paidFen;
    const shippingFen = yuanToFen(valueAfter(row, ['运费']));
    if (shippingFen !== undefined) order.shippingFen = shippingFen;
  }

  const title = textOf(queryFirst(row, S.itemTitle));
  if (title) order.itemTitle = title;
  const remark = queryFirst(row, S.remarkText);
  if (remark) order.remark = remark.textContent ?? '';
  const flagCode = flagCodeOf(queryFirst(row, S.flagIcon));
  if (flagCode !== undefined) order.flagCode = flagCode;
  const tags = distinctTexts(queryAll(row, S.orderTag));
  if (tags.length) order.tags = tags;
  return order;
}

/** The site's own 备注 entry of this row (a link to the memo page, or Qianniu's dialog button). */
function remarkEntry(row: Element): HTMLElement | null {
  return queryFirst<HTMLElement>(row, S.remarkButton);
}

/**
 * Checks the flag radio for `code` so the page's code sees it. Qianniu's Fusion radios (and
 * Tmall's) are React-controlled: a real click goes through React's event system. The old memo
 * page is plain: set `checked` and dispatch `change`. Never saves.
 */
export function selectTaobaoFlag(doc: Document, code: number): boolean {
  if (!Number.isInteger(code) || code < 0 || code > 5) return false;
  const radios = queryAll<HTMLInputElement>(doc, S.flagRadio);
  const radio =
    radios.find((r) => r.value === String(code)) ??
    doc.querySelector<HTMLInputElement>(`input[type="radio"]#flag${code}`);
  if (!radio) return false;
  if (radio.closest('form#form1')) {
    radio.checked = true;
    radio.dispatchEvent(new Event('input', { bubbles: true }));
    radio.dispatchEvent(new Event('change', { bubbles: true }));
  } else if (!radio.checked) {
    radio.click();
  }
  return true;
}

/** Messages of the open conversation in the chat-history page (read-only). */
export function readHistoryMessages(doc: Document): ChatMessageOnPage[] {
  return queryAll(doc, S.historyMessage).map((item) => {
    const from: ChatMessageOnPage['from'] = item.matches('[class*="from-buyer"]') ? 'buyer' : 'agent';
    const message: ChatMessageOnPage = {
      from,
      text: (item.querySelector('.msg-text')?.textContent ?? '').trim(),
    };
    const at = shanghaiIso(textOf(item.querySelector('.msg-time')));
    if (at) message.at = Date.parse(at);
    return message;
  });
}

export const taobaoAdapter: SiteAdapter = {
  id: 'taobao',
  platform: 'taobao',
  matchesHost: (url) => (TAOBAO_HOSTS as readonly string[]).includes(url.hostname),
  pageKind: (url) => taobaoPageKind(url),
  selectors: Object.values(S),
  orders: {
    orderRow: S.orderRow,
    readOrder: readTaobaoOrder,
    buttonAnchor: (row) => queryFirst(row, S.rowAnchor) ?? row.firstElementChild,
    remarkField: S.remarkField,
    // Old list and detail: the 备注 link opens the memo page (a new tab); Qianniu: the Fusion dialog.
    // On the memo page itself there is nothing to open.
    openRemarkDialog: (row) => {
      if (row.matches('form')) return;
      remarkEntry(row)?.click();
    },
    remarkOpensPage: (row) =>
      !row.matches('form') && !!remarkEntry(row)?.matches('a[href*="update_sell_memo.htm"]'),
    selectFlag: selectTaobaoFlag,
  },
};
