import { selector } from '../selector';

/**
 * Pinduoduo (mms.pinduoduo.com) selectors, newest first. Sources:
 * - R: shared/research/seller-pages.md (public automation code, read 2026-11-22);
 * - U: public userscript "同步pdd订单信息到服务器" (greasyfork 420453), order list/detail DOM;
 * - S: structural fallbacks that survive the versioned class names (`TB_…_5-72-0`) rotating.
 */
const SEEN = '2026-11-22';

export const pddSelectors = {
  // ---- orders ----
  orderRow: selector(
    'orderRow',
    { css: '.package-center-table > div', seen: SEEN, why: 'U: each order is a div child of the list table' },
    {
      css: '#mf-mms-orders-container .order-detail-wrapper',
      seen: SEEN,
      why: 'order detail page: the single order (demo structure, inferred)',
    },
    {
      css: 'div:has(> table[class*="TB_tableWrapper"] > tbody > tr > td)',
      seen: SEEN,
      why: 'S: the div whose own beast-core table holds the order lines',
    },
  ),
  columnHeader: selector(
    'columnHeader',
    { css: '.package-center-table > table th', seen: SEEN, why: 'U: one header table above the order divs' },
    { css: 'table[class*="TB_tableWrapper"] > thead th', seen: SEEN, why: 'S: any beast-core table header' },
  ),
  itemTitle: selector(
    'itemTitle',
    {
      css: '.goods-record-container > div > :first-child',
      seen: SEEN,
      why: 'U: goods name is the first line next to the thumbnail',
    },
    { css: 'td:first-child img + div > :first-child', seen: SEEN, why: 'S: first line beside the picture' },
  ),
  orderTag: selector(
    'orderTag',
    {
      css: '.goods-record-container .order-tag',
      seen: SEEN,
      why: 'service tags under the goods (退货包运费…, inferred)',
    },
    {
      css: 'td:first-child [class*="tag"]:not([class*="remark"])',
      seen: SEEN,
      why: 'S: tag chips in the goods cell',
    },
  ),
  remarkButton: selector(
    'remarkButton',
    {
      css: '.order-remark-entry',
      seen: SEEN,
      why: 'the 添加备注/修改备注 link in the order header (inferred)',
    },
    {
      css: '.package-center-table > div > div:first-child > div:last-child > a:first-child',
      seen: SEEN,
      why: 'S: first link on the right of the order header',
    },
  ),
  remarkText: selector(
    'remarkText',
    { css: '.order-remark-content', seen: SEEN, why: 'existing 商家备注 text (inferred)' },
    { css: '[class*="remark"] > [class*="content"]', seen: SEEN, why: 'S: content part of a remark block' },
  ),
  remarkFlag: selector(
    'remarkFlag',
    {
      css: '.order-remark-tag',
      seen: SEEN,
      why: 'colour tag shown before the remark, text 红色…紫色 (inferred)',
    },
    { css: '[class*="remark"] > [class*="tag"]', seen: SEEN, why: 'S: tag part of a remark block' },
  ),
  remarkField: selector(
    'remarkField',
    {
      css: 'textarea[placeholder="订单备注由商家添加，仅平台客服和商家可见"]',
      seen: SEEN,
      why: 'R: the remark dialog textarea, by its placeholder',
    },
    {
      css: '[data-testid="beast-core-modal"] textarea',
      seen: SEEN,
      why: 'S: the textarea of the open beast-core modal',
    },
  ),
  flagChip: selector(
    'flagChip',
    {
      css: 'div[class*=tag-wraper]',
      seen: SEEN,
      why: 'R: flag chips (real misspelling), selected has active-tag',
    },
    {
      css: '[data-testid="beast-core-modal"] [class*="tag-list"] > div',
      seen: SEEN,
      why: 'S: children of the modal tag list',
    },
  ),

  // ---- chat (chat-merchant, Vue) ----
  chatInput: selector(
    'chatInput',
    { css: 'textarea#replyTextarea', seen: SEEN, why: 'R: reply box (Vue v-model)' },
    { css: '.reply-box textarea', seen: SEEN, why: 'S: the textarea of the reply box' },
  ),
  chatMessage: selector(
    'chatMessage',
    { css: '#msgListContainer li.onemsg', seen: SEEN, why: 'R: one li per message' },
    {
      css: 'li:has(> .buyer-item, > .cs-item)',
      seen: SEEN,
      why: 'S: list items holding a buyer/agent bubble',
    },
  ),
  messageList: selector(
    'messageList',
    { css: '#msgListContainer', seen: SEEN, why: 'R: the thread container' },
    { css: 'ul:has(> li.onemsg)', seen: SEEN, why: 'S: the list holding the messages' },
  ),
  buyerNick: selector(
    'buyerNick',
    { css: '.chatWindowHeader .base-info .name', seen: SEEN, why: 'R: open conversation header' },
    { css: '.chat-item-box.active .nickname-span', seen: SEEN, why: 'S: the selected session in the list' },
  ),
  chatSession: selector(
    'chatSession',
    { css: '.chat-item-box', seen: SEEN, why: 'R: one per session, masked .nickname-span inside' },
    { css: 'li:has(.nickname-span)', seen: SEEN, why: 'S: session items by their nickname span' },
  ),
  chatOrderCard: selector(
    'chatOrderCard',
    {
      css: '.order-info-panel .order-card',
      seen: SEEN,
      why: "side card with the buyer's current order (inferred)",
    },
    { css: '.right-panel [class*="order-card"]', seen: SEEN, why: 'S: order card in the right panel' },
  ),
  chatOrderGoods: selector(
    'chatOrderGoods',
    {
      css: '.order-info-panel .order-card .goods-name',
      seen: SEEN,
      why: 'product title in the side card (inferred)',
    },
    {
      css: '[class*="order-card"] [class*="goods-name"]',
      seen: SEEN,
      why: 'S: goods name inside an order card',
    },
  ),
};
