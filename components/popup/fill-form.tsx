import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { fillText, type FillField } from '../../lib/popup/fill';

export type PhraseAction = 'insert' | 'copy';

const FROM_KEYS = {
  page: 'popup.fill.from.page',
  settings: 'popup.fill.from.settings',
  today: 'popup.fill.from.today',
} as const;

/**
 * The small form that asks for a phrase's variables before it is copied or inserted. Prefilled
 * from the page and the settings; a blank field with a default uses the default; a blank field
 * without one is asked for here, so no literal {买家} ever leaves the popup.
 * Enter = the action the agent chose, Ctrl/⌘+Enter = copy, Esc = back.
 */
export function FillForm({
  title,
  template,
  fields,
  action,
  onDone,
  onCancel,
}: {
  title: string;
  template: string;
  fields: FillField[];
  action: PhraseAction;
  onDone(text: string, action: PhraseAction): void;
  onCancel(): void;
}) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.value])),
  );
  const [missing, setMissing] = useState<string[]>([]);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
    first.current?.select();
  }, []);

  // Blank variables without a default show as 【单号】 in the preview, so the gap is visible.
  const preview = fillText(
    template,
    Object.fromEntries(
      fields.map((f) => [
        f.name,
        values[f.name]?.trim() || (f.fallback === undefined ? `【${f.name}】` : ''),
      ]),
    ),
  );
  const submit = (how: PhraseAction) => {
    const result = fillText(template, values);
    if (result.missing.length) return setMissing(result.missing);
    onDone(result.text, how);
  };
  // The field the agent has to type: the first blank one without a default, else the first.
  const focusIndex = Math.max(
    0,
    fields.findIndex((f) => !f.value && f.fallback === undefined),
  );

  return (
    <form
      class="fill"
      data-testid="fill-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit(action);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit('copy');
        }
      }}
    >
      <div class="fill-head">
        <strong>{i18n.t('popup.fill.title')}</strong>
        <span class="muted">{title}</span>
      </div>
      <div class="fill-grid">
        {fields.map((f, k) => {
          const error = missing.includes(f.name);
          return (
            <label key={f.name} class="fill-field">
              <span class="fill-label">{f.name}</span>
              <input
                ref={k === focusIndex ? first : undefined}
                data-var={f.name}
                value={values[f.name] ?? ''}
                placeholder={
                  f.fallback !== undefined
                    ? i18n.t('popup.fill.defaultIs', [f.fallback || i18n.t('popup.fill.emptyDefault')])
                    : i18n.t('popup.fill.required')
                }
                aria-invalid={error}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setValues((v) => ({ ...v, [f.name]: value }));
                  if (error) setMissing((m) => m.filter((n) => n !== f.name));
                }}
              />
              {f.from !== 'none' && !error && <span class="fill-from">{i18n.t(FROM_KEYS[f.from])}</span>}
              {error && (
                <span class="field-error" role="alert">
                  {i18n.t('popup.fill.missing', [f.name])}
                </span>
              )}
            </label>
          );
        })}
      </div>
      <div class="fill-preview" data-testid="fill-preview">
        {preview.text}
      </div>
      <div class="fill-actions">
        <button type="button" onClick={onCancel}>
          {i18n.t('popup.fill.back')}
        </button>
        <span class="spacer" />
        <button
          type={action === 'copy' ? 'submit' : 'button'}
          class={action === 'copy' ? 'primary' : undefined}
          onClick={action === 'copy' ? undefined : () => submit('copy')}
        >
          {i18n.t('popup.copy')}{' '}
          <kbd>{i18n.t(action === 'copy' ? 'popup.keyEnter' : 'popup.keyCtrlEnter')}</kbd>
        </button>
        {action === 'insert' && (
          <button type="submit" class="primary" data-testid="fill-insert">
            {i18n.t('popup.insert')} <kbd>{i18n.t('popup.keyEnter')}</kbd>
          </button>
        )}
      </div>
    </form>
  );
}
