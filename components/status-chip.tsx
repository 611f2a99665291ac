import { i18n } from '#i18n';

export interface StatusChipProps {
  siteLabel: string;
  pageLabel: string;
  onHide(): void;
}

/** A small, quiet sign that Kefu Kit recognized this page (and which page it thinks it is). */
export function StatusChip({ siteLabel, pageLabel, onHide }: StatusChipProps) {
  return (
    <div class="chip" data-testid="status-chip" role="status">
      <span class="dot" aria-hidden="true" />
      <span class="brand">{i18n.t('extName')}</span>
      <span class="where">
        {siteLabel} · {pageLabel}
      </span>
      <button type="button" class="close" title={i18n.t('statusChip.hide')} onClick={onHide}>
        ×
      </button>
    </div>
  );
}
