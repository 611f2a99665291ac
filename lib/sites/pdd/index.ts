import { queryAll, queryFirst } from '../selector';
import type { ChatMessageOnPage, ChatMessagesAdapter, OrderOnPage, PageKind, SiteAdapter } from '../types';
import { chatTimeMs, labelValue, shanghaiIso, textOf, yuanToFen } from './parse';
import { pddSelectors as S } from './selectors';

/**
 * Pinduoduo merchant back-office (mms.pinduoduo.com): orders and chat share one host.
 * Orders: /orders/list and /orders/detail?type=4399&sn=YYMMDD-… (one Vue SPA, pushState).
 * Chat: /chat-merchant/index.html#/… (Vue, hash routes).
 */
export const PDD_HOST = 'mms.pinduoduo.com';

/** Tag ids of the remark dialog's colour chips (research: 1 red … 5 purple; no gray). */
export const PDD_FLAG_NAMES: Readonly<Record<number, string>> = {
  1: '红色',
  2: '黄色',
  3: '绿色',
  4: '蓝色',
  5: '紫色',
};

const ORDER_SN = /\d{6}-\d{6,}/;

export function pddPageKind(url: URL): PageKind {
  if (url.hostname !== PDD_HOST) return 'unknown';
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/orders/list' || path.startsWith('/orders/list/')) return 'order-list';
  if (path === '/orders/detail' || path.startsWith('/orders/detail/')) return 'order-detail';
  // The chat is one document; its views are hash routes (#/, #/chat?uid=…). Only the history
  // search view (#/history…) is not a live conversation.
  if (path.startsWith('/chat-merchant')) {
    return /^#\/?history/i.test(url.hash) ? 'chat-history' : 'chat';
  }
  return 'unknown';
}

/** Column index by header text (`实收金额(元)` matches `实收金额`), or -1. */
function columnIndex(doc: Document, header: string): number {
  return queryAll(doc, S.columnHeader).findIndex((th) => textOf(th).startsWith(header));
}

/** The cell under `header` in the order's first goods line. */
function cell(row: Element, doc: Document, header: string, fallbackIndex: number): Element | undefined {
  const index = columnIndex(doc, header);
  const firstLine = row.querySelector('table tbody tr');
  if (!firstLine) return undefined;
  const cells = Array.from(firstLine.children).filter((c) => c.tagName === 'TD');
  return cells[index >= 0 ? index : fallbackIndex];
}

/** Text of an element's own text nodes only (a status cell also holds sub-lines). */
function ownText(el: Element | undefined): string {
  if (!el) return '';
  const first = el.firstElementChild ?? el;
  return Array.from(first.childNodes)
    .filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => n.textContent ?? '')
    .join('')
    .trim();
}

function flagCodeFromName(name: string): number | undefined {
  const n = name.trim().charAt(0);
  for (const [code, label] of Object.entries(PDD_FLAG_NAMES)) {
    if (label.startsWith(n)) return Number(code);
  }
  return undefined;
}

/** The document's URL, when it has one (a parsed fragment or about:blank gives none we use). */
function urlOf(doc: Document): URL | undefined {
  try {
    return doc.location ? new URL(doc.location.href) : undefined;
  } catch {
    return undefined;
  }
}

export function readPddOrder(row: Element, doc: Document): OrderOnPage | undefined {
  const url = urlOf(doc);
  const isDetail = url ? pddPageKind(url) === 'order-detail' : !!row.closest('.order-detail-wrapper');
  let orderId = ORDER_SN.exec(labelValue(row, ['订单编号：', '订单号：']) ?? '')?.[0];
  if (!orderId && isDetail) orderId = ORDER_SN.exec(url?.searchParams.get('sn') ?? '')?.[0];
  if (!orderId) return undefined;

  const order: OrderOnPage = { orderId };
  const created = shanghaiIso(labelValue(row, ['订单成交时间：']));
  if (created) order.createdAt = created;
  const paid = shanghaiIso(labelValue(row, ['支付时间：']));
  if (paid) order.paidAt = paid;
  const signed = shanghaiIso(labelValue(row, ['签收时间：']));
  if (signed) order.signedAt = signed;

  if (isDetail) {
    const status = labelValue(row, ['订单状态：']);
    if (status) order.status = status;
    const paidFen = yuanToFen(labelValue(row, ['实收金额：']));
    if (paidFen !== undefined) order.paidFen = paidFen;
    const nick = labelValue(row, ['买家昵称：']);
    if (nick) order.buyerNick = nick;
  } else {
    // List columns (U): 商品 | 订单状态 | 商品数量 | 商品总价 | 实收金额 | 收货人 | 买家 | 操作
    const status = ownText(cell(row, doc, '订单状态', 1));
    if (status) order.status = status;
    const paidFen = yuanToFen(textOf(cell(row, doc, '实收金额', 4)));
    if (paidFen !== undefined) order.paidFen = paidFen;
    const nick = ownText(cell(row, doc, '买家', 6));
    if (nick) order.buyerNick = nick;
  }
  const shippingFen = yuanToFen(labelValue(row, ['运费：', '(含运费：']));
  if (shippingFen !== undefined) order.shippingFen = shippingFen;

  const title = textOf(queryFirst(row, S.itemTitle));
  if (title) order.itemTitle = title;
  const remark = queryFirst(row, S.remarkText);
  if (remark) order.remark = remark.textContent ?? '';
  const flag = queryFirst(row, S.remarkFlag);
  const flagCode = flag ? flagCodeFromName(textOf(flag)) : undefined;
  if (flagCode !== undefined) order.flagCode = flagCode;
  const tags = queryAll(row, S.orderTag)
    .map((t) => textOf(t))
    .filter(Boolean);
  if (tags.length) order.tags = tags;
  return order;
}

/** The site's own 添加备注/修改备注 entry of this order (never its 确认 button). */
function remarkEntry(row: Element): HTMLElement | null {
  const bySelector = queryFirst<HTMLElement>(row, S.remarkButton);
  if (bySelector) return bySelector;
  return (
    Array.from(row.querySelectorAll<HTMLElement>('a, span, button')).find((el) =>
      /^(添加|修改)备注$/.test(textOf(el)),
    ) ?? null
  );
}

export function selectPddFlag(doc: Document, code: number): boolean {
  const chips = queryAll<HTMLElement>(doc, S.flagChip);
  if (!chips.length) return false;
  const active = chips.find((c) => c.classList.contains('active-tag'));
  if (code === 0) {
    // No gray on Pinduoduo: "no flag" means no chip selected; clicking the active chip clears it.
    if (active) active.click();
    return true;
  }
  const name = PDD_FLAG_NAMES[code];
  if (!name) return false;
  const chip = chips.find((c) => textOf(c).includes(name)) ?? chips[code - 1];
  if (!chip) return false;
  if (chip !== active) chip.click(); // Vue listens for click on the chip div itself
  return true;
}

/** A message `li` holds the shop's bubble (`.cs-item`) or the buyer's (`.buyer-item`). */
const pddMessages: ChatMessagesAdapter = {
  node: S.chatMessage,
  from: (li) =>
    li.querySelector('.cs-item') ? 'agent' : li.querySelector('.buyer-item') ? 'buyer' : undefined,
  read(li, now) {
    const body = li.querySelector('.msg-content-box') ?? li;
    const message: Omit<ChatMessageOnPage, 'from'> = { text: (body.textContent ?? '').trim() };
    const at = chatTimeMs(textOf(li.querySelector('.msg-time')), now);
    if (at !== undefined) message.at = at;
    return message;
  },
};

export const pddAdapter: SiteAdapter = {
  id: 'pdd',
  platform: 'pdd',
  matchesHost: (url) => url.hostname === PDD_HOST,
  pageKind: (url) => pddPageKind(url),
  selectors: Object.values(S),
  orders: {
    orderRow: S.orderRow,
    readOrder: readPddOrder,
    buttonAnchor: (row) => remarkEntry(row)?.parentElement ?? row.firstElementChild,
    remarkField: S.remarkField,
    openRemarkDialog: (row) => remarkEntry(row)?.click(),
    selectFlag: selectPddFlag,
  },
  chat: {
    input: S.chatInput,
    messageList: S.messageList,
    buyerNick: (doc) => textOf(queryFirst(doc, S.buyerNick)) || undefined,
    orderId: (doc) => {
      const card = queryFirst(doc, S.chatOrderCard);
      return card ? ORDER_SN.exec(labelValue(card, ['订单编号：', '订单号：']) ?? '')?.[0] : undefined;
    },
    itemTitle: (doc) => textOf(queryFirst(doc, S.chatOrderGoods)) || undefined,
    messages: pddMessages,
  },
};
