import { queryAll } from './selector';
import type { ChatMessageOnPage, ChatMessagesAdapter } from './types';

/**
 * A conversation as its readers walk it: who wrote message `i` is cheap to ask, reading it is
 * not (text, time parsing). The response timer walks back from the newest and reads one.
 */
export interface MessageTrail {
  length: number;
  from(i: number): ChatMessageOnPage['from'] | undefined;
  read(i: number): Omit<ChatMessageOnPage, 'from'>;
}

/** The open conversation on the page, through its site's message adapter. */
export function pageMessages(adapter: ChatMessagesAdapter, doc: Document, now = Date.now()): MessageTrail {
  const nodes = queryAll(doc, adapter.node);
  return {
    length: nodes.length,
    from: (i) => adapter.from(nodes[i]!),
    read: (i) => adapter.read(nodes[i]!, now),
  };
}

/** Messages already read (tests, other sources). */
export function listedMessages(messages: readonly ChatMessageOnPage[]): MessageTrail {
  return { length: messages.length, from: (i) => messages[i]?.from, read: (i) => messages[i]! };
}
