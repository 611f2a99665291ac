import { i18n } from '#i18n';

export type ToastTone = 'ok' | 'bad';

/** What just happened, in one line; screen readers hear it (role=status). */
export function Toast({ text, tone, onClose }: { text: string; tone: ToastTone; onClose(): void }) {
  return (
    <div class={`toast ${tone}`} role="status" data-testid="order-toast">
      <span class="mark" aria-hidden="true">
        {tone === 'ok' ? '✓' : '!'}
      </span>
      <span class="text">{text}</span>
      <button type="button" class="close" aria-label={i18n.t('orderHelper.close')} onClick={onClose}>
        ×
      </button>
    </div>
  );
}
