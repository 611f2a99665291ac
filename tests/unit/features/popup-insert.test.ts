// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import popupInsert from '../../../lib/features/popup-insert';
import type { FeatureContext } from '../../../lib/features/types';
import { genericAdapter } from '../../../lib/sites';
import type { SiteAdapter } from '../../../lib/sites/types';

/** The popup's insert, content-script side: it remembers the last focused field and types there. */
const site: SiteAdapter = {
  ...genericAdapter,
  chat: { input: { name: 'x', alternatives: [] }, buyerNick: () => 'm***o', orderId: () => '250820-123' },
};

let controller: AbortController;
function start() {
  controller = new AbortController();
  void popupInsert.init({ signal: controller.signal, site } as unknown as FeatureContext);
}
afterEach(() => {
  controller?.abort();
  fakeBrowser.reset();
  document.body.replaceChildren();
});

const send = (message: unknown) => fakeBrowser.runtime.sendMessage(message);

describe('popup-insert', () => {
  it('answers the probe with the last focused field and the page context', async () => {
    start();
    expect(await send({ type: 'popup-insert:probe' })).toMatchObject({ hasField: false, focusedAt: 0 });
    const area = document.createElement('textarea');
    area.id = 'replyTextarea';
    document.body.append(area);
    area.focus();
    area.blur(); // opening the popup takes the focus away from the page
    const probe = await send({ type: 'popup-insert:probe' });
    expect(probe).toMatchObject({
      hasField: true,
      field: 'textarea#replyTextarea',
      context: { 买家: 'm***o', 订单号: '250820-123' },
    });
  });

  it('inserts at the caret, keeping what the agent typed, and tells the framework', async () => {
    start();
    const area = document.createElement('textarea');
    document.body.append(area);
    area.value = '您好，再见';
    area.focus();
    area.setSelectionRange(3, 3);
    let inputs = 0;
    area.addEventListener('input', () => inputs++);
    const reply = await send({ type: 'popup-insert:insert', text: '亲，马上发货。' });
    expect(reply).toMatchObject({ ok: true });
    expect(area.value).toBe('您好，亲，马上发货。再见');
    expect(inputs).toBeGreaterThan(0);
  });

  it('says so when the field is gone, and ignores messages that are not its own', async () => {
    start();
    const area = document.createElement('textarea');
    document.body.append(area);
    area.focus();
    area.remove();
    expect(await send({ type: 'popup-insert:insert', text: 'x' })).toEqual({ ok: false, reason: 'gone' });
    expect(await send({ type: 'phrases:list', data: {} })).toBeUndefined();
    expect(await send({ type: 'popup-insert:insert', text: '' })).toBeUndefined(); // invalid: not answered
  });
});
