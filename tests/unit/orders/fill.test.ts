// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fillRemark } from '../../../lib/orders/dom/fill';
import { selector } from '../../../lib/sites/selector';
import type { OrdersAdapter } from '../../../lib/sites/types';

const SEEN = '2026-11-22';

/** A stand-in site: its dialog opens on demand, holding a textarea with the existing remark. */
function site(existing: string) {
  document.body.textContent = '';
  const row = document.createElement('div');
  document.body.append(row);
  const inputs: string[] = [];
  const selectFlag = vi.fn(() => true);
  const orders: OrdersAdapter = {
    orderRow: selector('orderRow', { css: 'div', seen: SEEN, why: 'test row' }),
    readOrder: () => ({ orderId: '1' }),
    buttonAnchor: () => row,
    remarkField: selector('remarkField', { css: '.dialog textarea', seen: SEEN, why: 'test field' }),
    openRemarkDialog: () => {
      const dialog = document.createElement('div');
      dialog.className = 'dialog';
      const field = document.createElement('textarea');
      field.value = existing;
      field.addEventListener('input', () => inputs.push(field.value));
      dialog.append(field);
      document.body.append(dialog);
    },
    selectFlag,
  };
  return { row, orders, inputs, selectFlag };
}

const signal = new AbortController().signal;

describe('filling the site remark field', () => {
  it('opens the dialog, appends after the existing remark with the separator, selects the flag', async () => {
    const { row, orders, inputs, selectFlag } = site('阿杰 发顺丰 2026.11.20');
    const outcome = await fillRemark({
      doc: document,
      orders,
      platform: 'jd',
      row,
      addition: '蔡蔡 送杯刷 2026.11.22',
      flagCode: 4,
      signal,
    });
    expect(outcome).toMatchObject({
      ok: true,
      flagSelected: true,
      text: '阿杰 发顺丰 2026.11.20；蔡蔡 送杯刷 2026.11.22',
    });
    // The framework heard an input event with the whole text (never a replaced remark).
    expect(inputs.at(-1)).toBe('阿杰 发顺丰 2026.11.20；蔡蔡 送杯刷 2026.11.22');
    expect(selectFlag).toHaveBeenCalledWith(document, 4);
  });

  it('refuses to add the same remark twice unless the agent insisted', async () => {
    const { row, orders } = site('蔡蔡 送杯刷 2026.11.22');
    const req = {
      doc: document,
      orders,
      platform: 'taobao' as const,
      row,
      addition: '蔡蔡 送杯刷 2026.11.22',
      signal,
    };
    expect(await fillRemark(req)).toMatchObject({ ok: false, reason: 'duplicate' });
    expect(await fillRemark({ ...req, allowDuplicate: true })).toMatchObject({
      ok: true,
      text: '蔡蔡 送杯刷 2026.11.22\n蔡蔡 送杯刷 2026.11.22',
    });
  });

  it('says so in Chinese when the site shows no remark field', async () => {
    const { row, orders } = site('');
    const outcome = await fillRemark({
      doc: document,
      orders: { ...orders, openRemarkDialog: () => undefined },
      platform: 'pdd',
      row,
      addition: '蔡蔡 送杯刷 2026.11.22',
      signal,
      timeoutMs: 50,
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'no-field' });
    expect(!outcome.ok && outcome.message).toContain('备注');
  });
});
