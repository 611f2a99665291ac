import { h, render } from 'preact';
import css from '../../components/timer/response-timer.css?inline';
import { ResponseTimer } from '../../components/timer/response-timer';
import { observe } from '../dom/observe';
import { mountShadowUi } from '../dom/shadow-ui';
import { queryFirst } from '../sites/selector';
import { pageMessages, type MessageTrail } from '../sites/messages';
import type { ChatMessageOnPage } from '../sites/types';
import { defineFeature } from './types';

/**
 * How long the buyer has been waiting for an answer, on chat pages whose messages we can read:
 * since the OLDEST buyer message after the agent's last reply (a buyer who wrote 在吗 and then
 * 在吗？ has waited since the first — the platforms' response-time figures count the same way).
 * Red past settings.responseTargetSeconds.
 *
 * Cheap on a busy page: mutations of the message list are coalesced to one read per animation
 * frame, which walks back from the newest message and parses one; the 1 s tick runs only while a
 * buyer message is waiting, and reads no layout.
 */

/**
 * Epoch ms since when the buyer waits, or null when the agent answered last. Walks back from the
 * newest message (system notes neither ask nor answer) and reads only the first of the buyer's
 * unanswered run.
 */
export function waitingSince(
  messages: MessageTrail,
  seenAt: (message: ChatMessageOnPage, index: number) => number,
): number | null {
  let first = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    const from = messages.from(i);
    if (from === 'agent') break;
    if (from === 'buyer') first = i;
  }
  if (first < 0) return null;
  const message: ChatMessageOnPage = { from: 'buyer', ...messages.read(first) };
  return message.at ?? seenAt(message, first);
}

export default defineFeature({
  id: 'response-timer',
  include: ({ pageKind, site }) => pageKind === 'chat' && !!site.chat?.messages && !!site.chat.messageList,
  init(fc) {
    const { signal, site, settings } = fc;
    const chat = site.chat!;
    const messageAdapter = chat.messages!;
    const target = settings.responseTargetSeconds;

    let container: HTMLElement | null = null;
    let mounting: Promise<unknown> | null = null;
    let since: number | null = null;
    let frame = 0;
    let tick: ReturnType<typeof setInterval> | undefined;
    /** When we first saw a message the page shows no time for (bounded). */
    const firstSeen = new Map<string, number>();

    const mount = () =>
      (mounting ??= mountShadowUi(fc, {
        name: 'response-timer',
        css,
        render(c) {
          container = c;
          return () => {
            render(null, c);
            container = null;
            mounting = null;
          };
        },
      }));

    const seenAt = (m: ChatMessageOnPage, index: number) => {
      const key = `${index}\u0000${m.text}`;
      let at = firstSeen.get(key);
      if (at === undefined) {
        if (firstSeen.size > 500) firstSeen.clear();
        at = Date.now();
        firstSeen.set(key, at);
      }
      return at;
    };

    /** Where the chip sits: just above the reply box's right end (the toolbar row's empty side). */
    let spot: { right: number; top: number } | null = null;
    // The box changes size when the page's side panels open or close: the chip follows. Its
    // callbacks come after a layout, so the rect read there costs nothing.
    let watched: Element | null = null;
    const boxResized = new ResizeObserver(() => since !== null && paint(true));
    const measure = () => {
      const box = queryFirst<HTMLElement>(document, chat.input);
      if (box !== watched) {
        if (watched) boxResized.unobserve(watched);
        if (box) boxResized.observe(box);
        watched = box;
      }
      const rect = box?.getBoundingClientRect();
      spot =
        rect && rect.width > 0
          ? { right: Math.max(8, window.innerWidth - rect.right + 12), top: Math.max(8, rect.top - 28) }
          : null;
    };

    /**
     * `remeasure`: read the reply box's place again (a new wait, a resize). The 1 s tick does not:
     * on a page that is adding messages, reading a rect forces a layout of the whole page.
     */
    const paint = (remeasure = false) => {
      if (!container) return;
      if (since !== null && (remeasure || !spot)) measure();
      if (since === null || !spot) {
        render(null, container);
        return;
      }
      render(
        h(ResponseTimer, {
          seconds: Math.max(0, (Date.now() - since) / 1000),
          targetSeconds: target,
          right: spot.right,
          top: spot.top,
          platform: site.platform,
        }),
        container,
      );
    };

    const update = () => {
      frame = 0;
      if (signal.aborted) return;
      let next: number | null = null;
      try {
        next = waitingSince(pageMessages(messageAdapter, document), seenAt);
      } catch (error) {
        console.warn('[kefu] reading chat messages failed', error);
      }
      // Ten messages a second must not mean ten renders (and layout reads): only on a change.
      if (next === since && (next === null || container)) return;
      since = next;
      if (since !== null) {
        void mount().then(() => paint(true));
        // In idle time: in an animation frame it shared the frame of a keystroke now and then,
        // which then waited for it (phrase picker).
        tick ??= setInterval(() => requestIdleCallback(() => paint(), { timeout: 500 }), 1000);
      } else {
        clearInterval(tick);
        tick = undefined;
        paint();
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };

    // One observer per message list element as it appears (conversation switches may replace it).
    observe<HTMLElement>(
      chat.messageList!,
      (list) => {
        const mo = new MutationObserver(schedule);
        mo.observe(list, { childList: true, subtree: true, characterData: true });
        signal.addEventListener('abort', () => mo.disconnect(), { once: true });
        schedule();
      },
      { signal },
    );
    window.addEventListener('resize', () => requestAnimationFrame(() => paint(true)), { signal });

    signal.addEventListener(
      'abort',
      () => {
        cancelAnimationFrame(frame);
        clearInterval(tick);
        boxResized.disconnect();
      },
      { once: true },
    );
  },
});
