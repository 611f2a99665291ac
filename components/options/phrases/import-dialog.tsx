import { i18n } from '#i18n';
import { useMemo, useState } from 'preact/hooks';
import { sendMessage } from '../../../lib/messaging/client';
import { checkPhraseImport, describeImportErrors } from '../../../lib/options/phrase-io';
import type { DataError } from '../../../lib/store/error-text';
import type { PhraseRecord } from '../../../lib/store/db';
import { Modal, Notice } from '../ui';

/**
 * Import of a phrase list: the whole file is checked first and every problem listed by item;
 * only a file without problems can be imported, in one transaction (all or nothing).
 */
export function ImportDialog({
  file,
  existing,
  onClose,
  onDone,
}: {
  file: { name: string; text: string };
  existing: readonly PhraseRecord[];
  onClose(): void;
  onDone(added: number, replaced: number): void;
}) {
  const check = useMemo(() => checkPhraseImport(file.text, existing), [file, existing]);
  const [errors, setErrors] = useState<DataError[]>();
  const [busy, setBusy] = useState(false);
  const shown = errors ?? (check.ok ? undefined : check.errors);

  const run = async () => {
    if (!check.ok) return;
    setBusy(true);
    try {
      const reply = await sendMessage('phrases:import', { phrases: check.phrases });
      if (reply.ok) onDone(reply.added, reply.replaced);
      else setErrors(describeImportErrors(reply.errors, check.phrases));
    } catch (e) {
      setErrors([{ path: '', message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={i18n.t('phrases.importDialog.title', [file.name])}
      onClose={onClose}
      wide
      testId="import-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {i18n.t('common.cancel')}
          </button>
          {check.ok && !shown && (
            <button
              type="button"
              class="primary"
              data-testid="import-confirm"
              disabled={busy}
              onClick={() => void run()}
            >
              {i18n.t('phrases.importDialog.confirm', [String(check.phrases.length)])}
            </button>
          )}
        </>
      }
    >
      {shown ? (
        <>
          <Notice kind="error" testId="import-errors-title">
            {i18n.t('phrases.importDialog.invalid', [String(shown.length)])}
          </Notice>
          <ul class="error-list" data-testid="import-errors">
            {shown.map((e, k) => (
              <li key={k}>
                {e.message}
                {e.path && <code class="path">{e.path}</code>}
              </li>
            ))}
          </ul>
        </>
      ) : (
        check.ok && (
          <Notice kind="info" testId="import-summary">
            {i18n.t('phrases.importDialog.summary', [
              String(check.phrases.length),
              String(check.added),
              String(check.replaced),
            ])}
          </Notice>
        )
      )}
    </Modal>
  );
}
