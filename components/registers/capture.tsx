import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '../../lib/messaging/client';
import type { RegisterKind } from '../../lib/registers/schema';
import { presetDueAt } from '../../lib/registers/time';
import { ReasonSelect } from './reason-select';

export interface CapturePrefill {
  buyerNick?: string;
  orderId?: string;
  itemTitle?: string;
  amountFen?: number;
  signedAt?: number;
  platform?: string;
  agent?: string;
}

/**
 * One-click register entry on a seller page: a compact button, and a small form prefilled from
 * what the page shows. Saving goes to the background (`registers:add`); nothing is sent to the site.
 */
export function CaptureWidget({
  kinds,
  prefill,
  floating,
}: {
  kinds: readonly RegisterKind[];
  prefill: () => CapturePrefill;
  floating?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<CapturePrefill>({});
  const [kind, setKind] = useState<RegisterKind>(kinds[0]!);
  const [saved, setSaved] = useState<{ id: string; kind: RegisterKind }>();
  const [errors, setErrors] = useState<string[]>([]);
  const [followup, setFollowup] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [open]);

  const toggle = () => {
    if (!open) {
      // Read the page at click time: the conversation or order may have changed since mounting.
      setValues(prefill());
      setSaved(undefined);
      setErrors([]);
      setFollowup(false);
    }
    setOpen(!open);
  };

  const submit = async () => {
    const data = new FormData(form.current!);
    const text = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const entry: Record<string, unknown> = {
      kind,
      buyerNick: text('buyerNick'),
      orderId: text('orderId'),
      reason: text('reason'),
      note: text('note'),
      agent: values.agent || undefined,
      platform: values.platform,
    };
    if (kind === 'inquiry')
      Object.assign(entry, { itemTitle: text('itemTitle'), question: text('question') });
    const amount = text('amount');
    if (kind !== 'inquiry' && amount) {
      if (!/^\d+(\.\d{1,2})?$/.test(amount)) return setErrors(['金额：请写成 12.30 这样的数字']);
      entry.amountFen = Math.round(Number(amount) * 100);
    }
    if (kind === 'return' || kind === 'exchange') {
      Object.assign(entry, { trackingNo: text('trackingNo'), quality: data.get('quality') === 'on' });
    }
    for (const k of Object.keys(entry)) if (entry[k] === undefined) delete entry[k];
    try {
      const r = await sendMessage('registers:add', { entry });
      if (!r.ok) return setErrors(r.errors.map((e) => e.message));
      setSaved({ id: r.entry.id, kind });
      setErrors([]);
    } catch (e) {
      setErrors([e instanceof Error ? e.message : String(e)]);
    }
  };

  const remind = async (preset: 'signed-3-days' | 'unpaid-1-hour' | 'next-morning') => {
    if (!saved) return;
    const title = saved.kind === 'unpaid' ? '催付款' : saved.kind === 'inquiry' ? '询盘回访' : '签收回访';
    await sendMessage('followups:add', {
      followup: {
        title,
        dueAt: presetDueAt(preset, Date.now(), values.signedAt),
        entryId: saved.id,
        ...(values.orderId ? { orderId: values.orderId } : {}),
        ...(values.buyerNick ? { buyerNick: values.buyerNick } : {}),
      },
    });
    setFollowup(true);
  };

  return (
    <div class={floating ? 'cap floating' : 'cap'}>
      <button
        type="button"
        class="cap-button"
        data-testid="register-capture-button"
        title={i18n.t('registers.capture.title')}
        aria-expanded={open}
        onClick={toggle}
      >
        {i18n.t('registers.capture.button')}
      </button>
      {open && (
        <div
          class="cap-panel"
          role="dialog"
          aria-label={i18n.t('registers.capture.title')}
          data-testid="register-capture"
        >
          <div class="cap-head">
            <strong>{i18n.t('registers.capture.title')}</strong>
            <button type="button" class="cap-x" aria-label="关闭" onClick={() => setOpen(false)}>
              ×
            </button>
          </div>
          {saved ? (
            <div class="cap-saved" data-testid="register-capture-saved">
              <p>✓ {i18n.t('registers.capture.saved')}</p>
              {followup ? (
                <p class="cap-muted">{i18n.t('registers.capture.followupSet')}</p>
              ) : (
                <div class="cap-presets">
                  <span class="cap-muted">{i18n.t('registers.followup')}</span>
                  {saved.kind === 'unpaid' && (
                    <button type="button" onClick={() => void remind('unpaid-1-hour')}>
                      {i18n.t('registers.preset.unpaid1h')}
                    </button>
                  )}
                  {(saved.kind === 'return' || saved.kind === 'exchange') && (
                    <button type="button" onClick={() => void remind('signed-3-days')}>
                      {i18n.t('registers.preset.signed3')}
                    </button>
                  )}
                  <button type="button" onClick={() => void remind('next-morning')}>
                    {i18n.t('registers.preset.nextMorning')}
                  </button>
                </div>
              )}
            </div>
          ) : (
            <form
              ref={form}
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
            >
              <div class="cap-kinds">
                {kinds.map((k) => (
                  <button
                    type="button"
                    key={k}
                    class={k === kind ? 'on' : undefined}
                    aria-pressed={k === kind}
                    data-kind={k}
                    onClick={() => setKind(k)}
                  >
                    {i18n.t(`registers.kind.${k}`)}
                  </button>
                ))}
              </div>
              <Row name="buyerNick" label={i18n.t('registers.field.buyerNick')} value={values.buyerNick} />
              <Row name="orderId" label={i18n.t('registers.field.orderId')} value={values.orderId} />
              {kind === 'inquiry' && (
                <Row name="itemTitle" label={i18n.t('registers.field.itemTitle')} value={values.itemTitle} />
              )}
              {kind === 'inquiry' && <Row name="question" label={i18n.t('registers.field.question')} />}
              {kind !== 'inquiry' && (
                <Row
                  name="amount"
                  label={i18n.t('registers.field.amount')}
                  value={values.amountFen !== undefined ? (values.amountFen / 100).toFixed(2) : undefined}
                />
              )}
              {(kind === 'return' || kind === 'exchange') && (
                <Row name="trackingNo" label={i18n.t('registers.field.trackingNo')} />
              )}
              <label class="cap-row">
                <span>{i18n.t('registers.field.reason')}</span>
                <ReasonSelect kind={kind} testId="register-capture-reason" />
              </label>
              {(kind === 'return' || kind === 'exchange') && (
                <label class="cap-check">
                  <input type="checkbox" name="quality" />
                  {i18n.t('registers.field.quality')}
                </label>
              )}
              <Row name="note" label={i18n.t('registers.field.note')} />
              {errors.length > 0 && (
                <ul class="cap-errors" role="alert">
                  {errors.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              )}
              <div class="cap-actions">
                <button type="submit" class="cap-primary" data-testid="register-capture-save">
                  {i18n.t('registers.save')}
                </button>
              </div>
            </form>
          )}
        </div>
      )}
    </div>
  );
}

function Row({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <label class="cap-row">
      <span>{label}</span>
      <input name={name} defaultValue={value} maxLength={200} data-testid={`register-capture-${name}`} />
    </label>
  );
}
