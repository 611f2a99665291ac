import { queryAll, queryFirst } from '../selector';
import type { ChatMessageOnPage, ChatMessagesAdapter, OrderOnPage, PageKind, SiteAdapter } from '../types';
import { chatTimeMs, labelValue, shanghaiIso, textOf, yuanToFen } from './parse';
import { douyinSelectors as S } from './selectors';

/**
 * Douyin: 抖店 (fxg.jinritemai.com: orders; it can also embed 飞鸽 in an iframe) and 飞鸽
 * (im.jinritemai.com: the seller chat workspace).
 */
export const DOUYIN_SHOP_HOST = 'fxg.jinritemai.com';
export const DOUYIN_IM_HOST = 'im.jinritemai.com';

/** Douyin star values (research): NOT Taobao's order. Keyed by the colour word the page shows. */
export const DOUYIN_FLAG_CODES: Readonly<Record<string, number>> = {
  灰: 0,
  紫: 1,
  青: 2,
  绿: 3,
  橙: 4,
  红: 5,
};

const ORDER_ID = /\d{16,20}/;

export function douyinPageKind(url: URL): PageKind {
  const path = url.pathname.replace(/\/+$/, '');
  if (url.hostname === DOUYIN_SHOP_HOST) {
    if (path === '/ffa/morder/order/list' || path.startsWith('/ffa/morder/order/list/')) return 'order-list';
    if (path === '/ffa/morder/order/detail' || path.startsWith('/ffa/morder/order/detail/'))
      return 'order-detail';
    // 抖店 pages that host the 飞鸽 workspace in an iframe (the chat itself runs in the frame).
    if (path === '/ffa/im' || path.startsWith('/ffa/im/')) return 'chat';
    return 'unknown';
  }
  if (url.hostname === DOUYIN_IM_HOST) {
    if (/^\/pc_seller(_v2)?\/main\/workspace(\/|$)/.test(path + '/')) return 'chat';
    return 'unknown';
  }
  return 'unknown';
}

/** Cell of an order card under the column whose header starts with `header`. */
function cell(row: Element, doc: Document, header: string, fallbackIndex: number): Element | undefined {
  const index = queryAll(doc, S.columnHeader).findIndex((th) => textOf(th).startsWith(header));
  const cells = queryAll(row, S.orderCell);
  return cells[index >= 0 ? index : fallbackIndex];
}

function flagCodeFromTitle(title: string | null | undefined): number | undefined {
  return title ? DOUYIN_FLAG_CODES[title.trim().charAt(0)] : undefined;
}

/** The document's URL, when it has one (a parsed fragment or about:blank gives none we use). */
function urlOf(doc: Document): URL | undefined {
  try {
    return doc.location ? new URL(doc.location.href) : undefined;
  } catch {
    return undefined;
  }
}

export function readDouyinOrder(row: Element, doc: Document): OrderOnPage | undefined {
  const url = urlOf(doc);
  const isDetail = url ? douyinPageKind(url) === 'order-detail' : !row.hasAttribute('data-row-key');
  let orderId = ORDER_ID.exec(row.getAttribute('data-row-key') ?? '')?.[0];
  orderId ??= ORDER_ID.exec(labelValue(row, ['订单编号：', '订单号：']) ?? '')?.[0];
  if (!orderId && isDetail) orderId = ORDER_ID.exec(url?.searchParams.get('id') ?? '')?.[0];
  if (!orderId) return undefined;

  const order: OrderOnPage = { orderId };
  const created = shanghaiIso(labelValue(row, ['下单时间：']));
  if (created) order.createdAt = created;
  const paidAt = shanghaiIso(labelValue(row, ['支付时间：']));
  if (paidAt) order.paidAt = paidAt;
  const signed = shanghaiIso(labelValue(row, ['签收时间：']));
  if (signed) order.signedAt = signed;

  if (isDetail) {
    const status = labelValue(row, ['订单状态：']);
    if (status) order.status = status;
    const paidFen = yuanToFen(labelValue(row, ['实付金额：']));
    if (paidFen !== undefined) order.paidFen = paidFen;
    const nick = labelValue(row, ['买家昵称：']);
    if (nick) order.buyerNick = nick;
  } else {
    // Columns: 商品 | 单价/数量 | 实付金额 | 收件信息 | 订单状态 | 售后 | 操作
    const status = textOf(cell(row, doc, '订单状态', 4)?.firstElementChild);
    if (status) order.status = status;
    const paidFen = yuanToFen(textOf(cell(row, doc, '实付金额', 2)?.firstElementChild));
    if (paidFen !== undefined) order.paidFen = paidFen;
    const nick = labelValue(row, ['买家：']);
    if (nick) order.buyerNick = nick;
  }
  const shippingFen = yuanToFen(labelValue(row, ['运费：', '含运费：']));
  if (shippingFen !== undefined) order.shippingFen = shippingFen;

  const title = textOf(queryFirst(row, S.itemTitle));
  if (title) order.itemTitle = title;
  const remark = queryFirst(row, S.remarkText);
  if (remark) order.remark = remark.textContent ?? '';
  const flagCode = flagCodeFromTitle(queryFirst(row, S.remarkFlag)?.getAttribute('title'));
  if (flagCode !== undefined) order.flagCode = flagCode;
  const tags = queryAll(row, S.orderTag)
    .map((t) => textOf(t))
    .filter(Boolean);
  if (tags.length) order.tags = tags;
  return order;
}

/** Clicks the star radio the way React sees it: a real click on the input it listens to. */
export function selectDouyinFlag(doc: Document, code: number): boolean {
  if (!Number.isInteger(code) || code < 0 || code > 5) return false;
  const radio = queryAll<HTMLInputElement>(doc, S.flagRadio).find((r) => r.value === String(code));
  if (!radio) return false;
  if (!radio.checked) radio.click();
  return true;
}

/** 飞鸽's wrappers say whose message it is (`messageIsMe` / `messageNotMe`); the rest is hashed. */
const douyinMessages: ChatMessagesAdapter = {
  node: S.chatMessage,
  from: (wrapper) =>
    wrapper.classList.contains('messageIsMe')
      ? 'agent'
      : wrapper.classList.contains('messageNotMe')
        ? 'buyer'
        : undefined,
  read(wrapper, now) {
    // Hashed classes rotate: the text is the <pre> of the bubble, else the wrapper's text.
    const body = wrapper.querySelector('pre') ?? wrapper;
    const message: Omit<ChatMessageOnPage, 'from'> = { text: (body.textContent ?? '').trim() };
    const timeLeaf = Array.from(wrapper.querySelectorAll('span')).find((s) =>
      /^\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2}\s+)?\d{1,2}:\d{2}(:\d{2})?\s*$/.test(s.textContent ?? ''),
    );
    const at = chatTimeMs(textOf(timeLeaf), now);
    if (at !== undefined) message.at = at;
    return message;
  },
};

export const douyinAdapter: SiteAdapter = {
  id: 'douyin',
  platform: 'douyin',
  matchesHost: (url) => url.hostname === DOUYIN_SHOP_HOST || url.hostname === DOUYIN_IM_HOST,
  pageKind: (url) => douyinPageKind(url),
  selectors: Object.values(S),
  orders: {
    orderRow: S.orderRow,
    readOrder: readDouyinOrder,
    buttonAnchor: (row) => queryFirst(row, S.remarkButton)?.parentElement ?? row.firstElementChild,
    remarkField: S.remarkField,
    // The flag button is the site's own entry to its remark modal (never its 确定 button).
    openRemarkDialog: (row) => queryFirst<HTMLElement>(row, S.remarkButton)?.click(),
    selectFlag: selectDouyinFlag,
  },
  chat: {
    input: S.chatInput,
    messageList: S.messageList,
    buyerNick: (doc) => {
      const header = queryFirst(doc, S.buyerNick);
      if (!header) return undefined;
      // The header holds the nick first, then tags and the entry source.
      return (
        textOf(header.querySelector('[class*="nick"]') ?? header.firstElementChild ?? header) || undefined
      );
    },
    orderId: (doc) => {
      const card = queryFirst(doc, S.chatOrderCard);
      return card ? ORDER_ID.exec(labelValue(card, ['订单编号：', '订单号：']) ?? '')?.[0] : undefined;
    },
    itemTitle: (doc) => textOf(queryFirst(doc, S.chatOrderGoods)) || undefined,
    messages: douyinMessages,
  },
};
