import { i18n } from '#i18n';
import type { PhraseRecord } from '../../../lib/store/db';
import { TemplateText } from '../../highlight';
import { Modal, Notice } from '../ui';

/** A phrase from a team pack: read-only; the agent may copy it to their own phrases and edit that. */
export function PackPhraseView({
  phrase,
  onClose,
  onFork,
}: {
  phrase: PhraseRecord;
  onClose(): void;
  onFork(): void;
}) {
  const source = phrase.source.kind === 'pack' ? phrase.source : undefined;
  return (
    <Modal
      title={phrase.title}
      onClose={onClose}
      testId="pack-phrase-view"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {i18n.t('common.close')}
          </button>
          <button type="button" class="primary" data-testid="fork" onClick={onFork}>
            {i18n.t('phrases.list.fork')}
          </button>
        </>
      }
    >
      <Notice kind="info">
        {i18n.t('phrases.pack.readOnly', [source?.packId ?? '', String(source?.version ?? '')])}
      </Notice>
      <dl class="facts">
        <dt>{i18n.t('phrases.field.shortcut')}</dt>
        <dd>{phrase.shortcut ? <kbd class="shortcut">{phrase.shortcut}</kbd> : '—'}</dd>
        <dt>{i18n.t('phrases.field.category')}</dt>
        <dd>{phrase.category || '—'}</dd>
        <dt>{i18n.t('phrases.field.tags')}</dt>
        <dd>{phrase.tags?.join('、') || '—'}</dd>
      </dl>
      <ol class="variant-read">
        {phrase.variants.map((v, k) => (
          <li key={k}>
            <TemplateText text={v} />
          </li>
        ))}
      </ol>
    </Modal>
  );
}
