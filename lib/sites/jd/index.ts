import { queryAll, queryFirst } from '../selector';
import type { ChatMessageOnPage, ChatMessagesAdapter, OrderOnPage, PageKind, SiteAdapter } from '../types';
import {
  amountWithShipping,
  chatTimeMs,
  distinctTexts,
  shanghaiIso,
  textOf,
  valueAfter,
  yuanToFen,
} from './parse';
import { jdSelectors as S } from './selectors';

/**
 * JD seller pages (shared/research/seller-pages.md):
 * - porder.shop.jd.com/order/orderlist/… — old order list (plain JS);
 * - shop.jd.com/jdm/trade/orders/order-list?tabType=… — new list, a shell whose orders are a
 *   micro-app in an iframe on shop.jd.com/jdm/micro/… (the content script runs in all frames);
 * - dongdong.jd.com — 咚咚 web chat (contenteditable editor; Enter sends).
 */
export const JD_HOSTS = ['porder.shop.jd.com', 'shop.jd.com', 'dongdong.jd.com'] as const;

/** 商家备注 levels (research): 0 gray, 1 red, 2 yellow, 3 green, 4 blue, 5 purple. */
export const JD_REMARK_LEVEL_NAMES: Readonly<Record<number, string>> = {
  0: '灰色',
  1: '红色',
  2: '黄色',
  3: '绿色',
  4: '蓝色',
  5: '紫色',
};

/** JD order ids: 9–14 digits. */
const ORDER_ID = /\d{9,14}/;

export function jdPageKind(url: URL): PageKind {
  const path = url.pathname;
  switch (url.hostname) {
    case 'porder.shop.jd.com':
      if (path.startsWith('/order/orderlist')) return 'order-list';
      if (/^\/order\/orderDetail/i.test(path)) return 'order-detail'; // inferred
      return 'unknown';
    case 'shop.jd.com':
      if (path.startsWith('/jdm/trade/orders/order-list') || path.startsWith('/jdm/micro/order-list')) {
        return 'order-list';
      }
      if (path.startsWith('/jdm/trade/orders/order-detail')) return 'order-detail'; // inferred
      return 'unknown';
    case 'dongdong.jd.com':
      return 'chat';
    default:
      return 'unknown';
  }
}

function levelOf(icon: Element | null): number | undefined {
  if (!icon) return undefined;
  const m = /(?:remark|level)-flag-(\d)\b/.exec(icon.getAttribute('class') ?? '');
  if (m) return Number(m[1]);
  const title = (icon.getAttribute('title') ?? '').trim();
  for (const [code, name] of Object.entries(JD_REMARK_LEVEL_NAMES))
    if (title && name === title) return Number(code);
  return undefined;
}

export function readJdOrder(row: Element): OrderOnPage | undefined {
  const orderId =
    ORDER_ID.exec(valueAfter(row, ['订单编号', '订单号']) ?? '')?.[0] ??
    ORDER_ID.exec(row.getAttribute('data-order-id') ?? '')?.[0];
  if (!orderId) return undefined;
  const order: OrderOnPage = { orderId };

  const created = shanghaiIso(valueAfter(row, ['下单时间']));
  if (created) order.createdAt = created;
  const paid = shanghaiIso(valueAfter(row, ['付款时间', '支付时间']));
  if (paid) order.paidAt = paid;
  const signed = shanghaiIso(valueAfter(row, ['签收/完成时间', '签收时间', '完成时间']));
  if (signed) order.signedAt = signed;

  const nick = textOf(queryFirst(row, S.buyerNick)) || valueAfter(row, ['买家账号', '买家']);
  if (nick) order.buyerNick = nick;
  const status = textOf(queryFirst(row, S.orderStatus));
  if (status) order.status = status;

  // `¥199.00 (含运费：¥0.00)`; else labelled 应付金额 / 运费.
  const money = amountWithShipping(row.textContent ?? '', ['含运费']);
  if (money) {
    order.paidFen = money.paidFen;
    order.shippingFen = money.shippingFen;
  } else {
    const paidFen = yuanToFen(valueAfter(row, ['应付金额', '实付金额']));
    if (paidFen !== undefined) order.paidFen = paidFen;
    const shippingFen = yuanToFen(valueAfter(row, ['运费']));
    if (shippingFen !== undefined) order.shippingFen = shippingFen;
  }

  const title = textOf(queryFirst(row, S.itemTitle));
  if (title) order.itemTitle = title;
  const remark = queryFirst(row, S.remarkText);
  if (remark) order.remark = remark.textContent ?? '';
  const level = levelOf(queryFirst(row, S.remarkLevel));
  if (level !== undefined) order.flagCode = level;
  const tags = distinctTexts(queryAll(row, S.orderTag));
  if (tags.length) order.tags = tags;
  return order;
}

/**
 * Checks the level radio for `code` in the open remark dialog, so the page's code sees it: the
 * new list's Vue radios get a real click (v-model listens to its change event); the old list's
 * plain radios get `checked` and a `change` event. Never saves.
 */
export function selectJdLevel(doc: Document, code: number): boolean {
  if (!Number.isInteger(code) || code < 0 || code > 5) return false;
  const radio = queryAll<HTMLInputElement>(doc, S.flagRadio).find((r) => r.value === String(code));
  if (!radio) return false;
  if (radio.closest('#remarkDialog')) {
    radio.checked = true;
    radio.dispatchEvent(new Event('input', { bubbles: true }));
    radio.dispatchEvent(new Event('change', { bubbles: true }));
  } else if (!radio.checked) {
    radio.click();
  }
  return true;
}

/** 咚咚's bubbles: `message_right` is the shop's side, `message_left` the buyer's. */
const jdMessages: ChatMessagesAdapter = {
  node: S.chatMessage,
  from(node) {
    const cls = node.getAttribute('class') ?? '';
    return /\bmessage_right\b/.test(cls) ? 'agent' : /\bmessage_left\b/.test(cls) ? 'buyer' : undefined;
  },
  read(node, now) {
    const message: Omit<ChatMessageOnPage, 'from'> = {
      text: (node.querySelector('.message__content')?.textContent ?? '').trim(),
    };
    const at = chatTimeMs(textOf(node.querySelector('.message__time_str')), now);
    if (at !== undefined) message.at = at;
    return message;
  },
};

export const jdAdapter: SiteAdapter = {
  id: 'jd',
  platform: 'jd',
  matchesHost: (url) => (JD_HOSTS as readonly string[]).includes(url.hostname),
  pageKind: (url) => jdPageKind(url),
  selectors: Object.values(S),
  orders: {
    orderRow: S.orderRow,
    readOrder: (row) => readJdOrder(row),
    buttonAnchor: (row) => queryFirst(row, S.rowAnchor) ?? row.firstElementChild,
    remarkField: S.remarkField,
    openRemarkDialog: (row) => queryFirst<HTMLElement>(row, S.remarkButton)?.click(),
    selectFlag: selectJdLevel,
  },
  chat: {
    input: S.chatInput,
    messageList: S.chatMessageList,
    buyerNick: (doc) => textOf(queryFirst(doc, S.chatBuyer)) || undefined,
    orderId: (doc) => {
      const card = queryFirst(doc, S.chatOrder);
      return card ? ORDER_ID.exec(valueAfter(card, ['订单号', '订单编号']) ?? '')?.[0] : undefined;
    },
    itemTitle: (doc) => textOf(queryFirst(doc, S.chatOrderGoods)) || undefined,
    messages: jdMessages,
  },
};
