import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { Modal } from '../ui';

export interface ConfirmRequest {
  title: string;
  text: string;
  action: string;
  danger?: boolean;
  run(): Promise<unknown> | unknown;
}

/** A yes/no question in the page's own style (not window.confirm), Enter confirms, Esc cancels. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await request.run();
    } finally {
      onClose();
    }
  };
  return (
    <Modal
      title={request.title}
      onClose={onClose}
      testId="confirm-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {i18n.t('common.cancel')}
          </button>
          <button
            type="button"
            class={request.danger ? 'primary danger' : 'primary'}
            data-testid="confirm-ok"
            disabled={busy}
            ref={(el) => el?.focus()}
            onClick={() => void go()}
          >
            {request.action}
          </button>
        </>
      }
    >
      <p class="confirm-text">{request.text}</p>
    </Modal>
  );
}
