import { useEffect, useRef } from 'preact/hooks';
import type { PackPreview } from '../../lib/packs/installed';
import {
  DiffView,
  Fingerprint,
  formatDate,
  includesText,
  latestChangelog,
  Note,
  PhraseRow,
  SignatureBadge,
  t,
} from './packs-ui';

/**
 * The review before anything is written: what the pack is, who signed it, and — for an update —
 * exactly which phrases are added, changed and removed. Applying is one click from here.
 */
export function PackPreviewDialog(props: {
  preview: PackPreview;
  busy: boolean;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { preview: p } = props;
  const applyRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    applyRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') props.onCancel();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const title =
    p.kind === 'install'
      ? t('packs.previewInstall', [p.incoming.name])
      : p.kind === 'unchanged'
        ? t('packs.previewUnchanged', [p.incoming.name])
        : t('packs.previewUpdate', [p.incoming.name]);
  // Same version, but the agent is subscribing or pinning a key: applying saves that.
  const justClose = p.kind === 'unchanged' && !p.saves;
  const applyLabel =
    p.kind === 'install'
      ? t('packs.install')
      : p.kind === 'unchanged'
        ? p.saves
          ? t('packs.saveSubscription')
          : t('packs.close')
        : p.kind === 'downgrade'
          ? t('packs.applyDowngrade', [p.incoming.version])
          : t('packs.applyUpdate', [p.incoming.version]);
  const changelog = latestChangelog(p.incoming.changelog);

  return (
    <div class="pk-modal-back" onClick={(e) => e.target === e.currentTarget && props.onCancel()}>
      <div
        class="pk-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pk-preview-title"
        data-testid="pack-preview"
      >
        <div class="pk-modal-head">
          <h3 id="pk-preview-title">{title}</h3>
          <div class="pk-row">
            {p.installed && p.installed.version !== p.incoming.version ? (
              <span class="pk-version-arrow">
                <span class="pk-badge plain">{t('packs.versionN', [p.installed.version])}</span>→
                <span class="pk-badge info">{t('packs.versionN', [p.incoming.version])}</span>
              </span>
            ) : (
              <span class="pk-badge info">{t('packs.versionN', [p.incoming.version])}</span>
            )}
            <SignatureBadge status={p.signature} />
            <span class="pk-sub">
              {t('packs.byPublisher', [p.incoming.publisher])} · {formatDate(p.incoming.updatedAt)} ·{' '}
              {t('packs.phraseCount', [p.incoming.phraseCount])}
            </span>
          </div>
        </div>
        <div class="pk-modal-body">
          {p.incoming.description && <p style={{ margin: 0 }}>{p.incoming.description}</p>}
          {p.signature === 'verified' && p.trustFingerprint && (
            <Note kind="ok" title={t('packs.verifiedWith')}>
              <Fingerprint value={p.trustFingerprint} />
            </Note>
          )}
          {p.signature !== 'verified' && p.signedKeyId && (
            <Note kind="warn" title={t('packs.signedNotPinned')}>
              <span>{t('packs.signedNotPinnedHint')}</span>
              <Fingerprint value={p.signedKeyId} />
            </Note>
          )}
          {p.warnings.map((w, i) => (
            <Note kind="warn" key={`w${i}`}>
              {w}
            </Note>
          ))}
          {p.parseWarnings.length > 0 && (
            <Note kind="info" title={t('packs.parseWarnings')}>
              <ul>
                {p.parseWarnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </Note>
          )}
          <Note kind={p.kind === 'downgrade' ? 'warn' : 'info'}>
            <span>{p.message}</span>
            {includesText(p.incoming.includes) && (
              <span class="pk-sub">{t('packs.alsoIncludes', [includesText(p.incoming.includes)])}</span>
            )}
          </Note>
          {changelog && (
            <div>
              <div class="pk-sub" style={{ marginBottom: '4px' }}>
                {t('packs.changelog')}
              </div>
              <p class="pk-changelog">{changelog}</p>
            </div>
          )}
          {p.diff && <DiffView diff={p.diff} />}
          {!p.diff && p.sample && p.sample.length > 0 && (
            <div>
              <div class="pk-sub" style={{ marginBottom: '4px' }}>
                {t('packs.contains', [p.incoming.phraseCount])}
              </div>
              <div class="pk-phrases">
                {p.sample.map((ph, i) => (
                  <PhraseRow key={i} phrase={ph} maxVariants={1} />
                ))}
                {p.incoming.phraseCount > p.sample.length && (
                  <div class="pk-more">
                    {t('packs.moreItems', [p.incoming.phraseCount - p.sample.length])}
                  </div>
                )}
              </div>
            </div>
          )}
        </div>
        <div class="pk-modal-foot">
          <span class="pk-sub pk-spacer">{justClose ? '' : t('packs.atomicHint')}</span>
          {!justClose && (
            <button type="button" onClick={props.onCancel} disabled={props.busy}>
              {t('packs.cancel')}
            </button>
          )}
          <button
            type="button"
            class="primary"
            ref={applyRef}
            data-testid="pack-apply"
            disabled={props.busy}
            onClick={justClose ? props.onCancel : props.onApply}
          >
            {props.busy ? t('packs.applying') : applyLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
