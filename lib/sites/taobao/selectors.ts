import { selector } from '../selector';

/**
 * Taobao / Tmall / Qianniu web selectors. One list per name; the first alternative that matches
 * anything wins, so alternatives are ordered: the research's selectors for each layout first,
 * structural fallbacks last. Sources:
 * - R: shared/research/seller-pages.md (public automation code, read 2026-11-22);
 * - D: the demo back-office's reconstruction (tests/fixtures/demo/taobao), where no public source
 *   shows the exact markup — inferred from the research's naming (CSS-module hashes, Fusion);
 * - S: structural fallbacks that survive hashed class names rotating.
 * Layouts: old sold list (trade.taobao.com list_sold_items.htm), order detail (tradeItemDetail.htm),
 * memo page (update_sell_memo.htm), Qianniu web (myseller/qn.taobao.com home.htm/…, React + Fusion).
 */
const SEEN = '2026-11-22';

export const taobaoSelectors = {
  // ---- orders ----
  orderRow: selector(
    'orderRow',
    {
      css: '#sold_container .trade-order-main',
      seen: SEEN,
      why: 'R: old sold list, one .trade-order-main table per order',
    },
    {
      css: 'div.next-table-body > table',
      seen: SEEN,
      why: 'R: Qianniu: each parent order is a Fusion next-table whose body table starts with the order header row',
    },
    { css: '#detail-panel', seen: SEEN, why: 'D: order detail page, the single order' },
    {
      css: 'form#form1:has(textarea#memo)',
      seen: SEEN,
      why: 'R: memo page, the plain form is the single order',
    },
    {
      css: '#sold_container table:has([class*="buyer-mod__name"])',
      seen: SEEN,
      why: 'S: old list, a table in the sold container that holds a buyer name',
    },
    {
      css: 'div.next-table table:has(> tbody > tr:first-child > td[colspan])',
      seen: SEEN,
      why: 'S: Qianniu, a Fusion table whose first row is one full-width header cell',
    },
  ),
  rowAnchor: selector(
    'rowAnchor',
    {
      css: '#sold_container [class^="bought-wrapper-mod__head-info-cell"]',
      seen: SEEN,
      why: 'R/D: old list, the header cell with 订单号/创建时间',
    },
    {
      css: 'div.next-table-body > table > tbody > tr:first-child .order-head',
      seen: SEEN,
      why: 'D: Qianniu, the order header row',
    },
    { css: '[class^="memo-mod__detail-memo"]', seen: SEEN, why: 'D: detail page, the seller memo box' },
    { css: 'form#form1 .memo-box', seen: SEEN, why: 'D: memo page, around the textarea' },
    {
      css: '#sold_container table > tbody:first-of-type > tr > td:first-child',
      seen: SEEN,
      why: 'S: old list, first cell of the order header',
    },
  ),
  buyerNick: selector(
    'buyerNick',
    {
      css: 'a[class^="buyer-mod__name"]',
      seen: SEEN,
      why: 'R: old list, CSS-module hashed class matched by prefix',
    },
    { css: '[class*="_buyerNick_"]', seen: SEEN, why: 'D: Qianniu, buyer nick in the order header' },
    {
      css: '[class*="buyer-mod__name"]',
      seen: SEEN,
      why: 'S: old list, the hashed class not first on the element',
    },
  ),
  itemTitle: selector(
    'itemTitle',
    { css: '[class^="suborder-mod__title"]', seen: SEEN, why: 'D: old list, one title per sub-order' },
    { css: '[class*="_itemTitle_"]', seen: SEEN, why: 'D: Qianniu, one title per sub-order' },
    { css: '[class^="item-mod__title"]', seen: SEEN, why: 'D: detail page, item titles' },
    { css: '[class*="suborder-mod__title"]', seen: SEEN, why: 'S: old list, the hashed class not first' },
  ),
  orderStatus: selector(
    'orderStatus',
    {
      css: '[class^="status-mod__text"]',
      seen: SEEN,
      why: 'R: old list, statusInfo.text rendered per order',
    },
    { css: '[class*="_status_"]', seen: SEEN, why: 'D: Qianniu, status cell' },
    { css: '[class^="status-mod__box"] .now', seen: SEEN, why: 'D: detail page, 当前订单状态：…' },
  ),
  orderTag: selector(
    'orderTag',
    {
      css: '[class^="tag-mod__tags"] > span',
      seen: SEEN,
      why: 'D: old list and detail, service tags (运费险, 七天无理由退换)',
    },
    { css: '[class*="_tags_"] > span', seen: SEEN, why: 'D: Qianniu, service tags under each item' },
  ),
  remarkText: selector(
    'remarkText',
    { css: '[class^="memo-mod__text"]', seen: SEEN, why: 'D: old list and detail, the seller memo as shown' },
    { css: '[class*="_memoText_"]', seen: SEEN, why: 'D: Qianniu, 卖家备注 row' },
  ),
  flagIcon: selector(
    'flagIcon',
    {
      css: '[id="flag"] i',
      seen: SEEN,
      why: 'R: old list, the flag <i> sprite in #flag (the id repeats per order)',
    },
    {
      css: 'div.next-table-body > table > tbody > tr:first-child [class*="qn-flag-"]',
      seen: SEEN,
      why: 'D: Qianniu, the flag icon in the order header',
    },
    {
      css: '[class^="memo-mod__detail-memo"] > i',
      seen: SEEN,
      why: 'D: detail page, flag sprite beside the memo',
    },
  ),
  remarkButton: selector(
    'remarkButton',
    {
      css: 'a[class*="memo-mod__link"]',
      seen: SEEN,
      why: 'D: old list, the 备注 link to update_sell_memo.htm',
    },
    {
      css: 'button[class*="_memoBtn_"]',
      seen: SEEN,
      why: 'D: Qianniu, the 备注 button that opens the Fusion dialog',
    },
    {
      css: '[class^="memo-mod__detail-memo"] a[href*="update_sell_memo.htm"]',
      seen: SEEN,
      why: 'D: detail page, the 编辑 link to the memo page',
    },
    {
      css: '#sold_container td:not([class*="operations"]) a[href*="update_sell_memo.htm"]',
      seen: SEEN,
      why: 'S: old list, a memo-page link outside the flag cell',
    },
  ),
  // ---- the remark editor: memo page or Qianniu dialog ----
  remarkDialog: selector(
    'remarkDialog',
    { css: '.next-dialog', seen: SEEN, why: 'R: Qianniu memo dialog (Fusion)' },
    { css: '[role="dialog"]:has(textarea)', seen: SEEN, why: 'S: any dialog holding a textarea' },
  ),
  remarkField: selector(
    'remarkField',
    { css: 'textarea#memo', seen: SEEN, why: 'R: memo page textarea' },
    { css: '.next-dialog textarea', seen: SEEN, why: 'R: Qianniu dialog, plain React-controlled textarea' },
    { css: 'textarea[placeholder="主订单备忘"]', seen: SEEN, why: 'R: Tmall refund page memo' },
    { css: 'form#form1 textarea[name="memo"]', seen: SEEN, why: 'S: memo page, by the POST field name' },
  ),
  remarkLabel: selector('remarkLabel', {
    css: '.memo-textarea-label',
    seen: SEEN,
    why: 'R: memo page overlay label; it hides only on input events, so fill with a real input event',
  }),
  flagRadio: selector(
    'flagRadio',
    {
      css: '#form1 input[type="radio"][name="flag"]',
      seen: SEEN,
      why: 'R: memo page radios #flag1…#flag5 (+ none)',
    },
    {
      css: '.next-dialog input[type="radio"]',
      seen: SEEN,
      why: 'R: Qianniu dialog, flag radios next to 添加标签',
    },
    { css: 'input[type="radio"][id^="flag"]', seen: SEEN, why: 'S: radios with ids flag0…flag5' },
  ),
  // ---- chat history (live Taobao chat is in the native client: no injection there) ----
  historyFrame: selector(
    'historyFrame',
    {
      css: 'iframe[name="im-history-search"]',
      seen: SEEN,
      why: 'R: Qianniu web chat history page embeds this iframe',
    },
    { css: 'iframe[src*="im-history-search"]', seen: SEEN, why: 'S: by its address' },
  ),
  historyMessage: selector(
    'historyMessage',
    { css: '.msg-list .msg-item', seen: SEEN, why: 'D: one node per message in the history search page' },
    { css: '[class*="msg-from-"]', seen: SEEN, why: 'S: buyer/seller message blocks' },
  ),
};

export type TaobaoSelectorName = keyof typeof taobaoSelectors;
