import type { Platform } from './platforms';
import type { NamedSelector } from './selector';

export type SiteId = 'taobao' | 'jd' | 'pdd' | 'douyin' | 'generic';

/** What kind of page we are on decides which features run. */
export type PageKind = 'order-list' | 'order-detail' | 'memo-edit' | 'chat' | 'chat-history' | 'unknown';

/** An order as read off a page. Every field but the id may be missing on a given layout. */
export interface OrderOnPage {
  orderId: string;
  buyerNick?: string;
  status?: string;
  /** Money in fen (integer). */
  paidFen?: number;
  shippingFen?: number;
  createdAt?: string;
  paidAt?: string;
  /** 签收时间 as shown, converted to ISO-8601 with +08:00. */
  signedAt?: string;
  itemTitle?: string;
  /** Existing seller remark, exactly as shown (never modified by us). */
  remark?: string;
  /** The platform's own flag code currently set, if readable. */
  flagCode?: number;
  /** Order tags shown on the page (e.g. 运费险, 退货包运费). */
  tags?: string[];
}

export interface ChatMessageOnPage {
  from: 'buyer' | 'agent';
  text: string;
  /** Epoch ms, when the page shows a time. */
  at?: number;
}

/** Reading a chat page. */
export interface ChatAdapter {
  /** The reply box(es) where phrases go. */
  input: NamedSelector;
  /** Buyer's nick in the open conversation, if shown. */
  buyerNick(doc: Document): string | undefined;
  /** Order id the conversation is about, if shown. */
  orderId?(doc: Document): string | undefined;
  /** Product title the conversation is about, if shown. */
  itemTitle?(doc: Document): string | undefined;
  /** The open conversation's messages, one element each (read through lib/sites/messages.ts). */
  messages?: ChatMessagesAdapter;
  /** Container whose mutations mean new messages arrived (for the response timer). */
  messageList?: NamedSelector;
}

/**
 * Messages as elements: who wrote one is cheap to tell, its text and time are read only when
 * asked. A busy conversation grows by the second and the response timer needs only its end.
 */
export interface ChatMessagesAdapter {
  /** Every message element of the open conversation, oldest first (system notes included). */
  node: NamedSelector;
  /** Who wrote it; undefined for what is neither (system notes, date separators). */
  from(node: Element): ChatMessageOnPage['from'] | undefined;
  /** Its text and, when the page shows one, its time (`now`: the day a bare 12:30 belongs to). */
  read(node: Element, now: number): Omit<ChatMessageOnPage, 'from'>;
}

/** Reading and filling an order page. Never saves: the agent clicks the site's save button. */
export interface OrdersAdapter {
  /** One node per order on list pages (or the single order on detail/memo pages). */
  orderRow: NamedSelector;
  /** Read an order from its row. Returns undefined when the row has no recognizable order id. */
  readOrder(row: Element, doc: Document): OrderOnPage | undefined;
  /** Where our per-order button goes inside a row. */
  buttonAnchor(row: Element): Element | null;
  /** The remark dialog/page field, once open. */
  remarkField: NamedSelector;
  /** Opens the site's own remark dialog for this row, if the page needs it (no save). */
  openRemarkDialog?(row: Element, doc: Document): void;
  /**
   * True when this row's remark is edited on another page that openRemarkDialog opens (Taobao's
   * old list and detail link to the memo page in a new tab): the remark waits for it there.
   */
  remarkOpensPage?(row: Element): boolean;
  /** Selects a flag by the platform's code in the open dialog/page (no save). */
  selectFlag?(doc: Document, code: number): boolean;
}

export interface SiteAdapter {
  id: SiteId;
  platform: Platform;
  /** True when this adapter knows the URL's host. */
  matchesHost(url: URL): boolean;
  pageKind(url: URL, doc: Document): PageKind;
  /** Every named selector the adapter uses, for the fixture tests. */
  selectors: readonly NamedSelector[];
  chat?: ChatAdapter;
  orders?: OrdersAdapter;
}
