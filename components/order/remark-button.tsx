import { i18n } from '#i18n';

export interface RemarkButtonProps {
  /** Drives the accent colour so the button looks at home on each back-office. */
  skin: string;
  onOpen(button: HTMLButtonElement): void;
}

/** The compact per-order entry to the composer. */
export function RemarkButton({ skin, onOpen }: RemarkButtonProps) {
  return (
    <button
      type="button"
      class="remark-button"
      data-skin={skin}
      data-testid="remark-button"
      title={i18n.t('orderHelper.buttonTitle')}
      onClick={(e) => onOpen(e.currentTarget)}
    >
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <path
          d="M8.3 1.4l2.3 2.3-6.3 6.3-2.9.6.6-2.9z M7.2 2.5l2.3 2.3"
          fill="none"
          stroke="currentColor"
          stroke-width="1.2"
          stroke-linejoin="round"
        />
      </svg>
      {i18n.t('orderHelper.button')}
    </button>
  );
}
