import { selector } from '../selector';

/**
 * Douyin selectors, newest first: 抖店 orders (fxg.jinritemai.com, React + "auxo" UI inside a
 * Garfish micro-frontend) and 飞鸽 chat (im.jinritemai.com). Sources:
 * - R: shared/research/seller-pages.md (public automation code, read 2026-11-22);
 * - S: structural fallbacks. 抖店 classes are CSS-module hashes (`index_orderCard__3kP9x`), matched by
 *   their stable local-name prefix; 飞鸽 rotates its hashes every few weeks, so chat selectors lean on
 *   data-qa-id, ids and the messageIsMe/NotMe classes only.
 */
const SEEN = '2026-11-22';

export const douyinSelectors = {
  // ---- 抖店 orders ----
  orderRow: selector(
    'orderRow',
    {
      css: '.auxo-table-row-level-0[data-row-key]',
      seen: SEEN,
      why: 'R: one auxo table row per order, key = order id',
    },
    {
      css: '[class*="orderDetail_container__"]',
      seen: SEEN,
      why: 'order detail page: the single order (demo structure, inferred)',
    },
    { css: 'tr[data-row-key]', seen: SEEN, why: 'S: any keyed table row (auxo/antd)' },
  ),
  columnHeader: selector(
    'columnHeader',
    { css: '.auxo-table-thead th', seen: SEEN, why: 'R-family: auxo table header cells' },
    { css: 'thead th', seen: SEEN, why: 'S: any table header cell' },
  ),
  orderCell: selector(
    'orderCell',
    {
      css: '[class*="index_cardBody__"] > div',
      seen: SEEN,
      why: 'one cell per column inside the order card (inferred)',
    },
    {
      css: 'tr[data-row-key] > td > div > div:nth-child(2) > div',
      seen: SEEN,
      why: 'S: second block of the card (header, body, remark)',
    },
  ),
  itemTitle: selector(
    'itemTitle',
    {
      css: '[class*="index_productTitle__"]',
      seen: SEEN,
      why: 'product title in the card (hashed, inferred)',
    },
    { css: '[class*="productTitle"]', seen: SEEN, why: 'S: any module named productTitle' },
  ),
  orderTag: selector(
    'orderTag',
    { css: '[class*="index_serviceTag__"]', seen: SEEN, why: 'service tags (运费险, 7天无理由, inferred)' },
    { css: '[class*="serviceTag"]', seen: SEEN, why: 'S: any module named serviceTag' },
  ),
  remarkButton: selector(
    'remarkButton',
    {
      css: 'div[data-guide="flag"]',
      seen: SEEN,
      why: "R: the order's flag/remark button (opens the remark modal)",
    },
    { css: '[class*="flagBtn"]', seen: SEEN, why: 'S: module named flagBtn' },
  ),
  remarkFlag: selector(
    'remarkFlag',
    {
      css: 'div[data-guide="flag"] [title$="旗"]',
      seen: SEEN,
      why: 'flag icon inside the flag button, title 红旗… (inferred)',
    },
    { css: '[class*="flagIcon"][title$="旗"]', seen: SEEN, why: 'S: flag icon by its title' },
  ),
  remarkText: selector(
    'remarkText',
    { css: '[class*="index_remarkText__"]', seen: SEEN, why: 'existing 商家备注 text (hashed, inferred)' },
    { css: '[class*="remarkText"]', seen: SEEN, why: 'S: any module named remarkText' },
  ),
  remarkField: selector(
    'remarkField',
    {
      css: 'textarea#seller_words',
      seen: SEEN,
      why: 'R: the remark modal textarea (React-controlled, ≤ 60 chars)',
    },
    { css: '.auxo-modal textarea', seen: SEEN, why: 'S: the textarea of the open auxo modal' },
  ),
  flagRadio: selector(
    'flagRadio',
    { css: '.auxo-radio-input', seen: SEEN, why: 'R: star radios .auxo-radio-input[value=0..5]' },
    { css: '.auxo-modal input[type="radio"]', seen: SEEN, why: 'S: radios of the open auxo modal' },
  ),

  // ---- 飞鸽 chat ----
  chatInput: selector(
    'chatInput',
    {
      css: 'textarea[data-qa-id="qa-send-message-textarea"]',
      seen: SEEN,
      why: 'R: reply box (React-controlled)',
    },
    {
      css: 'textarea[placeholder*="发送"]',
      seen: SEEN,
      why: 'S: the textarea whose placeholder explains sending',
    },
  ),
  chatMessage: selector(
    'chatMessage',
    {
      css: '[data-qa-id="qa-message-warpper"]',
      seen: SEEN,
      why: 'R: one wrapper per message (sic "warpper")',
    },
    { css: '.messageIsMe, .messageNotMe', seen: SEEN, why: 'R: the side classes survive hash rotation' },
  ),
  messageList: selector(
    'messageList',
    {
      css: 'div:has(> [data-qa-id="qa-message-warpper"])',
      seen: SEEN,
      why: 'S: the parent of the message wrappers (its own class is a rotating hash)',
    },
    {
      css: 'div:has(> .messageIsMe, > .messageNotMe)',
      seen: SEEN,
      why: 'S: the parent of the side-classed messages',
    },
  ),
  buyerNick: selector(
    'buyerNick',
    { css: '#topbar-left-info', seen: SEEN, why: 'R: conversation header, nick first' },
    {
      css: '[data-qa-id="qa-conversation-chat-item"][class*="active"]',
      seen: SEEN,
      why: 'S: the selected conversation',
    },
  ),
  conversation: selector(
    'conversation',
    { css: '[data-qa-id="qa-conversation-chat-item"]', seen: SEEN, why: 'R: one per conversation' },
    {
      css: '[data-qa-id*="conversation"][data-qa-id*="item"]',
      seen: SEEN,
      why: 'S: renamed conversation items',
    },
  ),
  chatOrderCard: selector(
    'chatOrderCard',
    {
      css: '[class*="orderCard_card__"]',
      seen: SEEN,
      why: "order card in the right panel (hash rotates, local name doesn't; inferred)",
    },
    { css: 'aside [class*="orderCard"]', seen: SEEN, why: 'S: an order card in a side column' },
  ),
  chatOrderGoods: selector(
    'chatOrderGoods',
    {
      css: '[class*="orderCard_title__"]',
      seen: SEEN,
      why: 'product title inside the order card (inferred)',
    },
    {
      css: '[class*="orderCard_"] [class*="_title__"]',
      seen: SEEN,
      why: 'S: a title module inside the card',
    },
  ),
};
