import { selector } from '../selector';

/**
 * JD selectors. The first alternative that matches anything wins: each layout's selector first,
 * structural fallbacks last. Sources:
 * - R: shared/research/seller-pages.md (public automation code, read 2026-11-22) — 咚咚 chat;
 * - D: the demo back-office's reconstruction (tests/fixtures/demo/jd): no public source shows the
 *   order lists' markup, only their URLs and remark levels;
 * - S: structural fallbacks.
 * Layouts: old order list (porder.shop.jd.com, plain JS), new order list (shop.jd.com/jdm, a Vue
 * micro-app in an iframe), 咚咚 web chat (dongdong.jd.com).
 */
const SEEN = '2026-11-22';

export const jdSelectors = {
  // ---- orders ----
  orderRow: selector(
    'orderRow',
    { css: '#orderList > table.order-tb', seen: SEEN, why: 'D: old list, one table per order' },
    { css: '.order-list > .jdm-order-card', seen: SEEN, why: 'D: new list micro-app, one card per order' },
    {
      css: 'table[id^="order-"]:has(.order-hd)',
      seen: SEEN,
      why: 'S: old list, a table with an order header row',
    },
    {
      css: '[data-order-id]:has(.jdm-remark-btn)',
      seen: SEEN,
      why: 'S: new list, a block carrying its order id',
    },
  ),
  rowAnchor: selector(
    'rowAnchor',
    { css: '#orderList .order-hd > td', seen: SEEN, why: 'D: old list, the 订单编号/下单时间 header cell' },
    { css: '.jdm-order-card__head', seen: SEEN, why: 'D: new list, the card header' },
  ),
  buyerNick: selector('buyerNick', {
    css: '.buyer-pin',
    seen: SEEN,
    why: 'D: buyer account (pin) in the order header, both lists',
  }),
  itemTitle: selector(
    'itemTitle',
    { css: '.order-bd .p-name', seen: SEEN, why: 'D: old list, one name per item' },
    { css: '.jdm-order-card .goods-name', seen: SEEN, why: 'D: new list, one name per item' },
  ),
  orderStatus: selector(
    'orderStatus',
    { css: '.o-status > b', seen: SEEN, why: 'D: old list, 订单状态 cell' },
    { css: '.jdm-order-card .status > b', seen: SEEN, why: 'D: new list, status column' },
  ),
  orderTag: selector(
    'orderTag',
    { css: '.o-tags > span', seen: SEEN, why: 'D: old list, service tags (7天无理由退货, 运费险)' },
    { css: '.goods-tags > span', seen: SEEN, why: 'D: new list, service tags' },
  ),
  remarkText: selector(
    'remarkText',
    {
      css: '.order-remark .remark-text',
      seen: SEEN,
      why: 'D: old list, 商家备注 as shown (always present, may be empty)',
    },
    {
      css: '.jdm-order-card__remark .remark-text',
      seen: SEEN,
      why: 'D: new list, shown only when there is a remark',
    },
  ),
  remarkLevel: selector(
    'remarkLevel',
    {
      css: '.order-remark [class*="remark-flag-"]',
      seen: SEEN,
      why: 'D: old list, level flag (class remark-flag-N)',
    },
    {
      css: '.jdm-order-card__head [class*="level-flag-"]',
      seen: SEEN,
      why: 'D: new list, level flag (class level-flag-N)',
    },
  ),
  remarkButton: selector(
    'remarkButton',
    { css: 'a.btn-remark', seen: SEEN, why: 'D: old list, the 备注 button that opens the plain-JS dialog' },
    {
      css: 'button.jdm-remark-btn',
      seen: SEEN,
      why: 'D: new list, the 备注 button that opens the Vue dialog',
    },
    { css: '[data-order-id][class*="remark"]', seen: SEEN, why: 'S: a remark control carrying the order id' },
  ),
  // ---- the remark dialog ----
  remarkDialog: selector(
    'remarkDialog',
    { css: '#remarkDialog', seen: SEEN, why: 'D: old list dialog, built on open and removed on close' },
    { css: '.remark-dialog', seen: SEEN, why: 'D: new list dialog (Vue)' },
    { css: '[role="dialog"]:has(textarea)', seen: SEEN, why: 'S: any dialog holding a textarea' },
  ),
  remarkField: selector(
    'remarkField',
    { css: '#remarkDialog textarea#remarkContent', seen: SEEN, why: 'D: old list dialog textarea (plain)' },
    { css: '.remark-dialog textarea', seen: SEEN, why: 'D: new list dialog textarea (Vue v-model)' },
    { css: '[role="dialog"] textarea', seen: SEEN, why: 'S: the textarea of an open dialog' },
  ),
  flagRadio: selector(
    'flagRadio',
    {
      css: '#remarkDialog input[type="radio"][name="remarkLevel"]',
      seen: SEEN,
      why: 'D: old list, level radios 0–5 (plain)',
    },
    {
      css: '.remark-dialog input[type="radio"]',
      seen: SEEN,
      why: 'D: new list, level radios 0–5 (Vue v-model)',
    },
    { css: '[role="dialog"] input[type="radio"]', seen: SEEN, why: 'S: radios of an open dialog' },
  ),
  microAppFrame: selector(
    'microAppFrame',
    { css: 'iframe#micro-app-order', seen: SEEN, why: 'D: new list shell, the order micro-app frame' },
    { css: 'iframe[src*="/jdm/micro/"]', seen: SEEN, why: 'S: any jdm micro-app frame' },
  ),
  // ---- 咚咚 chat ----
  chatInput: selector(
    'chatInput',
    {
      css: '.EditorContent[contenteditable="true"]',
      seen: SEEN,
      why: 'R: 咚咚 reply editor (contenteditable)',
    },
    {
      css: '#t-chat-scroll ~ * [contenteditable="true"]',
      seen: SEEN,
      why: 'S: the editable below the message list',
    },
  ),
  chatBuyer: selector('chatBuyer', {
    css: '.chat-head-name > span',
    seen: SEEN,
    why: 'R: buyer name in the conversation header',
  }),
  chatMessage: selector(
    'chatMessage',
    { css: '#t-chat-scroll .message', seen: SEEN, why: 'R: one node per message' },
    {
      css: '#t-chat-scroll [class*="message_left"], #t-chat-scroll [class*="message_right"]',
      seen: SEEN,
      why: 'S: buyer/agent message blocks',
    },
  ),
  chatMessageList: selector('chatMessageList', {
    css: '#t-chat-scroll',
    seen: SEEN,
    why: 'R: the scrolling message list; new messages are appended here',
  }),
  chatSendButton: selector('chatSendButton', {
    css: '.SendButtonGroup > .send-button',
    seen: SEEN,
    why: 'R: the site send button — only to place our UI near it; we never click it',
  }),
  chatOrder: selector(
    'chatOrder',
    {
      css: '.order-panel .order-item.current',
      seen: SEEN,
      why: 'D: side panel, the order the conversation is about',
    },
    { css: '.order-panel .order-item', seen: SEEN, why: 'S: side panel, the first order listed' },
  ),
  chatOrderGoods: selector(
    'chatOrderGoods',
    {
      css: '.order-panel .order-item.current .goods-name',
      seen: SEEN,
      why: 'D: side panel, the product of that order',
    },
    { css: '.order-panel .order-item .goods-name', seen: SEEN, why: 'S: side panel, a product name' },
  ),
};

export type JdSelectorName = keyof typeof jdSelectors;
