import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import './kit.css';

/** Small building blocks of the options page's sections (phrases, settings, backup). */

export function Modal({
  title,
  onClose,
  children,
  footer,
  wide,
  testId,
}: {
  title: string;
  onClose(): void;
  children: ComponentChildren;
  footer?: ComponentChildren;
  wide?: boolean;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>(
      'input:not([type=hidden]):not([disabled]), textarea, select, button.primary, button',
    );
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div
      class="modal-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div
        ref={box}
        class={wide ? 'modal modal-wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
      >
        <header class="modal-head">
          <h3>{title}</h3>
          <button type="button" class="icon-close" aria-label={i18n.t('common.close')} onClick={onClose}>
            ×
          </button>
        </header>
        <div class="modal-body">{children}</div>
        {footer && <footer class="modal-foot">{footer}</footer>}
      </div>
    </div>
  );
}

export type NoticeKind = 'ok' | 'warn' | 'error' | 'info';

export function Notice({
  kind,
  children,
  testId,
}: {
  kind: NoticeKind;
  children: ComponentChildren;
  testId?: string;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/** A labelled control with its hint and its error right under it (errors in Chinese at the field). */
export function Field({
  label,
  hint,
  error,
  children,
  name,
}: {
  label: string;
  hint?: ComponentChildren;
  error?: string;
  children: ComponentChildren;
  name?: string;
}) {
  return (
    <div class={error ? 'field has-error' : 'field'} data-field={name}>
      <label class="field-label">{label}</label>
      <div class="field-control">{children}</div>
      {error ? (
        <div class="field-error" role="alert" data-testid={name ? `error-${name}` : undefined}>
          {error}
        </div>
      ) : (
        hint && <div class="field-hint">{hint}</div>
      )}
    </div>
  );
}

export function downloadText(filename: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 20250820-1430 in Asia/Shanghai, for file names. */
export function stamp(now = Date.now()): string {
  const d = new Date(now + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

/** 2025-08-20 14:30 (Asia/Shanghai). */
export function formatTime(ms: number | undefined): string {
  if (!ms) return '—';
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** 刚刚 / 5 分钟前 / 3 天前 / the date. */
export function relativeTime(ms: number | undefined, now = Date.now()): string {
  if (!ms) return '—';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return i18n.t('common.justNow');
  if (s < 3600) return i18n.t('common.minutesAgo', [String(Math.floor(s / 60))]);
  if (s < 86400) return i18n.t('common.hoursAgo', [String(Math.floor(s / 3600))]);
  if (s < 30 * 86400) return i18n.t('common.daysAgo', [String(Math.floor(s / 86400))]);
  return formatTime(ms).slice(0, 10);
}
